import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { accessLog, changes, consents, families, goals, members, networkPeople, progressNotes, steps, strengths, whatIfs } from "../../db/schema";
import { NoAccess, readThroughGate } from "../../consent/gate";
import { createApiToken } from "../../consent/api-tokens";
import { newId } from "../../consent/tokens";
import { verifyAllChains } from "../../consent/log";
import { loadPublicKeys, verifyAgainstWitness, witnessConfig } from "../../consent/witness";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createStrength } from "../../app/plan/strengths.server";
import { goalsPart } from "../../app/plan/parts.server";
import { runRetention } from "../../app/plan/retention.server";
import * as removePage from "../../app/routes/family/family-delete";
import * as familiesPage from "../../app/routes/families";
import * as planPage from "../../app/routes/family/plan";
import * as exportFile from "../../app/routes/family/export-json";
import * as careHome from "../../app/routes/care/home";
import * as careGoals from "../../app/routes/care/goals";
import * as api from "../../app/routes/api/plan";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { call, load, makeRequest, routeArgs } from "../support/routes";

// Deleting a whole family (ADR 013): asked twice, closed to everyone at once, undone
// within 14 days, and removed by the retention job: the plan after 14 days, the
// consents and the access log after a year, with the witness told.

const DAY = 24 * 60 * 60 * 1000;
const NAME = "Gezin Verwijder";
const PASSWORD = "een lang wachtwoord";

async function familyWithMarco() {
  const family = await makeFamily(await makeUser({ name: "Samira" }), NAME);
  const { familyId, admin } = family;
  const db = getDb();
  const goalId = createGoal(db, familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [] });
  createStep(db, familyId, admin.id, goalId, { what: "Wekker zetten", when: "", who: "together" });
  createWhatIf(db, familyId, admin.id, { situation: "Als het misgaat", earlySigns: "", actions: "bellen", informs: "", phones: "", lastCheckedOn: null });
  createProgressNote(db, familyId, admin.id, { text: "Gelukt", goalId, mood: null });
  createNetworkPerson(db, familyId, admin.id, { name: "Oma", kind: "informal", relation: "", organisation: "", phone: "" });
  // For a member: the strength must go before the members it points at.
  createStrength(db, familyId, admin.id, { kind: "proud", memberId: family.adminMemberId, text: "Samira is trots" });
  const marco = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, professional: await makeUser({ name: "Marco Visser", organisation: "Jeugdzorg" }) });
  const token = createApiToken(db, marco.consentId, marco.professional.id, "Dossier")!.token;
  readThroughGate(db, webAccess(marco.professional.id, familyId), "goals", (grants) => goalsPart(db, familyId, grants));
  const dennis = await makeUser({ name: "Dennis" });
  db.insert(members).values({ id: newId(), familyId, name: "Dennis", relation: "papa", userId: dennis.id, role: "member" }).run();
  return { ...family, goalId, marco, token, dennis };
}

function ask(familyId: string, cookie: string, form: Record<string, string>) {
  return call(removePage.action, makeRequest(`/f/${familyId}/delete-family`, { cookie, form }), { familyId });
}

async function apiStatus(token: string) {
  const request = new Request("http://localhost/api/v1/plan", { headers: { Authorization: `Bearer ${token}`, "x-groeiplan-client-ip": "192.0.2.7" } });
  return ((await api.loader(routeArgs(request) as any)) as Response).status;
}

const familyRow = (familyId: string) => getDb().select().from(families).where(eq(families.id, familyId)).get()!;
const count = (table: typeof goals | typeof steps | typeof strengths | typeof whatIfs | typeof progressNotes | typeof networkPeople | typeof members | typeof changes | typeof consents | typeof accessLog, familyId: string) =>
  getDb().select().from(table).where(eq(table.familyId, familyId)).all().length;

