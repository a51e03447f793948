import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { consents, consentVersions } from "../../db/schema";
import { getConsent } from "../../consent/grants";
import { createGoal } from "../../app/plan/goals.server";
import { addMonths, calendarDay, endOfDay, lastDay } from "../../app/lib/dates";
import * as accessPage from "../../app/routes/family/access";
import * as editAccess from "../../app/routes/family/access-edit";
import * as planPage from "../../app/routes/family/plan";
import * as careHome from "../../app/routes/care/home";
import * as goalsPage from "../../app/routes/care/goals";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit } from "../support/routes";

// No surprises at the end, and taking back as easy as giving: "stopt over 9 dagen"
// on both sides with one tap to extend; "Gestopt op … door …" once stopped.

const DAY = 24 * 60 * 60 * 1000;
const dayFromNow = (days: number) => endOfDay(calendarDay(Date.now() + days * DAY));

async function setup(endsInDays: number, options: { claim?: boolean } = {}) {
  const family = await makeFamily(undefined, "Gezin Einde");
  const goalId = createGoal(getDb(), family.familyId, family.admin.id, { title: "Sem is op tijd", lifeArea: "school", term: "short", memberIds: [] });
  const made = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, selection: { goals: [goalId] }, endsAt: dayFromNow(endsInDays), ...options });
  return { ...family, ...made, goalId };
}

const list = (s: { familyId: string; admin: { cookie: string } }) => load(accessPage.loader, `/f/${s.familyId}/access`, { familyId: s.familyId }, s.admin.cookie);
const row = (result: { data: any }, id: string) => result.data.consents.find((c: any) => c.id === id);

describe("14 days before the end", () => {
  it("the family sees it on the plan and on 'Wie mag meekijken?', and the professional on their home page", async () => {
    const s = await setup(9);
    const standing = row(await list(s), s.consentId).standing;
    expect(standing).toMatchObject({ status: "active", daysLeft: 9, lastDay: lastDay(dayFromNow(9)) });
    expect(standing.extendTo).toBe(lastDay(endOfDay(addMonths(calendarDay(Date.now()), 6))));

    const plan = await load(planPage.loader, `/f/${s.familyId}`, { familyId: s.familyId }, s.admin.cookie);
    expect(plan.data.sharing.endingSoon.map((c: any) => [c.id, c.standing.daysLeft])).toEqual([[s.consentId, 9]]);

    const home = await load(careHome.loader, "/care", {}, s.professional.cookie);
    expect(home.data.active[0].daysLeft).toBe(9);
  });

  it("says nothing yet at 15 days", async () => {
    const s = await setup(15);
    expect(row(await list(s), s.consentId).standing.daysLeft).toBeNull();
    const plan = await load(planPage.loader, `/f/${s.familyId}`, { familyId: s.familyId }, s.admin.cookie);
    expect(plan.data.sharing.endingSoon).toEqual([]);
    expect((await load(careHome.loader, "/care", {}, s.professional.cookie)).data.active[0].daysLeft).toBeNull();
  });

  it("one tap extends it: a new version with the same parts and records, back on the plan", async () => {
    const s = await setup(5);
    const path = `/f/${s.familyId}/access/${s.consentId}`;
    const extended = await submit(editAccess.action, path, { familyId: s.familyId, consentId: s.consentId }, { intent: "extend", from: "plan" }, s.admin.cookie);
    expect(extended.status).toBe(302);
    expect(extended.location).toBe(`/f/${s.familyId}?done=extended&consent=${s.consentId}`);
    const consent = getConsent(getDb(), s.familyId, s.consentId)!;
    expect(consent.version).toBe(2);
    expect(lastDay(consent.endsAt)).toBe(addMonths(calendarDay(Date.now()), 6));
    const versions = getDb().select().from(consentVersions).where(eq(consentVersions.consentId, s.consentId)).all();
    expect(versions.map((v) => [v.version, v.scopes, v.selection])).toEqual([
      [1, { goals: "read" }, { goals: [s.goalId] }],
      [2, { goals: "read" }, { goals: [s.goalId] }],
    ]);
    expect(row(await list(s), s.consentId).standing.daysLeft).toBeNull();
  });

  it("only an admin extends, and a stopped consent cannot be extended", async () => {
    const s = await setup(5);
    const path = `/f/${s.familyId}/access/${s.consentId}`;
    const params = { familyId: s.familyId, consentId: s.consentId };
    expect((await submit(editAccess.action, path, params, { intent: "extend" }, s.professional.cookie)).status).toBe(404);
    await submit(editAccess.action, path, params, { intent: "revoke" }, s.admin.cookie);
    const refused = await submit(editAccess.action, path, params, { intent: "extend" }, s.admin.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.form).toBe("access:errors.revoked");
    expect(getConsent(getDb(), s.familyId, s.consentId)!.version).toBe(1);
  });

  it("a waiting invitation says until when its link works (14 days), not the access end", async () => {
    const s = await setup(120, { claim: false });
    const standing = row(await list(s), s.consentId).standing;
    expect(standing.status).toBe("pending");
    expect(standing.linkUntil).toBe(calendarDay(Date.now() + 14 * DAY));
    expect(standing.lastDay).toBe(lastDay(dayFromNow(120)));
  });

  it("when it has ended, both sides say 'afgelopen' and nothing is shown as current", async () => {
    const s = await setup(30);
    getDb().update(consents).set({ endsAt: Date.now() - DAY }).where(eq(consents.id, s.consentId)).run();
    const standing = row(await list(s), s.consentId).standing;
    expect(standing).toMatchObject({ status: "expired", daysLeft: null, extendTo: null });
    const home = await load(careHome.loader, "/care", {}, s.professional.cookie);
    expect(home.data.active).toEqual([]);
    expect(home.data.ended[0]).toMatchObject({ status: "expired" });
  });
});

