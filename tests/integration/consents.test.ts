import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, consentInvitations, consents, consentVersions, members } from "../../db/schema";
import { NoAccess, readThroughGate } from "../../consent/gate";
import { inspectInvitation, INVITATION_DAYS, latestEnd } from "../../consent/grants";
import { hashToken, newId } from "../../consent/tokens";
import { createGoal, listGoals } from "../../app/plan/goals.server";
import { addMonths, calendarDay, endOfDay } from "../../app/lib/dates";
import { defaultEndDay, maxEndDay } from "../../app/sharing/consent-form.server";
import * as accessPage from "../../app/routes/family/access";
import * as newAccess from "../../app/routes/family/access-new";
import * as editAccess from "../../app/routes/family/access-edit";
import * as looksPage from "../../app/routes/family/looks";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, submit } from "../support/routes";

const DAY = 24 * 60 * 60 * 1000;

function inviteForm(overrides: Record<string, string> = {}) {
  return {
    name: "Sanne de Boer",
    organisation: "Basisschool De Linde",
    role: "juf van Sam",
    purpose: "Meekijken of Sam op tijd op school komt",
    goals: "read",
    whatifs: "none",
    progress: "write",
    network: "none",
    endsOn: defaultEndDay(),
    email: "",
    ...overrides,
  };
}

function consentsOf(familyId: string) {
  return getDb().select().from(consents).where(eq(consents.familyId, familyId)).all();
}

/** A second person in the family with an account, but not an admin. */
async function addPlainMember(familyId: string): Promise<TestUser> {
  const user = await makeUser({ name: "Tiener Test" });
  getDb().insert(members).values({ id: newId(), familyId, name: user.name, relation: "zoon", userId: user.id, role: "member" }).run();
  return user;
}

async function invite(familyId: string, cookie: string, overrides: Record<string, string> = {}) {
  return submit(newAccess.action, `/f/${familyId}/access/new`, { familyId }, inviteForm(overrides), cookie);
}

