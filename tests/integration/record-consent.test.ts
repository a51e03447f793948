import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, consents, consentVersions, steps } from "../../db/schema";
import { changeConsent, getConsent, type Scopes, type Selection } from "../../consent/grants";
import { NoAccess, readThroughGate } from "../../consent/gate";
import { createApiToken } from "../../consent/api-tokens";
import { createGoal, createStep, listGoals } from "../../app/plan/goals.server";
import { addMember } from "../../app/plan/members.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createProgressNote } from "../../app/plan/progress.server";
import * as goalsPage from "../../app/routes/care/goals";
import * as whatifsPage from "../../app/routes/care/whatifs";
import * as progressPage from "../../app/routes/care/progress";
import * as networkPage from "../../app/routes/care/network";
import * as newAccess from "../../app/routes/family/access-new";
import * as editAccess from "../../app/routes/family/access-edit";
import * as newGoal from "../../app/routes/family/goal-new";
import * as api from "../../app/routes/api/plan";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, routeArgs, submit } from "../support/routes";

// "Alleen deze": a family shares single goals, agreements, people and the notes
// about shared goals. The gate decides which records a professional sees, in the
// read's own transaction, and logs exactly those.

function logOf(familyId: string) {
  return getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
}

/** The demo's shape in small: Sem's school goal, the father's anger goal, the debts. */
async function family() {
  const made = await makeFamily(undefined, "Gezin Yilmaz");
  const { familyId, admin } = made;
  const db = getDb();
  const sem = addMember(db, familyId, admin.id, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
  const dad = addMember(db, familyId, admin.id, { name: "Murat", relation: "vader", livesAtHome: "yes" });
  const school = createGoal(db, familyId, admin.id, { title: "Sem is op tijd op school", lifeArea: "school", term: "short", memberIds: [sem] });
  const anger = createGoal(db, familyId, admin.id, { title: "Papa blijft rustig als hij boos wordt", lifeArea: "mind", term: "long", memberIds: [dad] });
  const debts = createGoal(db, familyId, admin.id, { title: "Schulden op een rij", lifeArea: "money", term: "short", memberIds: [] });
  const oma = createNetworkPerson(db, familyId, admin.id, { name: "Oma Ans", kind: "informal", relation: "oma", organisation: "", phone: "" });
  const schuldhulp = createNetworkPerson(db, familyId, admin.id, { name: "Schuldhulp Ravi", kind: "professional", relation: "", organisation: "Plangroep", phone: "" });
  const schoolStep = createStep(db, familyId, admin.id, school, { what: "Wekker om 7 uur", when: "elke ochtend", who: `network:${oma}` }).id!;
  const angerStep = createStep(db, familyId, admin.id, anger, { what: "Even naar buiten lopen", when: "als het nodig is", who: `member:${dad}` }).id!;
  const debtStep = createStep(db, familyId, admin.id, debts, { what: "Brieven in één map", when: "deze week", who: `network:${schuldhulp}` }).id!;
  const calm = createWhatIf(db, familyId, admin.id, { situation: "Sem wil niet naar school", earlySigns: "", actions: "Oma bellen", informs: "", phones: "", lastCheckedOn: null });
  const fight = createWhatIf(db, familyId, admin.id, { situation: "papa wordt heel boos", earlySigns: "", actions: "naar boven", informs: "", phones: "", lastCheckedOn: null });
  const schoolNote = createProgressNote(db, familyId, admin.id, { text: "vandaag gelukt: op tijd naar school", goalId: school, mood: 4 }).id!;
  const angerNote = createProgressNote(db, familyId, admin.id, { text: "papa liep weg en kwam rustig terug", goalId: anger, mood: 3 }).id!;
  const looseNote = createProgressNote(db, familyId, admin.id, { text: "zware week", goalId: null, mood: 2 }).id!;
  return { ...made, sem, dad, school, anger, debts, oma, schuldhulp, schoolStep, angerStep, debtStep, calm, fight, schoolNote, angerNote, looseNote };
}

type Family = Awaited<ReturnType<typeof family>>;
const SECRETS = (f: Family) => ["Papa blijft rustig", "Schulden op een rij", "Even naar buiten", "Brieven in één map", "papa wordt heel boos", "papa liep weg", "Schuldhulp Ravi"];

async function teacher(f: Family, scopes: Scopes, selection: Selection) {
  return makeConsent(f.familyId, f.admin.id, { scopes, selection });
}

const page = (module: any, path: string, f: Family, cookie: string) => load(module.loader, `/care/${f.familyId}/${path}`, { familyId: f.familyId }, cookie);

describe("only Sem's school goals with the teacher", () => {
  it("the care page shows that goal and its steps, nothing else, and logs exactly what it showed", async () => {
    const f = await family();
    const { professional, consentId } = await teacher(f, { goals: "read" }, { goals: [f.school] });
    const result = await page(goalsPage, "goals", f, professional.cookie);
    expect(result.status).toBe(200);
    expect(result.data.goals.map((g: any) => g.title)).toEqual(["Sem is op tijd op school"]);
    expect(result.data.goals[0].steps.map((s: any) => s.id)).toEqual([f.schoolStep]);
    // Oma does the step, but the network is not shared: no name.
    expect(result.data.goals[0].steps[0].whoName).toBeNull();
    const raw = JSON.stringify(result.data);
    for (const secret of SECRETS(f)) expect(raw).not.toContain(secret);
    const log = logOf(f.familyId);
    expect(log.map((e) => [e.section, e.consentId, JSON.parse(e.recordIds)])).toEqual([["goals", consentId, [f.school, f.schoolStep]]]);
  });

  it("the API returns only that goal, logged with exactly its ids", async () => {
    const f = await family();
    const { professional, consentId } = await teacher(f, { goals: "read", progress: "read" }, { goals: [f.school], progress: { withoutGoal: false } });
    const { token } = createApiToken(getDb(), consentId, professional.id, "Dossier")!;
    const request = new Request("http://localhost/api/v1/plan", { headers: { Authorization: `Bearer ${token}`, "x-groeiplan-client-ip": "192.0.2.7" } });
    const response = (await api.loader(routeArgs(request) as any)) as Response;
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.goals.map((g: any) => g.id)).toEqual([f.school]);
    expect(body.progress.map((n: any) => n.id)).toEqual([f.schoolNote]);
    for (const secret of [...SECRETS(f), "zware week"]) expect(JSON.stringify(body)).not.toContain(secret);
    expect(logOf(f.familyId).map((e) => [e.section, JSON.parse(e.recordIds)])).toEqual([
      ["goals", [f.school, f.schoolStep]],
      ["progress", [f.schoolNote]],
    ]);
  });

  it("a goal the family did not share gives 404 and no entry, even to a professional who may write", async () => {
    const f = await family();
    const { professional } = await teacher(f, { goals: "write" }, { goals: [f.school] });
    const before = getDb().select().from(steps).all().length;
    const refused = await submit(goalsPage.action, `/care/${f.familyId}/goals`, { familyId: f.familyId }, { goalId: f.anger, what: "Ik bel papa", who: "together", when: "" }, professional.cookie);
    expect(refused.status).toBe(404);
    for (const secret of SECRETS(f)) expect(JSON.stringify(refused.data ?? "")).not.toContain(secret);
    expect(getDb().select().from(steps).all().length).toBe(before);
    expect(logOf(f.familyId)).toEqual([]);
    // On the shared goal it works, and is logged as that one step.
    const saved = await submit(goalsPage.action, `/care/${f.familyId}/goals`, { familyId: f.familyId }, { goalId: f.school, what: "Ik bel Sem", who: "together", when: "" }, professional.cookie);
    expect(saved.status).toBe(302);
    expect(logOf(f.familyId).map((e) => [e.action, JSON.parse(e.recordIds).length])).toEqual([["create", 1]]);
  });

  it("a goal added later is not shared with an 'alleen deze' consent", async () => {
    const f = await family();
    const { professional } = await teacher(f, { goals: "read" }, { goals: [f.school] });
    createGoal(getDb(), f.familyId, f.admin.id, { title: "Sem gaat naar voetbal", lifeArea: "participation", term: "short", memberIds: [f.sem] });
    const result = await page(goalsPage, "goals", f, professional.cookie);
    expect(result.data.goals.map((g: any) => g.title)).toEqual(["Sem is op tijd op school"]);
  });
});

