import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessRequests, consents, consentVersions, members } from "../../db/schema";
import { getConsent } from "../../consent/grants";
import { newId } from "../../consent/tokens";
import { createGoal } from "../../app/plan/goals.server";
import { createProgressNote } from "../../app/plan/progress.server";
import * as overview from "../../app/routes/care/overview";
import * as careHome from "../../app/routes/care/home";
import * as askPage from "../../app/routes/care/ask";
import * as progressPage from "../../app/routes/care/progress";
import * as editAccess from "../../app/routes/family/access-edit";
import * as accessPage from "../../app/routes/family/access";
import * as planPage from "../../app/routes/family/plan";
import * as requestPage from "../../app/routes/request";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit } from "../support/routes";

// "Ask before you look": the professional asks in their own words, the family
// answers as asked, with less, or no, on one screen. Asks and answers are consent
// versions; an ask alone never opens anything.

const versionsOf = (consentId: string) =>
  getDb().select().from(consentVersions).where(eq(consentVersions.consentId, consentId)).all().sort((a, b) => a.version - b.version);

async function setup() {
  const family = await makeFamily(undefined, "Gezin Vraag");
  const db = getDb();
  const school = createGoal(db, family.familyId, family.admin.id, { title: "Sem is op tijd", lifeArea: "school", term: "short", memberIds: [] });
  const debts = createGoal(db, family.familyId, family.admin.id, { title: "Schulden op een rij", lifeArea: "money", term: "short", memberIds: [] });
  const schoolNote = createProgressNote(db, family.familyId, family.admin.id, { text: "vandaag gelukt: op tijd", goalId: school, mood: 4 }).id!;
  createProgressNote(db, family.familyId, family.admin.id, { text: "brief van de deurwaarder", goalId: debts, mood: 2 });
  createProgressNote(db, family.familyId, family.admin.id, { text: "zware week", goalId: null, mood: 2 });
  const made = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, selection: { goals: [school] } });
  return { ...family, ...made, school, debts, schoolNote };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const ask = (s: Setup, form: Record<string, string>) => submit(overview.action, `/care/${s.familyId}`, { familyId: s.familyId }, { consentId: s.consentId, ...form }, s.professional.cookie);
const detailPath = (s: Setup) => `/f/${s.familyId}/access/${s.consentId}`;
const answer = (s: Setup, form: Record<string, string | string[]>, cookie = s.admin.cookie) =>
  submit(editAccess.action, detailPath(s), { familyId: s.familyId, consentId: s.consentId }, form, cookie);
const theNotes = async (s: Setup) => (await load(progressPage.loader, `/care/${s.familyId}/progress`, { familyId: s.familyId }, s.professional.cookie));
const endsOn = (s: Setup) => getConsent(getDb(), s.familyId, s.consentId)!;

