import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, createRoutesStub } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, consents, families, members, progressNotes } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { NoAccess, readThroughGate } from "../../consent/gate";
import { createGoal, listGoals } from "../../app/plan/goals.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { checkinDue } from "../../app/plan/coaching.server";
import { runMailJobs } from "../../app/sharing/mail-jobs.server";
import { setTeam } from "../../app/plan/team.server";
import { familyHistory } from "../../app/plan/history.server";
import { planHints } from "../../app/plan/plan-check.server";
import * as teamEnd from "../../app/routes/family/team-end";
import * as help from "../../app/routes/family/help";
import * as plan from "../../app/routes/family/plan";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, submit } from "../support/routes";
import { mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";

// When coaching ends (issue 14 §2, ADR 021): the family hands the coach role on, or
// puts the plan on waakvlam and chooses whose access stays; a month without a word
// brings "Hoe gaat het?"; "We willen weer hulp" gives the last coach back exactly the
// parts they had, once an admin confirmed. Ended access and its looks stay.

beforeAll(() => mailServer.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetMail();
  vi.useRealTimers();
});
afterAll(() => mailServer.close());

const DAY = 24 * 60 * 60 * 1000;

/** A family page as the browser gets it, inside the family's layout (the plan page reads its members). */
function render(Component: ComponentType, path: string, loaderData: unknown) {
  const Stub = createRoutesStub([{ id: "routes/family/layout", path: "/", Component: Outlet, children: [{ id: "page", path: path.split("?")[0], Component }] }]);
  const hydrationData = { loaderData: { "routes/family/layout": { members: [] }, page: loaderData } };
  return renderToString(createElement(Stub, { initialEntries: [path], hydrationData }));
}

/** A family with a coach (goals to write, one chosen what-if part), a teacher and a debt counsellor. */
async function coachedFamily(name = "Gezin Waakvlam") {
  const family = await makeFamily(undefined, name);
  const db = getDb();
  const goalId = createGoal(db, family.familyId, family.admin.id, { title: "Rust in huis", lifeArea: "home", term: "long", memberIds: [] });
  const coach = await makeConsent(family.familyId, family.admin.id, {
    scopes: { goals: "write", progress: "read" },
    selection: { goals: [goalId] },
    professional: await makeUser({ name: "Marco Visser", organisation: "Gezinscoach Noord" }),
  });
  const teacher = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, professional: await makeUser({ name: "Sanne de Boer" }) });
  const debts = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, professional: await makeUser({ name: "Ria Schuldhulp" }) });
  setTeam(db, family.familyId, family.admin.id, { coach: coach.consentId, second: teacher.consentId, teamPage: true });
  const member = await makeUser({ name: "Papa Test" });
  db.insert(members).values({ id: newId(), familyId: family.familyId, name: member.name, relation: "papa", userId: member.id, role: "member" }).run();
  return { ...family, goalId, coach, teacher, debts, member, params: { familyId: family.familyId }, end: `/f/${family.familyId}/team/end`, help: `/f/${family.familyId}/help` };
}

const canRead = (userId: string, familyId: string) => {
  try {
    readThroughGate(getDb(), webAccess(userId, familyId), "goals", () => listGoals(getDb(), familyId));
    return true;
  } catch (error) {
    if (error instanceof NoAccess) return false;
    throw error;
  }
};

const familyRow = (familyId: string) => getDb().select().from(families).where(eq(families.id, familyId)).get()!;
const consentRow = (id: string) => getDb().select().from(consents).where(eq(consents.id, id)).get()!;

describe("handing the coach role over", () => {
  it("gives the role to another professional, who stops being second coach; the old coach keeps access unless the family ends it", async () => {
    const f = await coachedFamily();
    const kept = await submit(teamEnd.action, f.end, f.params, { intent: "handover", to: f.teacher.consentId }, f.admin.cookie);
    expect(kept.location).toBe(`/f/${f.familyId}/team?handedOver=1`);
    expect(familyRow(f.familyId)).toMatchObject({ coachConsentId: f.teacher.consentId, secondCoachConsentId: null, waakvlamAt: null });
    expect(consentRow(f.coach.consentId).status).toBe("active");

    // Back to Marco, and this time Sanne's access ends with it.
    await submit(teamEnd.action, f.end, f.params, { intent: "handover", to: f.coach.consentId, endOld: "yes" }, f.admin.cookie);
    expect(familyRow(f.familyId).coachConsentId).toBe(f.coach.consentId);
    expect(consentRow(f.teacher.consentId).status).toBe("revoked");
    expect(canRead(f.teacher.professional.id, f.familyId)).toBe(false);
    expect(canRead(f.coach.professional.id, f.familyId)).toBe(true);
  });

  it("refuses someone without access, or no choice, with a message at the field and nothing stored", async () => {
    const f = await coachedFamily();
    const other = await coachedFamily("Gezin Anders");
    for (const to of ["", other.coach.consentId, f.coach.consentId, "x".repeat(41)]) {
      const refused = await submit(teamEnd.action, f.end, f.params, { intent: "handover", to }, f.admin.cookie);
      expect(refused.status, to).toBe(400);
      expect(refused.data.errors.to, to).toBeTruthy();
      expect(refused.data.values.to, to).toBe(to);
    }
    expect(familyRow(f.familyId).coachConsentId).toBe(f.coach.consentId);
    expect(getDb().select().from(changes).where(and(eq(changes.familyId, f.familyId), eq(changes.entity, "team"))).all()).toHaveLength(1);
  });
});