describe("inviting a professional", () => {
  it("makes a waiting consent and a one-time link of at least 160 bits that is stored only as a hash", async () => {
    const { familyId, admin } = await makeFamily();
    const before = Date.now();
    const result = await invite(familyId, admin.cookie);
    expect(result.status).toBe(200);

    const { invitation, consentId } = result.data;
    const match = invitation.link.match(/^http:\/\/localhost\/invite\/([a-z2-7]+)$/);
    expect(match).not.toBeNull();
    const token = match![1];
    expect(token.length * 5).toBeGreaterThanOrEqual(160);
    expect(invitation.mail).toBe("none");
    expect(invitation.qr.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(Buffer.from(invitation.qr.split(",")[1], "base64").toString()).toContain("<svg");

    const stored = consentsOf(familyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: consentId,
      status: "pending",
      name: "Sanne de Boer",
      role: "juf van Sam",
      purpose: "Meekijken of Sam op tijd op school komt",
      scopes: { goals: "read", progress: "write" },
      endsAt: endOfDay(defaultEndDay()),
      version: 1,
      createdBy: admin.id,
    });
    const invitations = getDb().select().from(consentInvitations).where(eq(consentInvitations.consentId, consentId)).all();
    expect(invitations).toHaveLength(1);
    expect(invitations[0].tokenHash).toBe(hashToken(token));
    expect(invitations[0].expiresAt).toBeGreaterThanOrEqual(before + INVITATION_DAYS * DAY);
    expect(invitations[0].expiresAt).toBeLessThanOrEqual(Date.now() + INVITATION_DAYS * DAY);
    expect(JSON.stringify([stored, invitations])).not.toContain(token);
    expect(inspectInvitation(getDb(), token).state).toBe("open");

    const list = await load(accessPage.loader, `/f/${familyId}/access`, { familyId }, admin.cookie);
    expect(list.data.consents).toHaveLength(1);
    expect(list.data.consents[0]).toMatchObject({ name: "Sanne de Boer", standing: { status: "pending", lastDay: defaultEndDay() } });
  });

  it("keeps the family's words as they wrote them", async () => {
    const { familyId, admin } = await makeFamily();
    await invite(familyId, admin.cookie, { role: "  de juf van Sam (groep 5)  ", purpose: "Zij helpt ons.\nEcht waar!" });
    expect(consentsOf(familyId)[0]).toMatchObject({ role: "de juf van Sam (groep 5)", purpose: "Zij helpt ons.\nEcht waar!" });
  });

  it("refuses an invitation without a shared part, with a past end date or one more than 12 months ahead, and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const today = calendarDay(Date.now());

    const noParts = await invite(familyId, admin.cookie, { goals: "none", progress: "none" });
    expect(noParts.status).toBe(400);
    expect(noParts.data.errors).toEqual({ parts: "access:errors.noParts" });

    const past = await invite(familyId, admin.cookie, { endsOn: calendarDay(Date.now() - 2 * DAY) });
    expect(past.status).toBe(400);
    expect(past.data.errors).toEqual({ endsOn: "access:errors.endPast" });

    const todayOnly = await invite(familyId, admin.cookie, { endsOn: today });
    expect(todayOnly.data.errors).toEqual({ endsOn: "access:errors.endPast" });

    const dayAfterMax = new Date(Date.parse(`${maxEndDay()}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const tooLate = await invite(familyId, admin.cookie, { endsOn: dayAfterMax });
    expect(tooLate.status).toBe(400);
    expect(tooLate.data.errors.endsOn).toBe("access:errors.endTooLate");

    const wrong = await invite(familyId, admin.cookie, { name: " ", purpose: "", endsOn: "31-02-2026", email: "geen-adres", goals: "admin" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ name: "errors.required", purpose: "errors.required", endsOn: "errors.date", email: "errors.email", goals: "errors.choose" });
    expect(wrong.data.values.name).toBe(" ");

    expect(consentsOf(familyId)).toHaveLength(0);
  });

  it("accepts the last allowed day, twelve months ahead", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await invite(familyId, admin.cookie, { endsOn: maxEndDay() });
    expect(result.status).toBe(200);
    expect(consentsOf(familyId)[0].endsAt).toBeLessThanOrEqual(Date.now() + 367 * DAY);
  });
});

describe("only the family's admins change who may look", () => {
  it("a member without admin role and an admin of another family get 404 on create, change, revoke and new link, and nothing changes", async () => {
    const { familyId, admin } = await makeFamily();
    const plain = await addPlainMember(familyId);
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    const { consentId } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const waiting = await makeConsent(familyId, admin.id, { claim: false });
    const before = consentsOf(familyId);
    const params = { familyId, consentId };
    const path = `/f/${familyId}/access/${consentId}`;

    for (const user of [plain, stranger]) {
      expect((await load(newAccess.loader, `/f/${familyId}/access/new`, { familyId }, user.cookie)).status).toBe(404);
      expect((await invite(familyId, user.cookie)).status).toBe(404);
      expect((await submit(editAccess.action, path, params, { intent: "change", goals: "write", endsOn: defaultEndDay() }, user.cookie)).status).toBe(404);
      expect((await submit(editAccess.action, path, params, { intent: "revoke" }, user.cookie)).status).toBe(404);
      expect((await submit(editAccess.action, path, { familyId, consentId: waiting.consentId }, { intent: "new-link" }, user.cookie)).status).toBe(404);
      expect((await load(editAccess.loader, `${path}?confirm=revoke`, params, user.cookie)).status).toBe(404);
    }
    expect((await load(editAccess.loader, path, params, stranger.cookie)).status).toBe(404);
    expect((await load(accessPage.loader, `/f/${familyId}/access`, { familyId }, stranger.cookie)).status).toBe(404);

    expect(consentsOf(familyId)).toEqual(before);
    expect(getDb().select().from(consentVersions).where(eq(consentVersions.consentId, consentId)).all()).toHaveLength(1);
    expect(getDb().select().from(consentInvitations).where(eq(consentInvitations.consentId, waiting.consentId)).all()).toHaveLength(1);
  });

  it("a member without admin role may see the list and the details, without the admin buttons", async () => {
    const { familyId, admin } = await makeFamily();
    const plain = await addPlainMember(familyId);
    const { consentId } = await makeConsent(familyId, admin.id);
    const list = await load(accessPage.loader, `/f/${familyId}/access`, { familyId }, plain.cookie);
    expect(list.status).toBe(200);
    expect(list.data.isAdmin).toBe(false);
    expect(list.data.consents.map((c: any) => c.id)).toEqual([consentId]);
    const detail = await load(editAccess.loader, `/f/${familyId}/access/${consentId}`, { familyId, consentId }, plain.cookie);
    expect(detail.status).toBe(200);
    expect(detail.data.isAdmin).toBe(false);
  });

  it("an admin of another family cannot reach this family's consent through their own family", async () => {
    const { familyId, admin } = await makeFamily();
    const other = await makeFamily(undefined, "Ander gezin");
    const { consentId } = await makeConsent(familyId, admin.id);
    const params = { familyId: other.familyId, consentId };
    const path = `/f/${other.familyId}/access/${consentId}`;
    expect((await load(editAccess.loader, path, params, other.admin.cookie)).status).toBe(404);
    expect((await submit(editAccess.action, path, params, { intent: "revoke" }, other.admin.cookie)).status).toBe(404);
    expect(consentsOf(familyId)[0].status).toBe("active");
  });
});

describe("taking access back", () => {
  it("asks first, then refuses the professional's very next read", async () => {
    const { familyId, admin } = await makeFamily();
    createGoal(getDb(), familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [] });
    const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const access = webAccess(professional.id, familyId);
    const params = { familyId, consentId };
    const path = `/f/${familyId}/access/${consentId}`;
    expect(readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toHaveLength(1);

    const confirm = await load(editAccess.loader, `${path}?confirm=revoke`, params, admin.cookie);
    expect(confirm.data.confirmRevoke).toBe(true);
    expect(consentsOf(familyId)[0].status).toBe("active");

    const revoked = await submit(editAccess.action, path, params, { intent: "revoke" }, admin.cookie);
    expect(revoked.status).toBe(302);
    expect(revoked.location).toBe(`${path}?done=revoked`);
    expect(() => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toThrow(NoAccess);
    expect(consentsOf(familyId)[0]).toMatchObject({ status: "revoked", revokedBy: admin.id });

    const list = await load(accessPage.loader, `/f/${familyId}/access`, { familyId }, admin.cookie);
    expect(list.data.consents[0].standing.status).toBe("revoked");
    const after = await load(editAccess.loader, `${path}?confirm=revoke`, params, admin.cookie);
    expect(after.data.confirmRevoke).toBe(false);
    expect(after.data.consent).toMatchObject({ status: "revoked" });
    expect(after.data.standing).toMatchObject({ status: "revoked", revokedBy: admin.name });

    const change = await submit(editAccess.action, path, params, { intent: "change", goals: "write", endsOn: defaultEndDay() }, admin.cookie);
    expect(change.status).toBe(400);
    expect(change.data.errors.form).toBe("access:errors.revoked");
  });

  it("also kills a link that was never used", async () => {
    const { familyId, admin } = await makeFamily();
    const { consentId, token } = await makeConsent(familyId, admin.id, { claim: false });
    await submit(editAccess.action, `/f/${familyId}/access/${consentId}`, { familyId, consentId }, { intent: "revoke" }, admin.cookie);
    expect(inspectInvitation(getDb(), token).state).toBe("revoked");
  });
});

describe("changing a consent", () => {
  it("makes version 2, shows both versions, and later log entries carry version 2", async () => {
    const { familyId, admin } = await makeFamily();
    createGoal(getDb(), familyId, admin.id, { title: "Schulden op een rij", lifeArea: "money", term: "long", memberIds: [] });
    const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const access = webAccess(professional.id, familyId);
    const params = { familyId, consentId };
    const path = `/f/${familyId}/access/${consentId}`;
    readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));

    const endsOn = addMonths(calendarDay(Date.now()), 3);
    const bad = await submit(editAccess.action, path, params, { intent: "change", endsOn }, admin.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ parts: "access:errors.noParts" });

    const changed = await submit(editAccess.action, path, params, { intent: "change", goals: "read", whatifs: "read", progress: "none", network: "none", endsOn }, admin.cookie);
    expect(changed.status).toBe(302);
    expect(consentsOf(familyId)[0]).toMatchObject({ version: 2, scopes: { goals: "read", whatifs: "read" }, endsAt: endOfDay(endsOn) });

    readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));
    const log = getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
    expect(log.map((e) => e.consentVersion)).toEqual([1, 2]);

    const detail = await load(editAccess.loader, path, params, admin.cookie);
    const parts = (v: any) => v.parts.map((p: any) => `${p.section}:${p.level}`);
    expect(detail.data.versions.map((v: any) => [v.version, v.changedByName, parts(v)])).toEqual([
      [2, admin.name, ["goals:read", "whatifs:read"]],
      [1, admin.name, ["goals:read"]],
    ]);
    expect(detail.data.versions[0].lastDay).toBe(endsOn);

    const looks = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    // The two reads are minutes apart at most: one visit, under both versions.
    expect(looks.data.visits.map((v: any) => v.versions)).toEqual([[1, 2]]);
  });
});

describe("changing only the parts", () => {
  it("keeps the end date exactly as it was when the family leaves the day as shown", async () => {
    const { familyId, admin } = await makeFamily();
    const endsAt = latestEnd() - 60_000;
    const { consentId } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, endsAt });
    const params = { familyId, consentId };
    const path = `/f/${familyId}/access/${consentId}`;
    const detail = await load(editAccess.loader, path, params, admin.cookie);
    const shownDay = detail.data.consent.lastDay;
    const changed = await submit(editAccess.action, path, params, { intent: "change", goals: "write", endsOn: shownDay }, admin.cookie);
    expect(changed.status).toBe(302);
    expect(consentsOf(familyId)[0]).toMatchObject({ version: 2, scopes: { goals: "write" }, endsAt });
  });
});

describe("a new link for a consent that waits", () => {
  it("gives a fresh working link once, and none for a consent already in use", async () => {
    const { familyId, admin } = await makeFamily();
    const waiting = await makeConsent(familyId, admin.id, { claim: false });
    const path = `/f/${familyId}/access/${waiting.consentId}`;
    const result = await submit(editAccess.action, path, { familyId, consentId: waiting.consentId }, { intent: "new-link" }, admin.cookie);
    expect(result.status).toBe(200);
    const token = result.data.invitation.link.split("/").pop();
    expect(token).not.toBe(waiting.token);
    expect(inspectInvitation(getDb(), token).state).toBe("open");
    const stored = getDb().select().from(consentInvitations).where(eq(consentInvitations.consentId, waiting.consentId)).all();
    expect(stored.map((i) => i.tokenHash)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const detail = await load(editAccess.loader, path, { familyId, consentId: waiting.consentId }, admin.cookie);
    expect(JSON.stringify(detail.data)).not.toContain(token);

    const active = await makeConsent(familyId, admin.id);
    const refused = await submit(editAccess.action, `/f/${familyId}/access/${active.consentId}`, { familyId, consentId: active.consentId }, { intent: "new-link" }, admin.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.form).toBe("access:errors.notPending");
  });
});