describe("Toegang stoppen from the list", () => {
  it("stops at once, comes back to the list, and the row says who stopped it when", async () => {
    const s = await setup(60);
    const path = `/f/${s.familyId}/access/${s.consentId}`;
    const stopped = await submit(editAccess.action, path, { familyId: s.familyId, consentId: s.consentId }, { intent: "revoke", from: "list" }, s.admin.cookie);
    expect(stopped.status).toBe(302);
    expect(stopped.location).toBe(`/f/${s.familyId}/access?done=revoked&consent=${s.consentId}`);
    // The professional's very next look is refused.
    expect((await load(goalsPage.loader, `/care/${s.familyId}/goals`, { familyId: s.familyId }, s.professional.cookie)).status).toBe(404);
    const standing = row(await list(s), s.consentId).standing;
    expect(standing).toMatchObject({ status: "revoked", revokedBy: s.admin.name, daysLeft: null });
    expect(standing.revokedAt).toBeGreaterThan(Date.now() - 60_000);
    const detail = await load(editAccess.loader, path, { familyId: s.familyId, consentId: s.consentId }, s.admin.cookie);
    expect(detail.data.standing).toMatchObject({ status: "revoked", revokedBy: s.admin.name });
    const home = await load(careHome.loader, "/care", {}, s.professional.cookie);
    expect(home.data.ended[0]).toMatchObject({ status: "revoked" });
  });

  it("without JavaScript the row's link opens one confirmation page that posts back to the list", async () => {
    const s = await setup(60);
    const path = `/f/${s.familyId}/access/${s.consentId}`;
    const confirm = await load(editAccess.loader, `${path}?confirm=revoke&from=list`, { familyId: s.familyId, consentId: s.consentId }, s.admin.cookie);
    expect(confirm.data).toMatchObject({ confirmRevoke: true, from: "list" });
    // A made-up "from" stays on the consent's own page.
    const odd = await submit(editAccess.action, path, { familyId: s.familyId, consentId: s.consentId }, { intent: "revoke", from: "https://evil.example" }, s.admin.cookie);
    expect(odd.location).toBe(`${path}?done=revoked`);
  });
});