describe("deleting a family: asking", () => {
  it("says what goes, what is kept and for how long, before it asks", async () => {
    const { familyId, admin } = await familyWithMarco();
    const page = await load(removePage.loader, `/f/${familyId}/delete-family`, { familyId }, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ familyName: NAME, sharing: 1, undoDays: 14, logYears: 1 });
  });

  it("asks twice: a wrong or empty name or password stores nothing, keeps the typed name and never sends the password back", async () => {
    const { familyId, admin } = await familyWithMarco();
    const wrongName = await ask(familyId, admin.cookie, { name: "Gezin Verkeerd", password: PASSWORD });
    expect(wrongName.status).toBe(400);
    expect(wrongName.data.errors).toEqual({ name: "family:remove.errors.name" });
    expect(wrongName.data.values).toEqual({ name: "Gezin Verkeerd" });
    const wrongPassword = await ask(familyId, admin.cookie, { name: NAME, password: "niet mijn wachtwoord" });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.data.errors).toEqual({ password: "auth:account.wrongCurrent" });
    expect(JSON.stringify(wrongPassword.data)).not.toContain("niet mijn wachtwoord");
    const empty = await ask(familyId, admin.cookie, {});
    expect(empty.data.errors).toEqual({ name: "errors.required", password: "errors.required" });
    expect(familyRow(familyId).deletingAt).toBeNull();
    expect(await apiStatus((await familyWithMarco()).token)).toBe(200);
  });

  it("wrong passwords count like sign-in guesses: after ten the right one waits too", async () => {
    const { familyId, admin } = await familyWithMarco();
    for (let i = 0; i < 10; i++) await ask(familyId, admin.cookie, { name: NAME, password: `fout ${i}` });
    const blocked = await ask(familyId, admin.cookie, { name: NAME, password: PASSWORD });
    expect(blocked.data.errors).toEqual({ password: "errors.tooManyAttempts" });
    expect(familyRow(familyId).deletingAt).toBeNull();
  });

  it("is for admins: another member and a professional get 404 and change nothing", async () => {
    const { familyId, dennis, marco } = await familyWithMarco();
    for (const cookie of [dennis.cookie, marco.professional.cookie]) {
      expect((await load(removePage.loader, `/f/${familyId}/delete-family`, { familyId }, cookie)).status).toBe(404);
      expect((await ask(familyId, cookie, { name: NAME, password: PASSWORD })).status).toBe(404);
    }
    expect(familyRow(familyId).deletingAt).toBeNull();
  });

  it("shuts everyone out at once: Marco on the web and by API, the family itself, and his list no longer names the family", async () => {
    const { familyId, admin, dennis, marco, token, goalId } = await familyWithMarco();
    expect((await load(careGoals.loader, `/care/${familyId}/goals`, { familyId }, marco.professional.cookie)).status).toBe(200);
    const done = await ask(familyId, admin.cookie, { name: ` ${NAME} `, password: PASSWORD });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/families?deleted=1");

    const refused = await load(careGoals.loader, `/care/${familyId}/goals`, { familyId }, marco.professional.cookie);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.data ?? "")).not.toContain("Op tijd naar school");
    expect(() => readThroughGate(getDb(), webAccess(marco.professional.id, familyId), "goals", () => goalId)).toThrow(NoAccess);
    expect(await apiStatus(token)).toBe(401);
    const home = await load(careHome.loader, "/care", {}, marco.professional.cookie);
    expect(JSON.stringify(home.data)).not.toContain(NAME);
    expect(getDb().select().from(consents).where(eq(consents.id, marco.consentId)).get()).toMatchObject({ status: "revoked", revokedBy: admin.id });

    for (const cookie of [admin.cookie, dennis.cookie]) {
      expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, cookie)).status).toBe(404);
      expect((await call(exportFile.loader, makeRequest(`/f/${familyId}/export.json`, { cookie }), { familyId })).status).toBe(404);
    }
    // Only its admins see it, with the last day they can keep it.
    const adminList = await load(familiesPage.loader, "/families", {}, admin.cookie);
    expect(adminList.data.families).toEqual([]);
    expect(adminList.data.deleting).toEqual([{ id: familyId, name: NAME, until: familyRow(familyId).deletingAt! + 14 * DAY }]);
    expect((await load(familiesPage.loader, "/families", {}, dennis.cookie)).data.deleting).toEqual([]);
    // Nothing is gone yet.
    expect(count(goals, familyId)).toBe(1);
  });

  it("the gate itself refuses a family marked as deleted, even a consent that was somehow left open, and its members", async () => {
    const { familyId, admin, marco, token } = await familyWithMarco();
    getDb().update(families).set({ deletingAt: Date.now() }).where(eq(families.id, familyId)).run();
    expect(() => readThroughGate(getDb(), webAccess(marco.professional.id, familyId), "goals", () => null)).toThrow(NoAccess);
    expect(await apiStatus(token)).toBe(401);
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).status).toBe(404);
  });
});