describe("the gate itself", () => {
  it("refuses a read whose code shows a record the consent does not share, and logs nothing", async () => {
    const f = await family();
    const { professional } = await teacher(f, { goals: "read" }, { goals: [f.school] });
    const access = webAccess(professional.id, f.familyId);
    // A page that forgot to filter: every goal of the family.
    expect(() => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), f.familyId))).toThrow(NoAccess);
    expect(logOf(f.familyId)).toEqual([]);
    // An id of another family's record is refused the same way.
    const other = await family();
    expect(() => readThroughGate(getDb(), access, "goals", () => [{ id: other.school }])).toThrow(NoAccess);
    expect(logOf(f.familyId)).toEqual([]);
  });

  it("logs each record under the consent that showed it", async () => {
    const f = await family();
    const professional = await makeUser({ name: "Kim Coach", organisation: "Wijkteam" });
    const school = await makeConsent(f.familyId, f.admin.id, { professional, scopes: { goals: "read" }, selection: { goals: [f.school] } });
    const money = await makeConsent(f.familyId, f.admin.id, { professional, scopes: { goals: "read" }, selection: { goals: [f.debts] } });
    const result = await page(goalsPage, "goals", f, professional.cookie);
    expect(result.data.goals.map((g: any) => g.id).sort()).toEqual([f.school, f.debts].sort());
    const byConsent = Object.fromEntries(logOf(f.familyId).map((e) => [e.consentId, JSON.parse(e.recordIds)]));
    expect(byConsent).toEqual({ [school.consentId]: [f.school, f.schoolStep], [money.consentId]: [f.debts, f.debtStep] });
  });
});