describe("waakvlam", () => {
  it("ends the coach's access and every access not ticked; the ticked one stays; the history and the ended consents stay", async () => {
    const f = await coachedFamily();
    // The coach looked once before coaching ended: that look stays in the family's log.
    expect(canRead(f.coach.professional.id, f.familyId)).toBe(true);
    const done = await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam", keep: [f.debts.consentId], checkinMail: "yes" }, f.admin.cookie);
    expect(done.location).toBe(`/f/${f.familyId}?waakvlam=1`);
    expect(familyRow(f.familyId)).toMatchObject({ coachConsentId: null, secondCoachConsentId: null, lastCoachConsentId: f.coach.consentId, checkinMail: true });
    expect(familyRow(f.familyId).waakvlamAt).toBeGreaterThan(Date.now() - 60_000);
    expect([f.coach, f.teacher, f.debts].map((c) => consentRow(c.consentId).status)).toEqual(["revoked", "revoked", "active"]);
    expect(canRead(f.coach.professional.id, f.familyId)).toBe(false);
    expect(canRead(f.teacher.professional.id, f.familyId)).toBe(false);
    expect(canRead(f.debts.professional.id, f.familyId)).toBe(true);
    const history = familyHistory(getDb(), f.familyId, null);
    expect(JSON.stringify(history)).toContain("waakvlam");
    // The family chose to go on without a coach: the plan check does not ask for one.
    expect(planHints(getDb(), f.familyId).map((hint) => hint.kind)).not.toContain("noCoach");

    // The plan says so, and offers the way back.
    const page = await load(plan.loader, `/f/${f.familyId}?waakvlam=1`, f.params, f.admin.cookie);
    expect(page.data.waakvlam).toMatchObject({ checkinDue: false, lastCoach: { name: "Marco Visser", canAsk: true } });
    const html = render(plan.default as ComponentType, `/f/${f.familyId}?waakvlam=1`, page.data);
    expect(html).toContain("Op waakvlam");
    expect(html).toContain("Vraag Marco Visser terug");
    expect(html).toContain(`href="/f/${f.familyId}/help"`);
  });

  it("needs a coach with access, and is for admins only", async () => {
    const f = await coachedFamily();
    const asMember = await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam" }, f.member.cookie).catch((error: Response) => ({ status: error.status }));
    expect(asMember.status).toBe(404);
    expect(await load(teamEnd.loader, f.end, f.params, f.member.cookie).catch((error: Response) => ({ status: error.status }))).toMatchObject({ status: 404 });
    setTeam(getDb(), f.familyId, f.admin.id, { coach: null, second: null, teamPage: true });
    const noCoach = await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam" }, f.admin.cookie);
    expect(noCoach.status).toBe(400);
    expect(noCoach.data.errors.form).toBe("team:errors.noCoach");
    expect(familyRow(f.familyId).waakvlamAt).toBeNull();
    expect(consentRow(f.teacher.consentId).status).toBe("active");
  });

  it("asks 'Hoe gaat het?' a month after the last word, in the plan and once that month by mail", async () => {
    const f = await coachedFamily();
    await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam", checkinMail: "yes" }, f.admin.cookie);
    const start = familyRow(f.familyId).waakvlamAt!;
    expect(checkinDue(getDb(), f.familyId, start + 29 * DAY)).toBe(false);
    expect(checkinDue(getDb(), f.familyId, start + 31 * DAY)).toBe(true);
    useMailProvider();
    // Other families of this file are on waakvlam too: count this admin's mails.
    const mine = () => sentMails.filter((sent) => sent.body.to === f.admin.email && sent.body.subject === "Hoe gaat het met jullie?");
    await runMailJobs(getDb(), start + 10 * DAY);
    expect(mine()).toHaveLength(0);
    await runMailJobs(getDb(), start + 31 * DAY);
    await runMailJobs(getDb(), start + 31 * DAY + 1000);
    expect(mine()).toHaveLength(1);
    const [mail] = mine();
    expect(mail.body.text).toContain("Gezin Waakvlam");

    // A word in the plan answers it: the next ask is a month after that.
    const note = createProgressNote(getDb(), f.familyId, f.admin.id, { text: "Het gaat goed, Sem gaat elke dag", goalId: null, mood: 4 }) as { id: string };
    // Written on day 32 (the database stamps its own clock, so the day is set here).
    getDb().update(progressNotes).set({ createdAt: start + 32 * DAY }).where(eq(progressNotes.id, note.id)).run();
    expect(checkinDue(getDb(), f.familyId, start + 40 * DAY)).toBe(false);
    expect(checkinDue(getDb(), f.familyId, start + 63 * DAY)).toBe(true);
  });

  it("sends no monthly mail to a family that did not ask for it", async () => {
    const f = await coachedFamily();
    await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam" }, f.admin.cookie);
    useMailProvider();
    await runMailJobs(getDb(), Date.now() + 40 * DAY);
    expect(sentMails.filter((sent) => sent.body.to === f.admin.email && sent.body.subject === "Hoe gaat het met jullie?")).toHaveLength(0);
  });
});