describe("deleting a family: keeping it after all", () => {
  it("an admin opens it again within 14 days; the consents stay ended", async () => {
    const { familyId, admin, marco, token } = await familyWithMarco();
    await ask(familyId, admin.cookie, { name: NAME, password: PASSWORD });
    const kept = await call(familiesPage.action, makeRequest("/families", { cookie: admin.cookie, form: { intent: "keep", familyId } }));
    expect(kept.status).toBe(302);
    expect(kept.location).toBe("/families?kept=1");
    expect(familyRow(familyId).deletingAt).toBeNull();
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).status).toBe(200);
    expect((await load(careGoals.loader, `/care/${familyId}/goals`, { familyId }, marco.professional.cookie)).status).toBe(404);
    expect(await apiStatus(token)).toBe(401);
  });

  it("nobody else can keep it, and nobody after the 14 days", async () => {
    const { familyId, admin, dennis, marco } = await familyWithMarco();
    await ask(familyId, admin.cookie, { name: NAME, password: PASSWORD });
    for (const cookie of [dennis.cookie, marco.professional.cookie]) {
      expect((await call(familiesPage.action, makeRequest("/families", { cookie, form: { intent: "keep", familyId } }))).status).toBe(404);
    }
    getDb().update(families).set({ deletingAt: Date.now() - 14 * DAY - 1000 }).where(eq(families.id, familyId)).run();
    expect((await call(familiesPage.action, makeRequest("/families", { cookie: admin.cookie, form: { intent: "keep", familyId } }))).status).toBe(404);
    expect(familyRow(familyId).deletingAt).not.toBeNull();
    expect((await load(familiesPage.loader, "/families", {}, admin.cookie)).data.deleting).toEqual([]);
  });
});

describe("deleting a family: the retention job", () => {
  it("removes the plan after 14 days, keeps who looked for a year, then removes that too and tells the witness", async () => {
    const db = getDb();
    const { familyId, admin } = await familyWithMarco();
    const other = await familyWithMarco();
    const asked = Date.now();
    await ask(familyId, admin.cookie, { name: NAME, password: PASSWORD });

    // Other tests in this file leave deleted families too: each check is about this one.
    runRetention(db, asked + 13 * DAY);
    expect(count(goals, familyId)).toBe(1);
    expect(familyRow(familyId).planRemovedAt).toBeNull();

    expect(runRetention(db, asked + 15 * DAY).plans).toBeGreaterThanOrEqual(1);
    for (const table of [goals, steps, strengths, whatIfs, progressNotes, networkPeople, members, changes]) expect(count(table, familyId)).toBe(0);
    expect(familyRow(familyId)).toMatchObject({ name: "", planRemovedAt: asked + 15 * DAY, logRemovedAt: null });
    // The proof of who looked stays, whole.
    expect(count(consents, familyId)).toBe(1);
    expect(count(accessLog, familyId)).toBe(1);
    expect(verifyAllChains(db).every((report) => report.ok)).toBe(true);
    // The other family is untouched.
    expect(count(goals, other.familyId)).toBe(1);
    // Running again removes nothing twice.
    expect(runRetention(db, asked + 16 * DAY)).toMatchObject({ plans: 0, logs: 0 });
    expect(familyRow(familyId).planRemovedAt).toBe(asked + 15 * DAY);

    const config = witnessConfig(db);
    const keys = () => loadPublicKeys(config.publicKeyFile);
    expect(verifyAgainstWitness(db, config.witnessFile, keys()).findings).toEqual([]);

    expect(runRetention(db, asked + 366 * DAY).logs).toBeGreaterThanOrEqual(1);
    expect(count(accessLog, familyId)).toBe(0);
    expect(count(consents, familyId)).toBe(0);
    expect(familyRow(familyId).logRemovedAt).toBe(asked + 366 * DAY);
    // verify-log accepts this removal: the witness was told, signed.
    expect(verifyAgainstWitness(db, config.witnessFile, keys()).findings).toEqual([]);
    expect(verifyAllChains(db).every((report) => report.ok)).toBe(true);
    expect(count(accessLog, other.familyId)).toBe(1);
  });

  it("still finds a log shortened any other way, and the log of a family not deleted cannot be removed at all", async () => {
    const db = getDb();
    const { familyId } = await familyWithMarco();
    // The witness saw this family's head, then someone removes the log with the trigger around it.
    const config = witnessConfig(db);
    const { checkFamilyLog } = await import("../../consent/log");
    checkFamilyLog(db, familyId);
    expect(() => db.delete(accessLog).where(eq(accessLog.familyId, familyId)).run()).toThrow(/append-only/);
    // Even marked as deleted, without the retention job's signed line the gap is named.
    db.update(families).set({ deletingAt: Date.now() }).where(eq(families.id, familyId)).run();
    db.delete(accessLog).where(eq(accessLog.familyId, familyId)).run();
    const findings = verifyAgainstWitness(db, config.witnessFile, loadPublicKeys(config.publicKeyFile)).findings;
    expect(findings.map((finding) => [finding.kind, finding.familyId])).toContainEqual(["family-missing", familyId]);
  });
});