describe("progress, wat-als and network, record by record", () => {
  it("notes: only those about shared goals; notes without a goal only when the family says so", async () => {
    const f = await family();
    const only = await teacher(f, { goals: "read", progress: "read" }, { goals: [f.school], progress: { withoutGoal: false } });
    const notes = await page(progressPage, "progress", f, only.professional.cookie);
    expect(notes.data.notes.map((n: any) => n.id)).toEqual([f.schoolNote]);
    expect(notes.data.notes[0].goalTitle).toBe("Sem is op tijd op school");

    const loose = await teacher(f, { goals: "read", progress: "read" }, { goals: [f.school], progress: { withoutGoal: true } });
    const withLoose = await page(progressPage, "progress", f, loose.professional.cookie);
    expect(withLoose.data.notes.map((n: any) => n.id).sort()).toEqual([f.schoolNote, f.looseNote].sort());

    // All notes, but only one goal: a note about an unshared goal shows without its title.
    const all = await teacher(f, { goals: "read", progress: "read" }, { goals: [f.school] });
    const allNotes = await page(progressPage, "progress", f, all.professional.cookie);
    const angerNote = allNotes.data.notes.find((n: any) => n.id === f.angerNote);
    expect(angerNote).toMatchObject({ goalId: null, goalTitle: null });
    expect(JSON.stringify(allNotes.data)).not.toContain("Papa blijft rustig");
  });

  it("wat-als and network: only the chosen agreements and people, logged exactly", async () => {
    const f = await family();
    const { professional, consentId } = await teacher(f, { whatifs: "read", network: "read" }, { whatifs: [f.calm], network: [f.oma] });
    const whatifs = await page(whatifsPage, "what-ifs", f, professional.cookie);
    expect(whatifs.data.whatIfs.map((w: any) => w.id)).toEqual([f.calm]);
    const network = await page(networkPage, "network", f, professional.cookie);
    expect(JSON.stringify(network.data)).toContain("Oma Ans");
    expect(JSON.stringify(network.data)).not.toContain("Schuldhulp Ravi");
    expect(JSON.stringify(whatifs.data)).not.toContain("papa wordt heel boos");
    expect(logOf(f.familyId).map((e) => [e.section, e.consentId, JSON.parse(e.recordIds)])).toEqual([
      ["whatifs", consentId, [f.calm]],
      ["network", consentId, [f.oma]],
    ]);
  });
});