describe("We willen weer hulp", () => {
  it("shows the family what the coach had, and after an admin's yes the coach has exactly that again, is coach again, and hears so", async () => {
    const f = await coachedFamily();
    await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam" }, f.admin.cookie);
    const page = await load(help.loader, f.help, f.params, f.member.cookie);
    expect(page.data.isAdmin).toBe(false);
    expect(page.data.waakvlam.lastCoach.parts).toEqual([
      { section: "goals", level: "write", chosen: [f.goalId], withoutGoal: null },
      { section: "progress", level: "read", chosen: null, withoutGoal: null },
    ]);
    const html = render(help.default as ComponentType, f.help, page.data);
    expect(html).toContain("Vraag een beheerder");
    expect(html).not.toContain("Ja, vraag");
    // Only an admin gives access: the other member's yes is refused and changes nothing.
    const refused = await submit(help.action, f.help, f.params, {}, f.member.cookie).catch((error: Response) => ({ status: error.status }));
    expect(refused.status).toBe(404);
    expect(familyRow(f.familyId).waakvlamAt).not.toBeNull();

    useMailProvider();
    const yes = await submit(help.action, f.help, f.params, {}, f.admin.cookie);
    expect(yes.location).toBe(`/f/${f.familyId}/team?back=mailed`);
    const row = familyRow(f.familyId);
    expect(row).toMatchObject({ waakvlamAt: null, lastCoachConsentId: null });
    const renewed = consentRow(row.coachConsentId!);
    expect(renewed).toMatchObject({ professionalUserId: f.coach.professional.id, status: "active", scopes: { goals: "write", progress: "read" }, selection: { goals: [f.goalId] } });
    expect(renewed.id).not.toBe(f.coach.consentId);
    // The old consent stays ended: its looks keep the permission they were made under.
    expect(consentRow(f.coach.consentId).status).toBe("revoked");
    expect(canRead(f.coach.professional.id, f.familyId)).toBe(true);
    // The teacher, ended at waakvlam, does not come back with the coach.
    expect(canRead(f.teacher.professional.id, f.familyId)).toBe(false);
    const mail = sentMails.find((sent) => sent.body.to === f.coach.professional.email)!;
    expect(mail.body.subject).toBe("Gezin Waakvlam vraagt je terug");

    // Once back, there is nothing more to confirm.
    const again = await submit(help.action, f.help, f.params, {}, f.admin.cookie);
    expect(again.location).toBe(`/f/${f.familyId}/help`);
    expect(getDb().select().from(consents).where(eq(consents.familyId, f.familyId)).all()).toHaveLength(4);
  });

  it("offers to invite someone new when the last coach no longer has an account", async () => {
    const f = await coachedFamily();
    await submit(teamEnd.action, f.end, f.params, { intent: "waakvlam" }, f.admin.cookie);
    getDb().update(consents).set({ professionalUserId: null }).where(eq(consents.id, f.coach.consentId)).run();
    const page = await load(help.loader, f.help, f.params, f.admin.cookie);
    expect(page.data.waakvlam.lastCoach.canAsk).toBe(false);
    expect(render(help.default as ComponentType, f.help, page.data)).toContain(`/f/${f.familyId}/access/new`);
    const yes = await submit(help.action, f.help, f.params, {}, f.admin.cookie);
    expect(yes.location).toBe(`/f/${f.familyId}/help`);
    expect(familyRow(f.familyId).waakvlamAt).not.toBeNull();
  });
});