describe("a professional with access asks for more", () => {
  it("the ask is a version that holds nothing by itself; the family sees who asks what and why", async () => {
    const s = await setup();
    const asked = await ask(s, { goals: "read", progress: "read", endsOn: "2099-01-01", note: "Ik wil ook de notities over op tijd komen zien." });
    expect(asked.status).toBe(400);
    expect(asked.data.errors.endsOn).toBe("care:errors.endTooLate");
    const sent = await ask(s, { goals: "read", progress: "read", endsOn: inDays(90), note: "Ik wil ook de notities over op tijd komen zien." });
    expect(sent.status).toBe(302);
    const versions = versionsOf(s.consentId);
    expect(versions.map((v) => [v.version, v.kind, v.changedBy, v.scopes])).toEqual([
      [1, "change", s.admin.id, { goals: "read" }],
      [2, "request", s.professional.id, { goals: "read", progress: "read" }],
    ]);
    // Asking opens nothing: still version 1 in force, and no notes.
    expect(endsOn(s).version).toBe(1);
    expect((await theNotes(s)).status).toBe(404);

    const detail = await load(editAccess.loader, detailPath(s), { familyId: s.familyId, consentId: s.consentId }, s.admin.cookie);
    expect(detail.data.request).toMatchObject({ version: 2, note: "Ik wil ook de notities over op tijd komen zien.", by: { name: "Sanne de Boer" } });
    expect(detail.data.request.parts.map((p: any) => `${p.section}:${p.level}`)).toEqual(["goals:read", "progress:read"]);
    const list = await load(accessPage.loader, `/f/${s.familyId}/access`, { familyId: s.familyId }, s.admin.cookie);
    expect(list.data.consents[0].standing.asks).toBe(true);
    const plan = await load(planPage.loader, `/f/${s.familyId}`, { familyId: s.familyId }, s.admin.cookie);
    expect(plan.data.sharing.endingSoon.map((c: any) => c.id)).toEqual([s.consentId]);

    // One ask at a time.
    const again = await ask(s, { goals: "write", endsOn: inDays(90), note: "Nog iets" });
    expect(again.status).toBe(400);
    expect(again.data.errors.form).toBe("care:ask.stillWaiting");
    expect(versionsOf(s.consentId)).toHaveLength(2);
    const seen = await load(overview.loader, `/care/${s.familyId}`, { familyId: s.familyId }, s.professional.cookie);
    expect(seen.data.consents[0].asked.waiting.note).toBe("Ik wil ook de notities over op tijd komen zien.");
  });

  it("the mother approves less: only the notes about the shared goal", async () => {
    const s = await setup();
    await ask(s, { goals: "read", progress: "read", endsOn: inDays(90), note: "De notities graag." });
    const less = await answer(s, { intent: "approve-less", goals: "read", "goals.which": "chosen", "goals.pick": s.school, progress: "read", "progress.which": "goals", endsOn: inDays(90) });
    expect(less.status).toBe(302);
    const versions = versionsOf(s.consentId);
    expect(versions.at(-1)).toMatchObject({ version: 3, kind: "approval", answers: 2, changedBy: s.admin.id, selection: { goals: [s.school], progress: { withoutGoal: false } } });
    expect(endsOn(s).version).toBe(3);
    const notes = await theNotes(s);
    expect(notes.data.notes.map((n: any) => n.id)).toEqual([s.schoolNote]);
    const seen = await load(overview.loader, `/care/${s.familyId}`, { familyId: s.familyId }, s.professional.cookie);
    expect(seen.data.consents[0].asked).toMatchObject({ waiting: null, answer: { kind: "approval" } });
  });

  it("approves as asked in one tap, or says no and nothing changes", async () => {
    const s = await setup();
    await ask(s, { goals: "read", progress: "read", endsOn: inDays(90), note: "De notities graag." });
    expect((await answer(s, { intent: "approve" })).status).toBe(302);
    expect(endsOn(s)).toMatchObject({ version: 3, scopes: { goals: "read", progress: "read" }, selection: { goals: [s.school] } });

    await ask(s, { goals: "write", progress: "read", endsOn: inDays(90), note: "Ik wil stappen toevoegen." });
    const no = await answer(s, { intent: "decline" });
    expect(no.status).toBe(302);
    expect(versionsOf(s.consentId).at(-1)).toMatchObject({ version: 5, kind: "refusal", answers: 4 });
    expect(endsOn(s)).toMatchObject({ version: 3, scopes: { goals: "read", progress: "read" } });
    const seen = await load(overview.loader, `/care/${s.familyId}`, { familyId: s.familyId }, s.professional.cookie);
    expect(seen.data.consents[0].asked).toMatchObject({ waiting: null, answer: { kind: "refusal" } });
    // Nothing left to answer.
    expect((await answer(s, { intent: "approve" })).data.errors.form).toBe("access:errors.noRequest");
  });

  it("only an admin of the family answers", async () => {
    const s = await setup();
    await ask(s, { goals: "write", endsOn: inDays(90), note: "Stappen toevoegen." });
    expect((await answer(s, { intent: "approve" }, s.professional.cookie)).status).toBe(404);
    const teen = await makeUser({ name: "Sem" });
    getDb().insert(members).values({ id: newId(), familyId: s.familyId, name: "Sem", relation: "zoon", userId: teen.id, role: "member" }).run();
    expect((await answer(s, { intent: "approve" }, teen.cookie)).status).toBe(404);
    expect(endsOn(s).version).toBe(1);
  });
});

