import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, apiTokens, progressNotes, steps } from "../../db/schema";
import { changeConsent, revokeConsent, type Scopes } from "../../consent/grants";
import { createGoal, createStep, listSteps } from "../../app/plan/goals.server";
import { addMember } from "../../app/plan/members.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createProgressNote, listProgress } from "../../app/plan/progress.server";
import { hashToken } from "../../consent/tokens";
import * as careHome from "../../app/routes/care/home";
import * as startPage from "../../app/routes/home";
import * as overview from "../../app/routes/care/overview";
import * as goalsPage from "../../app/routes/care/goals";
import * as whatifsPage from "../../app/routes/care/whatifs";
import * as progressPage from "../../app/routes/care/progress";
import * as networkPage from "../../app/routes/care/network";
import * as tokensPage from "../../app/routes/care/tokens";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit } from "../support/routes";

const DAY = 24 * 60 * 60 * 1000;
const FAMILY = "Gezin Bakker";
const ALL_READ: Scopes = { goals: "read", whatifs: "read", progress: "read", network: "read" };

const PAGES = {
  goals: { module: goalsPage, path: "goals" },
  whatifs: { module: whatifsPage, path: "what-ifs" },
  progress: { module: progressPage, path: "progress" },
  network: { module: networkPage, path: "network" },
} as const;
type PageSection = keyof typeof PAGES;
const SECTIONS = Object.keys(PAGES) as PageSection[];

function logOf(familyId: string) {
  return getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
}

/** A family with something in every part of the plan. */
async function familyWithPlan(name = FAMILY) {
  const family = await makeFamily(undefined, name);
  const db = getDb();
  const { familyId, admin } = family;
  const semId = addMember(db, familyId, admin.id, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
  const goalId = createGoal(db, familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [semId] });
  const step = createStep(db, familyId, admin.id, goalId, { what: "Wekker om 7 uur", when: "elke ochtend", who: `member:${semId}` });
  if (!step.id) throw new Error("step");
  const whatIfId = createWhatIf(db, familyId, admin.id, {
    situation: "papa wordt heel boos",
    earlySigns: "hij gaat hard praten",
    actions: "mama gaat met de kinderen naar boven",
    informs: "mama belt de coach",
    phones: "Coach 06 12345678",
    lastCheckedOn: null,
  });
  const personId = createNetworkPerson(db, familyId, admin.id, { name: "Oma Ans", kind: "informal", relation: "oma", organisation: "", phone: "06 87654321" });
  const note = createProgressNote(db, familyId, admin.id, { text: "Sem was drie keer op tijd", goalId, mood: 4 });
  if (!note.id) throw new Error("note");
  return { ...family, semId, goalId, stepId: step.id, whatIfId, personId, noteId: note.id };
}

async function withConsent(scopes: Scopes, options: { endsAt?: number; claim?: boolean } = {}) {
  const family = await familyWithPlan();
  const { consentId, token, professional } = await makeConsent(family.familyId, family.admin.id, { scopes, ...options });
  return { ...family, consentId, token, professional };
}

function page(section: PageSection, familyId: string, user?: TestUser) {
  return load(PAGES[section].module.loader, `/care/${familyId}/${PAGES[section].path}`, { familyId }, user?.cookie);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the professional's home page", () => {
  it("lists only the families that gave this professional access, with parts and end date; ended ones apart, without links", async () => {
    const first = await withConsent({ goals: "read", progress: "write" });
    const second = await familyWithPlan("Gezin Yilmaz");
    await makeConsent(second.familyId, second.admin.id, { professional: first.professional, scopes: { network: "read" } });
    const third = await familyWithPlan("Gezin De Vries");
    const stopped = await makeConsent(third.familyId, third.admin.id, { professional: first.professional, scopes: { goals: "read" } });
    revokeConsent(getDb(), third.familyId, third.admin.id, stopped.consentId);
    // Someone else's access does not show up.
    const other = await familyWithPlan("Gezin Anders");
    await makeConsent(other.familyId, other.admin.id);

    const home = await load(careHome.loader, "/care", {}, first.professional.cookie);
    expect(home.status).toBe(200);
    expect(home.data.active).toHaveLength(2);
    expect(home.data.active.find((c: any) => c.familyId === first.familyId)).toMatchObject({
      familyName: FAMILY,
      role: "juf van Sem",
      parts: [
        { section: "goals", level: "read", chosen: null, withoutGoal: null },
        { section: "progress", level: "write", chosen: null, withoutGoal: null },
      ],
    });
    expect(home.data.active.find((c: any) => c.familyId === second.familyId).parts).toEqual([{ section: "network", level: "read", chosen: null, withoutGoal: null }]);
    expect(home.data.ended).toEqual([expect.objectContaining({ familyName: "Gezin De Vries", status: "revoked" })]);
    expect(home.data.ended[0]).not.toHaveProperty("familyId");
    expect(JSON.stringify(home.data)).not.toContain("Gezin Anders");
    // The home page shows permissions only, never plan data: nothing is logged.
    for (const family of [first, second, third, other]) expect(logOf(family.familyId)).toHaveLength(0);
  });

  it("asks a signed-out visitor to sign in", async () => {
    const result = await load(careHome.loader, "/care", {});
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Fcare");
  });

  it("is where a professional without a family of their own lands after signing in", async () => {
    const { professional, admin } = await withConsent({ goals: "read" });
    expect((await load(startPage.loader, "/", {}, professional.cookie)).location).toBe("/care");
    // The family still lands on its own plan, and someone with neither starts a family.
    expect((await load(startPage.loader, "/", {}, admin.cookie)).location).toMatch(/^\/f\//);
    expect((await load(startPage.loader, "/", {}, (await makeUser()).cookie)).location).toBe("/families");
  });
});