describe("the family's consent form", () => {
  const base = (f: Family) => ({ name: "Sanne de Boer", organisation: "De Linde", role: "juf van Sem", purpose: "Op tijd komen", email: "", endsOn: "" });

  it("shares only the goals ticked, and the version records the choice", async () => {
    const f = await family();
    const loaded = await load(newAccess.loader, `/f/${f.familyId}/access/new`, { familyId: f.familyId }, f.admin.cookie);
    expect(loaded.data.choices.goals.map((g: any) => g.title)).toContain("Papa blijft rustig als hij boos wordt");
    const form = { ...base(f), endsOn: loaded.data.endsOn, goals: "read", "goals.which": "chosen", "goals.pick": [f.school, "not-a-goal-of-ours"], progress: "read", "progress.which": "goals" };
    const made = await submit(newAccess.action, `/f/${f.familyId}/access/new`, { familyId: f.familyId }, form, f.admin.cookie);
    expect(made.status).toBe(200);
    const consent = getConsent(getDb(), f.familyId, made.data.consentId)!;
    expect(consent.selection).toEqual({ goals: [f.school], progress: { withoutGoal: false } });
    const versions = getDb().select().from(consentVersions).where(eq(consentVersions.consentId, consent.id)).all();
    expect(versions.map((v) => v.selection)).toEqual([{ goals: [f.school], progress: { withoutGoal: false } }]);
  });

  it("'alleen deze' with nothing ticked is refused next to the field, keeps what was typed, and stores nothing", async () => {
    const f = await family();
    const form = { ...base(f), endsOn: "2099-01-01", goals: "read", "goals.which": "chosen", whatifs: "read", "whatifs.which": "chosen", "whatifs.pick": f.calm };
    const refused = await submit(newAccess.action, `/f/${f.familyId}/access/new`, { familyId: f.familyId }, form, f.admin.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data.errors["goals.which"]).toBe("access:errors.nonePicked");
    expect(refused.data.values).toMatchObject({ name: "Sanne de Boer", "goals.which": "chosen", "whatifs.pick": f.calm });
    expect(getDb().select().from(consents).where(eq(consents.familyId, f.familyId)).all()).toEqual([]);
  });

  it("a change to the choice is a new version; the old version keeps the old choice", async () => {
    const f = await family();
    const { consentId } = await teacher(f, { goals: "read" }, { goals: [f.school] });
    const path = `/f/${f.familyId}/access/${consentId}`;
    const detail = await load(editAccess.loader, path, { familyId: f.familyId, consentId }, f.admin.cookie);
    expect(detail.data.consent.values).toMatchObject({ goals: "read", "goals.which": "chosen", "goals.pick": f.school });
    const form = { intent: "change", goals: "read", "goals.which": "chosen", "goals.pick": [f.school, f.debts], endsOn: detail.data.consent.lastDay };
    expect((await submit(editAccess.action, path, { familyId: f.familyId, consentId }, form, f.admin.cookie)).status).toBe(302);
    const after = await load(editAccess.loader, path, { familyId: f.familyId, consentId }, f.admin.cookie);
    expect(after.data.versions.map((v: any) => [v.version, v.parts[0].chosen])).toEqual([
      [2, [f.school, f.debts]],
      [1, [f.school]],
    ]);
    expect(after.data.titles[f.debts]).toBe("Schulden op een rij");
  });

  it("the goal form asks who may see a new goal; ticked 'alleen deze' consents get it in a new version, others do not", async () => {
    const f = await family();
    const ticked = await teacher(f, { goals: "read" }, { goals: [f.school] });
    const unticked = await teacher(f, { goals: "read" }, { goals: [f.school] });
    const whole = await teacher(f, { goals: "read" }, {});
    const loaded = await load(newGoal.loader, `/f/${f.familyId}/goals/new`, { familyId: f.familyId }, f.admin.cookie);
    expect(loaded.data.sharing.map((c: any) => [c.id, c.whole]).sort()).toEqual(
      [
        [ticked.consentId, false],
        [unticked.consentId, false],
        [whole.consentId, true],
      ].sort(),
    );
    const form = { title: "Sem gaat naar voetbal", lifeArea: "participation", term: "short", memberIds: f.sem, shareWith: [ticked.consentId, whole.consentId] };
    const saved = await submit(newGoal.action, `/f/${f.familyId}/goals/new`, { familyId: f.familyId }, form, f.admin.cookie);
    expect(saved.status).toBe(302);
    const goalId = saved.location!.split("/").at(-1)!;
    expect(getConsent(getDb(), f.familyId, ticked.consentId)).toMatchObject({ version: 2, selection: { goals: [f.school, goalId] } });
    expect(getConsent(getDb(), f.familyId, unticked.consentId)).toMatchObject({ version: 1, selection: { goals: [f.school] } });
    expect(getConsent(getDb(), f.familyId, whole.consentId)).toMatchObject({ version: 1, selection: {} });
    const seen = await page(goalsPage, "goals", f, ticked.professional.cookie);
    expect(seen.data.goals.map((g: any) => g.title)).toEqual(["Sem is op tijd op school", "Sem gaat naar voetbal"]);
  });

  it("changeConsent keeps 'alles' when no choice is given", async () => {
    const f = await family();
    const { consentId } = await teacher(f, { goals: "read" }, {});
    changeConsent(getDb(), f.familyId, f.admin.id, consentId, { scopes: { goals: "read", whatifs: "read" }, endsAt: Date.now() + 86_400_000 });
    expect(getConsent(getDb(), f.familyId, consentId)!.selection).toEqual({});
  });
});