describe("a professional without access asks by link", () => {
  async function link(professionalCookie: string) {
    const made = await submit(askPage.action, "/care/ask", {}, { goals: "read", endsOn: inDays(60), role: "juf van Sem", note: "Ik ben de juf van Sem en wil zien hoe het gaat met op tijd komen." }, professionalCookie);
    expect(made.status).toBe(200);
    return new URL(made.data.link.link).pathname.split("/").at(-1)!;
  }

  it("the family admin sees who asks what and why; yes makes a consent whose versions are the ask and the answer", async () => {
    const family = await makeFamily(undefined, "Gezin Link");
    createGoal(getDb(), family.familyId, family.admin.id, { title: "Sem is op tijd", lifeArea: "school", term: "short", memberIds: [] });
    const juf = await makeUser({ name: "Juf Sanne", organisation: "De Linde" });
    const token = await link(juf.cookie);
    expect((await load(askPage.loader, "/care/ask", {})).status).toBe(302);
    expect((await submit(askPage.action, "/care/ask", {}, { goals: "read" })).status).toBe(302);
    // Only the hash is kept.
    expect(JSON.stringify(getDb().select().from(accessRequests).all())).not.toContain(token);

    expect((await load(requestPage.loader, `/request/${token}`, { token })).status).toBe(302);
    const page = await load(requestPage.loader, `/request/${token}`, { token }, family.admin.cookie);
    expect(page.data).toMatchObject({ state: "open", familyId: family.familyId, ask: { who: "Juf Sanne (De Linde)", role: "juf van Sem" } });
    expect(page.data.ask.note).toContain("op tijd komen");

    const yes = await submit(requestPage.action, `/request/${token}`, { token }, { intent: "approve", familyId: family.familyId }, family.admin.cookie);
    expect(yes.status).toBe(302);
    const consent = getDb().select().from(consents).where(eq(consents.familyId, family.familyId)).get()!;
    expect(consent).toMatchObject({ status: "active", professionalUserId: juf.id, scopes: { goals: "read" }, version: 2 });
    expect(versionsOf(consent.id).map((v) => [v.version, v.kind, v.changedBy])).toEqual([
      [1, "request", juf.id],
      [2, "approval", family.admin.id],
    ]);
    const home = await load(careHome.loader, "/care", {}, juf.cookie);
    expect(home.data.asked[0]).toMatchObject({ state: "approved", familyId: family.familyId, familyName: "Gezin Link" });
    // Used once.
    expect((await load(requestPage.loader, `/request/${token}`, { token }, family.admin.cookie)).status).toBe(410);
  });

  it("no leaves nothing in the family and does not tell the professional which family said no", async () => {
    const family = await makeFamily(undefined, "Gezin Nee");
    const juf = await makeUser({ name: "Juf Anna" });
    const token = await link(juf.cookie);
    const no = await submit(requestPage.action, `/request/${token}`, { token }, { intent: "decline", familyId: family.familyId }, family.admin.cookie);
    expect(no.location).toBe(`/f/${family.familyId}/access?done=declined-request`);
    expect(getDb().select().from(consents).where(eq(consents.familyId, family.familyId)).all()).toEqual([]);
    const home = await load(careHome.loader, "/care", {}, juf.cookie);
    expect(home.data.asked[0]).toMatchObject({ state: "declined", familyId: null, familyName: null });
    expect(JSON.stringify(home.data)).not.toContain("Gezin Nee");
  });

  it("only for a family the person is admin of; someone else's family is a 404", async () => {
    const family = await makeFamily(undefined, "Gezin Eigen");
    const other = await makeFamily(undefined, "Gezin Ander");
    const juf = await makeUser({ name: "Juf Bo" });
    const token = await link(juf.cookie);
    const wrong = await submit(requestPage.action, `/request/${token}`, { token }, { intent: "approve", familyId: other.familyId }, family.admin.cookie);
    expect(wrong.status).toBe(404);
    expect(getDb().select().from(consents).where(eq(consents.familyId, other.familyId)).all()).toEqual([]);
    const stranger = await makeUser({ name: "Niemand" });
    expect((await load(requestPage.loader, `/request/${token}`, { token }, stranger.cookie)).data).toEqual({ state: "no-family" });
    expect((await load(requestPage.loader, `/request/nonsense`, { token: "nonsense" }, family.admin.cookie)).status).toBe(404);
  });
});

function inDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