describe("the family's pages for a professional", () => {
  it("the frame and the overview show the family, only the granted parts and the end date, and log nothing", async () => {
    const { familyId, professional } = await withConsent({ goals: "read", progress: "write" });
    const shared = await load(overview.loader, `/care/${familyId}`, { familyId }, professional.cookie);
    expect(shared.status).toBe(200);
    expect(shared.data.frame).toMatchObject({ familyId, familyName: FAMILY });
    expect(shared.data.frame.parts.map((p: any) => [p.section, p.level])).toEqual([
      ["goals", "read"],
      ["progress", "write"],
    ]);
    expect(shared.data.consents).toEqual([
      expect.objectContaining({ purpose: "Meekijken hoe het gaat met op tijd komen", role: "juf van Sem" }),
    ]);
    expect(JSON.stringify(shared.data)).not.toContain("Op tijd naar school");
    expect(logOf(familyId)).toHaveLength(0);
  });

  it("each granted part shows and writes exactly one entry in the family's log", async () => {
    const family = await withConsent(ALL_READ);
    const { familyId, professional, consentId } = family;
    const expected: Record<PageSection, string[]> = {
      goals: [family.goalId, family.stepId],
      whatifs: [family.whatIfId],
      progress: [family.noteId],
      network: [family.personId],
    };
    for (const section of SECTIONS) {
      const before = logOf(familyId).length;
      const result = await page(section, familyId, professional);
      expect(result.status, section).toBe(200);
      // Each page brings its own frame: whose plan, which parts, until when.
      expect(result.data.frame, section).toMatchObject({ familyId, familyName: FAMILY });
      const log = logOf(familyId);
      expect(log.length - before, section).toBe(1);
      expect(log.at(-1)).toMatchObject({
        actorUserId: professional.id,
        consentId,
        consentVersion: 1,
        section,
        action: "read",
        channel: "web",
        recordIds: JSON.stringify(expected[section]),
      });
    }
    const goals = (await page("goals", familyId, professional)).data;
    expect(goals.goals[0]).toMatchObject({ title: "Op tijd naar school", members: [{ name: "Sem" }] });
    expect(goals.goals[0].steps[0]).toMatchObject({ what: "Wekker om 7 uur", whoName: "Sem", author: null });
    expect(goals.canWrite).toBe(false);
    expect((await page("whatifs", familyId, professional)).data.whatIfs[0]).toMatchObject({ situation: "papa wordt heel boos", phones: "Coach 06 12345678" });
    expect((await page("network", familyId, professional)).data.people[0]).toMatchObject({ name: "Oma Ans" });
    expect((await page("progress", familyId, professional)).data.notes[0]).toMatchObject({ text: "Sem was drie keer op tijd", goalTitle: "Op tijd naar school" });
  });

  it("a step done by someone from the network names them only where the network is shared too", async () => {
    for (const [scopes, expected] of [
      [{ goals: "read" }, null],
      [{ goals: "read", network: "read" }, "Oma Ans"],
    ] as const) {
      const { familyId, admin, goalId, personId, professional } = await withConsent(scopes);
      createStep(getDb(), familyId, admin.id, goalId, { what: "Oma haalt Sem op", when: "woensdag", who: `network:${personId}` });
      const result = await page("goals", familyId, professional);
      const step = result.data.goals[0].steps.find((s: any) => s.what === "Oma haalt Sem op");
      expect(step).toMatchObject({ whoKind: "network", whoName: expected });
      if (!expected) expect(JSON.stringify(result.data)).not.toContain("Oma Ans");
    }
  });

  it("a part that was not granted is a 404 that logs nothing and names no family", async () => {
    const { familyId, professional } = await withConsent({ progress: "read" });
    for (const section of ["goals", "whatifs", "network"] as const) {
      const result = await page(section, familyId, professional);
      expect(result.status, section).toBe(404);
      expect(JSON.stringify(result.data ?? null)).not.toContain(FAMILY);
    }
    expect(logOf(familyId)).toHaveLength(0);
    // Progress alone does not reveal which goal a note is about.
    const progress = await page("progress", familyId, professional);
    expect(progress.data.notes[0].goalTitle).toBeNull();
  });

  it("another family, or no consent at all, is the same 404 on every page, logging nothing", async () => {
    const { familyId, professional } = await withConsent(ALL_READ);
    const otherFamily = await familyWithPlan("Gezin Anders");
    const stranger = await makeUser({ name: "Onbekende" });
    const cases: [TestUser, string][] = [
      [professional, otherFamily.familyId],
      [stranger, familyId],
      [professional, "bestaat-niet"],
    ];
    for (const [user, target] of cases) {
      for (const fn of [overview.loader, tokensPage.loader]) {
        const result = await load(fn, `/care/${target}`, { familyId: target }, user.cookie);
        expect(result.status).toBe(404);
        expect(JSON.stringify(result.data ?? null)).not.toMatch(/Gezin/);
      }
      for (const section of SECTIONS) {
        const result = await page(section, target, user);
        expect(result.status).toBe(404);
        expect(JSON.stringify(result.data ?? null)).not.toMatch(/Gezin/);
      }
    }
    expect(logOf(familyId)).toHaveLength(0);
    expect(logOf(otherFamily.familyId)).toHaveLength(0);
  });

  it("a revoked, expired or not yet claimed consent opens nothing, from the very next request", async () => {
    const revoked = await withConsent(ALL_READ);
    expect((await page("goals", revoked.familyId, revoked.professional)).status).toBe(200);
    revokeConsent(getDb(), revoked.familyId, revoked.admin.id, revoked.consentId);

    const endsAt = Date.now() + 2 * DAY;
    const expiring = await withConsent(ALL_READ, { endsAt });

    const pending = await withConsent(ALL_READ, { claim: false });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt);
    for (const { familyId, professional } of [revoked, expiring, pending]) {
      const before = logOf(familyId).length;
      for (const fn of [overview.loader, tokensPage.loader]) {
        expect((await load(fn, `/care/${familyId}`, { familyId }, professional.cookie)).status).toBe(404);
      }
      for (const section of SECTIONS) {
        const result = await page(section, familyId, professional);
        expect(result.status).toBe(404);
        expect(JSON.stringify(result.data ?? null)).not.toContain(FAMILY);
      }
      expect(logOf(familyId)).toHaveLength(before);
    }
  });

  it("a signed-out visitor is sent to sign in, and nothing is logged", async () => {
    const { familyId } = await withConsent(ALL_READ);
    const result = await page("goals", familyId);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/login?redirectTo=${encodeURIComponent(`/care/${familyId}/goals`)}`);
    expect(logOf(familyId)).toHaveLength(0);
  });

  it("a changed consent counts at once: a part taken away closes", async () => {
    const { familyId, admin, consentId, professional } = await withConsent({ goals: "read", network: "read" });
    expect((await page("network", familyId, professional)).status).toBe(200);
    changeConsent(getDb(), familyId, admin.id, consentId, { scopes: { goals: "read" }, endsAt: Date.now() + 30 * DAY });
    expect((await page("network", familyId, professional)).status).toBe(404);
    const frame = await load(overview.loader, `/care/${familyId}`, { familyId }, professional.cookie);
    expect(frame.data.frame.parts.map((p: any) => p.section)).toEqual(["goals"]);
    expect(logOf(familyId).map((e) => [e.section, e.consentVersion])).toEqual([["network", 1]]);
  });
});

describe("writing as a professional", () => {
  function addStep(familyId: string, user: TestUser, form: Record<string, string>) {
    return submit(goalsPage.action, `/care/${familyId}/goals`, { familyId }, form, user.cookie);
  }

  it("with 'mag ook schrijven' a step is added, logged as create, and shows the professional's name and organisation", async () => {
    const { familyId, goalId, semId, professional, consentId } = await withConsent({ goals: "write" });
    const loaded = await page("goals", familyId, professional);
    expect(loaded.data.canWrite).toBe(true);
    expect(loaded.data.who).toEqual([{ value: `member:${semId}`, name: "Sem" }]);

    const saved = await addStep(familyId, professional, { goalId, what: "Ik bel elke vrijdag even", who: "together", when: "vrijdag" });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/care/${familyId}/goals?saved=1#goal-${goalId}`);
    const created = listSteps(getDb(), familyId, goalId).find((s) => s.what === "Ik bel elke vrijdag even")!;
    expect(created).toMatchObject({ whoKind: "together", when: "vrijdag", authorName: "Sanne de Boer", authorOrganisation: "Basisschool De Linde" });
    expect(logOf(familyId).at(-1)).toMatchObject({ section: "goals", action: "create", channel: "web", consentId, recordIds: JSON.stringify([created.id]) });

    const again = await page("goals", familyId, professional);
    const shown = again.data.goals[0].steps.find((s: any) => s.id === created.id);
    expect(shown.author).toEqual({ name: "Sanne de Boer", organisation: "Basisschool De Linde" });

    // A family member the goals are for can be chosen too.
    expect((await addStep(familyId, professional, { goalId, what: "Sem zet zelf de wekker", who: `member:${semId}`, when: "" })).status).toBe(302);
  });

  it("refuses bad input with messages and stores nothing, and only offers people from the goals it showed", async () => {
    const { familyId, admin, goalId, professional } = await withConsent({ goals: "write" });
    // A member no goal is for: not shown to the professional, so not accepted either.
    const hiddenId = addMember(getDb(), familyId, admin.id, { name: "Lisa", relation: "dochter", livesAtHome: "yes" });
    const before = getDb().select().from(steps).where(eq(steps.familyId, familyId)).all().length;
    const logBefore = logOf(familyId).length;

    const empty = await addStep(familyId, professional, { goalId, what: "  ", who: "together" });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toMatchObject({ what: "errors.required" });
    const hidden = await addStep(familyId, professional, { goalId, what: "Lisa helpt", who: `member:${hiddenId}` });
    expect(hidden.status).toBe(400);
    expect(hidden.data.errors).toEqual({ who: "errors.choose" });
    const noGoal = await addStep(familyId, professional, { goalId: "bestaat-niet", what: "Iets", who: "together" });
    expect(noGoal.status).toBe(400);
    expect(noGoal.data.errors).toEqual({ goalId: "errors.choose" });

    expect(getDb().select().from(steps).where(eq(steps.familyId, familyId)).all()).toHaveLength(before);
    expect(logOf(familyId)).toHaveLength(logBefore);
  });

  it("with only 'mag kijken' there is no form and a post is a 404 that stores and logs nothing", async () => {
    const { familyId, goalId, professional } = await withConsent({ goals: "read", progress: "read" });
    expect((await page("goals", familyId, professional)).data.canWrite).toBe(false);
    expect((await page("progress", familyId, professional)).data.canWrite).toBe(false);
    const logBefore = logOf(familyId).length;

    const step = await addStep(familyId, professional, { goalId, what: "Stiekem", who: "together" });
    expect(step.status).toBe(404);
    const note = await submit(progressPage.action, `/care/${familyId}/progress`, { familyId }, { intent: "progress", text: "Stiekem" }, professional.cookie);
    expect(note.status).toBe(404);
    // Not even bad input is answered with anything but the 404.
    expect((await addStep(familyId, professional, {})).status).toBe(404);

    expect(listSteps(getDb(), familyId, goalId).map((s) => s.what)).not.toContain("Stiekem");
    expect(listProgress(getDb(), familyId).map((n) => n.text)).not.toContain("Stiekem");
    expect(logOf(familyId)).toHaveLength(logBefore);
  });

  it("with 'mag ook schrijven' a progress note is added, logged as create, and shows name and organisation", async () => {
    const { familyId, professional, consentId } = await withConsent({ progress: "write" });
    const saved = await submit(
      progressPage.action,
      `/care/${familyId}/progress`,
      { familyId },
      { intent: "progress", text: "Sem was deze week elke dag op tijd", mood: "5", goalId: "wordt-genegeerd" },
      professional.cookie,
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/care/${familyId}/progress?saved=1`);
    const note = getDb().select().from(progressNotes).where(eq(progressNotes.text, "Sem was deze week elke dag op tijd")).get()!;
    expect(note).toMatchObject({ familyId, authorUserId: professional.id, mood: 5, goalId: null });
    expect(logOf(familyId).at(-1)).toMatchObject({ section: "progress", action: "create", consentId, recordIds: JSON.stringify([note.id]) });

    const loaded = await page("progress", familyId, professional);
    expect(loaded.data.canWrite).toBe(true);
    expect(loaded.data.notes[0]).toMatchObject({
      text: "Sem was deze week elke dag op tijd",
      authorName: "Sanne de Boer",
      authorOrganisation: "Basisschool De Linde",
    });

    const empty = await submit(progressPage.action, `/care/${familyId}/progress`, { familyId }, { intent: "progress", text: "" }, professional.cookie);
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toMatchObject({ text: "errors.required" });
  });
});

describe("the keys page", () => {
  it("makes a key shown once, lists it without the key, and stops it", async () => {
    const { familyId, consentId, professional } = await withConsent({ goals: "read" });
    const url = `/care/${familyId}/tokens`;
    const empty = await load(tokensPage.loader, url, { familyId }, professional.cookie);
    expect(empty.status).toBe(200);
    expect(empty.data.consents).toEqual([expect.objectContaining({ id: consentId, tokens: [] })]);

    const made = await submit(tokensPage.action, url, { familyId }, { intent: "create", consentId, label: "Ons dossiersysteem" }, professional.cookie);
    expect(made.status).toBe(200);
    expect(made.headers.get("Cache-Control")).toBe("no-store");
    const token: string = made.data.created.token;
    expect(token).toMatch(/^gp_[a-z2-7]{32}$/);
    const stored = getDb().select().from(apiTokens).where(eq(apiTokens.consentId, consentId)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ tokenHash: hashToken(token), userId: professional.id, label: "Ons dossiersysteem" });
    expect(JSON.stringify(stored)).not.toContain(token);

    const listed = await load(tokensPage.loader, url, { familyId }, professional.cookie);
    expect(listed.data.consents[0].tokens).toEqual([expect.objectContaining({ label: "Ons dossiersysteem", lastUsedAt: null })]);
    expect(JSON.stringify(listed.data)).not.toContain(token);

    const noLabel = await submit(tokensPage.action, url, { familyId }, { intent: "create", consentId, label: "" }, professional.cookie);
    expect(noLabel.status).toBe(400);
    expect(noLabel.data.errors).toEqual({ label: "errors.required" });

    const stop = await submit(tokensPage.action, url, { familyId }, { intent: "revoke", tokenId: stored[0].id }, professional.cookie);
    expect(stop.status).toBe(302);
    expect(getDb().select().from(apiTokens).where(eq(apiTokens.id, stored[0].id)).get()!.revokedAt).not.toBeNull();
    expect((await load(tokensPage.loader, url, { familyId }, professional.cookie)).data.consents[0].tokens).toEqual([]);
    // Keys are not plan data: making and stopping them is not a look.
    expect(logOf(familyId)).toHaveLength(0);
  });

  it("cannot make a key under someone else's consent or stop someone else's key", async () => {
    const mine = await withConsent({ goals: "read" });
    const theirs = await withConsent({ goals: "read" });
    const made = await submit(tokensPage.action, "/x", { familyId: theirs.familyId }, { intent: "create", consentId: theirs.consentId, label: "Van mij" }, theirs.professional.cookie);
    const theirToken = getDb().select().from(apiTokens).where(eq(apiTokens.consentId, theirs.consentId)).get()!;
    expect(made.status).toBe(200);

    const steal = await submit(tokensPage.action, "/x", { familyId: mine.familyId }, { intent: "create", consentId: theirs.consentId, label: "Stiekem" }, mine.professional.cookie);
    expect(steal.status).toBe(404);
    const cross = await submit(tokensPage.action, "/x", { familyId: theirs.familyId }, { intent: "create", consentId: theirs.consentId, label: "Stiekem" }, mine.professional.cookie);
    expect(cross.status).toBe(404);
    const stop = await submit(tokensPage.action, "/x", { familyId: mine.familyId }, { intent: "revoke", tokenId: theirToken.id }, mine.professional.cookie);
    expect(stop.status).toBe(404);
    expect(getDb().select().from(apiTokens).where(eq(apiTokens.consentId, theirs.consentId)).all()).toEqual([expect.objectContaining({ revokedAt: null })]);
    expect(getDb().select().from(apiTokens).where(eq(apiTokens.label, "Stiekem")).all()).toHaveLength(0);
  });
});
