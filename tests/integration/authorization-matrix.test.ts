import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, consents } from "../../db/schema";
import { revokeConsent, type Scopes } from "../../consent/grants";
import { createApiToken } from "../../consent/api-tokens";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { addMember } from "../../app/plan/members.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createStrength } from "../../app/plan/strengths.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { createReview } from "../../app/plan/reviews.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import routeConfig from "../../app/routes";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { call, makeRequest, type Result, routeArgs } from "../support/routes";

// Every plan loader, action and the API, for every kind of visitor. The family's
// pages are for its members (some only for admins); a professional reads only
// through /care and the API, only with an active consent for that part, and every
// such read leaves exactly one entry in the family's log. Anyone else gets the same
// 404 (or a sign-in page when signed out) and learns nothing about the family.
//
// Each cell runs inside a transaction that is rolled back afterwards, so a cell
// that is allowed to change things (a delete, a revoke) cannot spoil the next one.

type Persona =
  | "admin"
  | "member"
  | "otherFamily"
  | "proNoConsent"
  | "proWaiting"
  | "proActive"
  | "proExpired"
  | "proRevoked"
  | "proGoalsOnly"
  | "proChosen"
  | "signedOut";

const PERSONAS: Persona[] = [
  "admin",
  "member",
  "otherFamily",
  "proNoConsent",
  "proWaiting",
  "proActive",
  "proExpired",
  "proRevoked",
  "proGoalsOnly",
  "proChosen",
  "signedOut",
];

const FAMILY_NAME = "Gezin Matrix-Verborgen";
// Words from every part of the plan: none may reach someone who may not see that part.
const SECRETS = {
  family: [FAMILY_NAME],
  goals: ["Geheim doel fietsen", "Geheime stap zadel"],
  strengths: ["Geheim trots op zwemdiploma"],
  whatifs: ["Geheime situatie onweer"],
  progress: ["Geheime voortgang pannenkoek"],
  network: ["Geheime buurman Gijs"],
};
const ALL_SECRETS = Object.values(SECRETS).flat();
// Records the family shared one by one ("alleen deze") with proChosen, who may
// read every part but sees only these: none of the secrets above.
const CHOSEN = {
  goals: "Gedeeld doel lezen",
  strengths: "Gedeeld gaat goed tekenen",
  whatifs: "Gedeelde situatie zon",
  progress: "Gedeelde voortgang soep",
  network: "Gedeelde tante Ria",
};
const PLAN_SECRETS = ALL_SECRETS.filter((secret) => secret !== FAMILY_NAME);

type World = {
  familyId: string;
  ids: { goalId: string; stepId: string; whatIfId: string; personId: string; noteId: string; memberId: string; consentId: string; strengthId: string };
  users: Record<Exclude<Persona, "signedOut">, TestUser>;
  tokens: Partial<Record<Persona, string>>;
};

let world: World;

const FULL: Scopes = { goals: "write", strengths: "write", whatifs: "write", progress: "write", network: "write" };
const READ_ALL: Scopes = { goals: "read", strengths: "read", whatifs: "read", progress: "read", network: "read" };

beforeAll(async () => {
  const db = getDb();
  const admin = await makeUser({ name: "Mama Matrix" });
  const { familyId } = await makeFamily(admin, FAMILY_NAME);
  const memberUser = await makeUser({ name: "Zoon Matrix" });
  const memberId = addMember(db, familyId, admin.id, { name: "Zoon", relation: "zoon", livesAtHome: "yes" });
  // A plain member with an account: linked the way a claimed join link does it.
  db.run(sql`update members set user_id = ${memberUser.id} where id = ${memberId}`);
  const goalId = createGoal(db, familyId, admin.id, { title: SECRETS.goals[0], lifeArea: "school", term: "short", memberIds: [memberId] });
  const personId = createNetworkPerson(db, familyId, admin.id, { name: SECRETS.network[0], kind: "informal", relation: "buurman", organisation: "", phone: "" });
  // Done by someone from the network: their name belongs to the network part, not to the goals.
  const step = createStep(db, familyId, admin.id, goalId, { what: SECRETS.goals[1], when: "morgen", who: `network:${personId}` });
  const whatIfId = createWhatIf(db, familyId, admin.id, {
    situation: SECRETS.whatifs[0],
    earlySigns: "",
    actions: "binnen blijven",
    informs: "",
    phones: "",
    lastCheckedOn: null,
  });
  const note = createProgressNote(db, familyId, admin.id, { text: SECRETS.progress[0], goalId: null, mood: 4 });
  const chosenGoal = createGoal(db, familyId, admin.id, { title: CHOSEN.goals, lifeArea: "school", term: "short", memberIds: [memberId] });
  const chosenWhatIf = createWhatIf(db, familyId, admin.id, { situation: CHOSEN.whatifs, earlySigns: "", actions: "", informs: "", phones: "", lastCheckedOn: null });
  const chosenPerson = createNetworkPerson(db, familyId, admin.id, { name: CHOSEN.network, kind: "informal", relation: "tante", organisation: "", phone: "" });
  createProgressNote(db, familyId, admin.id, { text: CHOSEN.progress, goalId: chosenGoal, mood: 3 });
  const strength = createStrength(db, familyId, admin.id, { kind: "proud", memberId, text: SECRETS.strengths[0] });
  const chosenStrength = createStrength(db, familyId, admin.id, { kind: "going_well", memberId: null, text: CHOSEN.strengths });
  if (!("id" in strength) || !("id" in chosenStrength)) throw new Error("strength not made");

  const other = await makeFamily(undefined, "Gezin Anders");
  const professional = (name: string) => makeUser({ name, organisation: "Testorganisatie" });
  const proNoConsent = await professional("Pro Zonder");
  const proWaiting = await professional("Pro Wachtend");
  const proActive = await professional("Pro Actief");
  const proExpired = await professional("Pro Verlopen");
  const proRevoked = await professional("Pro Ingetrokken");
  const proGoalsOnly = await professional("Pro Alleen Doelen");
  const proChosen = await professional("Pro Alleen Deze");

  // Waiting: the family made the consent for this person, but the link was never used.
  await makeConsent(familyId, admin.id, { scopes: FULL, claim: false, professional: proWaiting });
  const active = await makeConsent(familyId, admin.id, { scopes: FULL, professional: proActive });
  const expired = await makeConsent(familyId, admin.id, { scopes: FULL, professional: proExpired });
  const revoked = await makeConsent(familyId, admin.id, { scopes: FULL, professional: proRevoked });
  const goalsOnly = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, professional: proGoalsOnly });
  const chosen = await makeConsent(familyId, admin.id, {
    scopes: READ_ALL,
    selection: { goals: [chosenGoal], strengths: [chosenStrength.id], whatifs: [chosenWhatIf], network: [chosenPerson], progress: { withoutGoal: false } },
    professional: proChosen,
  });

  const tokens: World["tokens"] = {};
  for (const [persona, consent] of [
    ["proActive", active],
    ["proExpired", expired],
    ["proRevoked", revoked],
    ["proGoalsOnly", goalsOnly],
    ["proChosen", chosen],
  ] as const) {
    tokens[persona] = createApiToken(db, consent.consentId, consent.professional.id, "Dossier")!.token;
  }
  // The end date passed a moment ago; the other was taken back by the family.
  db.update(consents).set({ endsAt: Date.now() - 1 }).where(eq(consents.id, expired.consentId)).run();
  revokeConsent(db, familyId, admin.id, revoked.consentId);

  world = {
    familyId,
    ids: { goalId, stepId: step.id!, whatIfId, personId, noteId: note.id!, memberId, consentId: active.consentId, strengthId: strength.id },
    users: { admin, member: memberUser, otherFamily: other.admin, proNoConsent, proWaiting, proActive, proExpired, proRevoked, proGoalsOnly, proChosen },
    tokens,
  };
});

// "Samen terugkijken" is the family's own: no consent shares it (ADR 017). Its words
// hold the secret goal's title, so every refusal above also proves they did not leak.
// "Doorgaan" leaves the goal as it was.
const REVIEW_WORDS = `${SECRETS.goals[0]}: samen teruggekeken`;
let reviewId = "";
beforeAll(() => {
  reviewId = createReview(getDb(), world.familyId, world.users.admin.id, {
    heldOn: "2026-06-03",
    present: REVIEW_WORDS,
    note: REVIEW_WORDS,
    nextOn: "2026-12-03",
    goals: [{ goalId: world.ids.goalId, howItWent: REVIEW_WORDS, next: "continue" }],
  });
});

afterAll(() => {
  resetRateLimits();
});

const cookieOf = (persona: Persona) => (persona === "signedOut" ? undefined : world.users[persona].cookie);

function logCount() {
  return getDb().select({ n: sql<number>`count(*)` }).from(accessLog).where(eq(accessLog.familyId, world.familyId)).get()!.n;
}

/** Every row of every table that holds the family's plan, consent or log: "nothing changed" means this is equal. */
function fingerprint() {
  const client = getDb().$client;
  const tables = ["families", "members", "goals", "goal_members", "steps", "what_ifs", "what_if_uses", "progress_notes", "network_people", "consents", "consent_versions", "consent_invitations", "api_tokens", "access_log", "family_invitations", "changes", "reviews", "review_goals", "strengths"];
  return tables.map((table) => JSON.stringify(client.prepare(`select * from ${table} order by rowid`).all())).join("\n");
}

/** Runs one cell and rolls everything it did back. Returns the result and what it logged. */
async function inRollback(work: () => Promise<Result>) {
  const client = getDb().$client;
  resetRateLimits();
  client.exec("BEGIN");
  try {
    const before = logCount();
    const state = fingerprint();
    const result = await work();
    return { result, logged: logCount() - before, changed: fingerprint() !== state };
  } finally {
    client.exec("ROLLBACK");
  }
}

function expectNoLeak(result: Result, secrets: string[] = ALL_SECRETS) {
  const body = JSON.stringify(result.data ?? "");
  for (const secret of secrets) expect(body, `leaked "${secret}"`).not.toContain(secret);
}

function expectSignIn(result: Result) {
  expect(result.status).toBe(302);
  expect(result.location).toMatch(/^\/login\?redirectTo=/);
}

// ---------------------------------------------------------------------------
// The family's own pages
// ---------------------------------------------------------------------------

type RouteModule = { loader?: (args: any) => unknown; action?: (args: any) => unknown };
type FamilyRoute = {
  file: string;
  path: (w: World) => string;
  params: (w: World) => Record<string, string>;
  adminOnly?: "loader" | "action" | "both";
  // The post to send; by default an empty form, which never is valid plan input.
  form?: (w: World) => Record<string, string>;
  // What someone allowed to open the page must find in what it loads.
  shows?: string;
};

const familyModules = import.meta.glob<RouteModule>("../../app/routes/family/*.{ts,tsx}", { eager: true });
const careModules = import.meta.glob<RouteModule>("../../app/routes/care/*.{ts,tsx}", { eager: true });
const moduleOf = (file: string) => (familyModules[`../../app/routes/${file}`] ?? careModules[`../../app/routes/${file}`])!;

const f = (w: World) => ({ familyId: w.familyId });
const FAMILY_ROUTES: FamilyRoute[] = [
  { file: "family/layout.tsx", path: (w) => `/f/${w.familyId}`, params: f, shows: FAMILY_NAME },
  { file: "family/plan.tsx", path: (w) => `/f/${w.familyId}`, params: f, shows: SECRETS.goals[0] },
  { file: "family/goal-new.tsx", path: (w) => `/f/${w.familyId}/goals/new`, params: f },
  { file: "family/goal.tsx", path: (w) => `/f/${w.familyId}/goals/${w.ids.goalId}`, params: (w) => ({ ...f(w), goalId: w.ids.goalId }), shows: SECRETS.goals[1] },
  { file: "family/goal-edit.tsx", path: (w) => `/f/${w.familyId}/goals/${w.ids.goalId}/edit`, params: (w) => ({ ...f(w), goalId: w.ids.goalId }), shows: SECRETS.goals[0] },
  {
    file: "family/step-edit.tsx",
    path: (w) => `/f/${w.familyId}/goals/${w.ids.goalId}/steps/${w.ids.stepId}`,
    params: (w) => ({ ...f(w), goalId: w.ids.goalId, stepId: w.ids.stepId }),
  },
  // "Wat gaat goed?": the empty form is refused (no kind, no words).
  { file: "family/strengths.tsx", path: (w) => `/f/${w.familyId}/strengths`, params: f, shows: SECRETS.strengths[0] },
  { file: "family/strength-edit.tsx", path: (w) => `/f/${w.familyId}/strengths/${w.ids.strengthId}`, params: (w) => ({ ...f(w), strengthId: w.ids.strengthId }), shows: SECRETS.strengths[0] },
  {
    file: "family/delete.tsx",
    path: (w) => `/f/${w.familyId}/delete/strength/${w.ids.strengthId}`,
    params: (w) => ({ ...f(w), entity: "strength", id: w.ids.strengthId }),
    shows: SECRETS.strengths[0],
  },
  // "Vandaag samen nagelopen" on one agreement.
  { file: "family/whatifs.tsx", path: (w) => `/f/${w.familyId}/what-ifs`, params: f, form: (w) => ({ whatIfId: w.ids.whatIfId }), shows: SECRETS.whatifs[0] },
  // "We gebruikten deze afspraak" on the same page.
  { file: "family/whatifs.tsx", path: (w) => `/f/${w.familyId}/what-ifs`, params: f, form: (w) => ({ intent: "used", whatIfId: w.ids.whatIfId, howItWent: "Ging goed" }) },
  { file: "family/whatif-new.tsx", path: (w) => `/f/${w.familyId}/what-ifs/new`, params: f },
  { file: "family/whatifs-print.tsx", path: (w) => `/f/${w.familyId}/what-ifs/print`, params: f, shows: SECRETS.whatifs[0] },
  { file: "family/whatif-edit.tsx", path: (w) => `/f/${w.familyId}/what-ifs/${w.ids.whatIfId}`, params: (w) => ({ ...f(w), whatIfId: w.ids.whatIfId }), shows: SECRETS.whatifs[0] },
  { file: "family/progress.tsx", path: (w) => `/f/${w.familyId}/progress`, params: f, shows: SECRETS.progress[0] },
  { file: "family/network.tsx", path: (w) => `/f/${w.familyId}/network`, params: f, shows: SECRETS.network[0] },
  { file: "family/network-new.tsx", path: (w) => `/f/${w.familyId}/network/new`, params: f },
  { file: "family/network-edit.tsx", path: (w) => `/f/${w.familyId}/network/${w.ids.personId}`, params: (w) => ({ ...f(w), personId: w.ids.personId }), shows: SECRETS.network[0] },
  { file: "family/members.tsx", path: (w) => `/f/${w.familyId}/members`, params: f, adminOnly: "action", shows: '"name":"Zoon"' },
  { file: "family/member-new.tsx", path: (w) => `/f/${w.familyId}/members/new`, params: f, adminOnly: "both" },
  { file: "family/member-edit.tsx", path: (w) => `/f/${w.familyId}/members/${w.ids.memberId}`, params: (w) => ({ ...f(w), memberId: w.ids.memberId }), adminOnly: "both" },
  { file: "family/history.tsx", path: (w) => `/f/${w.familyId}/history`, params: f, shows: SECRETS.goals[0] },
  { file: "family/delete.tsx", path: (w) => `/f/${w.familyId}/delete/goal/${w.ids.goalId}`, params: (w) => ({ ...f(w), entity: "goal", id: w.ids.goalId }), shows: SECRETS.goals[0] },
  { file: "family/access.tsx", path: (w) => `/f/${w.familyId}/access`, params: f, shows: "Pro Actief" },
  { file: "family/access-new.tsx", path: (w) => `/f/${w.familyId}/access/new`, params: f, adminOnly: "both" },
  { file: "family/access-edit.tsx", path: (w) => `/f/${w.familyId}/access/${w.ids.consentId}`, params: (w) => ({ ...f(w), consentId: w.ids.consentId }), adminOnly: "action" },
  { file: "family/looks.tsx", path: (w) => `/f/${w.familyId}/looks`, params: f, adminOnly: "action" },
  { file: "family/looks-csv.ts", path: (w) => `/f/${w.familyId}/looks.csv`, params: f },
  { file: "family/looks-receipt.ts", path: (w) => `/f/${w.familyId}/looks-receipt.json`, params: f },
  // An admin gets the whole family, any other member what they wrote; both name the family.
  { file: "family/export.tsx", path: (w) => `/f/${w.familyId}/export`, params: f, shows: FAMILY_NAME },
  { file: "family/export-json.ts", path: (w) => `/f/${w.familyId}/export.json`, params: f },
  // Deleting the family asks the name and the password; the matrix's empty form never deletes.
  { file: "family/family-delete.tsx", path: (w) => `/f/${w.familyId}/delete-family`, params: f, adminOnly: "both", shows: FAMILY_NAME },
  // "Samen terugkijken": every member, and nobody through a consent. The matrix's empty form is refused (no day).
  { file: "family/reviews.tsx", path: (w) => `/f/${w.familyId}/reviews`, params: f, shows: REVIEW_WORDS },
  { file: "family/reviews-new.tsx", path: (w) => `/f/${w.familyId}/reviews/new`, params: f, shows: SECRETS.goals[0] },
  { file: "family/reviews-detail.tsx", path: (w) => `/f/${w.familyId}/reviews/${reviewId}`, params: (w) => ({ ...f(w), reviewId }), shows: REVIEW_WORDS },
  { file: "family/reviews-print.tsx", path: (w) => `/f/${w.familyId}/reviews/${reviewId}/print`, params: (w) => ({ ...f(w), reviewId }), shows: FAMILY_NAME },
  // "Wie doet wat?": every member sees it; only admins name the coach. The empty form is refused (no choice for the page).
  { file: "family/team.tsx", path: (w) => `/f/${w.familyId}/team`, params: f, adminOnly: "action", shows: "Pro Actief" },
  // "De coaching stopt": admins only. The empty form has no intent and changes nothing.
  { file: "family/team-end.tsx", path: (w) => `/f/${w.familyId}/team/end`, params: f, adminOnly: "both", shows: "Pro Actief" },
  // "We willen weer hulp": every member reads it; only an admin gives the access back.
  { file: "family/help.tsx", path: (w) => `/f/${w.familyId}/help`, params: f, adminOnly: "action" },
];

function familyAllows(route: FamilyRoute, kind: "loader" | "action", persona: Persona) {
  if (persona === "admin") return true;
  if (persona !== "member") return false;
  return !(route.adminOnly === "both" || route.adminOnly === kind);
}

describe("authorization matrix: the family's pages", () => {
  for (const route of FAMILY_ROUTES) {
    const module = moduleOf(route.file);
    for (const kind of ["loader", "action"] as const) {
      const fn = module[kind];
      if (!fn) continue;
      it(`${route.file} ${kind}`, async () => {
        for (const persona of PERSONAS) {
          const request =
            kind === "loader"
              ? makeRequest(route.path(world), { cookie: cookieOf(persona) })
              : makeRequest(route.path(world), { cookie: cookieOf(persona), form: route.form?.(world) ?? { intent: "" } });
          const { result, logged, changed } = await inRollback(() => call(fn, request, route.params(world)));
          const cell = `${persona} → ${route.file} ${kind}`;
          // The family's own pages never log: the log is for professionals' looks.
          expect(logged, cell).toBe(0);
          if (persona === "signedOut") {
            expectSignIn(result);
            expect(changed, cell).toBe(false);
          } else if (familyAllows(route, kind, persona)) {
            expect(result.status, cell).not.toBe(404);
            expect(result.status, cell).toBeLessThan(500);
            if (kind === "loader" && route.shows) {
              expect(result.status, cell).toBe(200);
              expect(JSON.stringify(result.data), cell).toContain(route.shows);
            }
          } else {
            expect(result.status, cell).toBe(404);
            expect(changed, cell).toBe(false);
            expectNoLeak(result);
          }
        }
      });
    }
  }

  it("a member of another family who uses their own family's address with this family's ids gets 404", async () => {
    const other = world.users.otherFamily;
    const otherFamily = getDb().$client.prepare("select family_id as id from members where user_id = ?").get(other.id) as { id: string };
    for (const [file, params] of [
      ["family/goal.tsx", { familyId: otherFamily.id, goalId: world.ids.goalId }],
      ["family/whatif-edit.tsx", { familyId: otherFamily.id, whatIfId: world.ids.whatIfId }],
      ["family/strength-edit.tsx", { familyId: otherFamily.id, strengthId: world.ids.strengthId }],
      ["family/delete.tsx", { familyId: otherFamily.id, entity: "strength", id: world.ids.strengthId }],
      ["family/network-edit.tsx", { familyId: otherFamily.id, personId: world.ids.personId }],
      ["family/access-edit.tsx", { familyId: otherFamily.id, consentId: world.ids.consentId }],
      ["family/delete.tsx", { familyId: otherFamily.id, entity: "progress", id: world.ids.noteId }],
    ] as const) {
      const { result, changed } = await inRollback(() => call(moduleOf(file).loader!, makeRequest("/x", { cookie: other.cookie }), params));
      expect(result.status, file).toBe(404);
      expect(changed).toBe(false);
      expectNoLeak(result);
    }
  });
});

// ---------------------------------------------------------------------------
// The professional's pages
// ---------------------------------------------------------------------------

// "team": "Wie doet wat?", which every professional with access may read (and which is logged).
type CareRoute = { file: string; sub: string; section: keyof typeof SECRETS | "team" | null; writes?: boolean };
const CARE_ROUTES: CareRoute[] = [
  // The overview and the keys page show the permission itself, no plan data. The
  // frame around them has no loader: each page brings it (tests/http/refusals.test.ts).
  { file: "care/layout.tsx", sub: "", section: null },
  { file: "care/overview.tsx", sub: "", section: null },
  { file: "care/tokens.tsx", sub: "/tokens", section: null },
  { file: "care/goals.tsx", sub: "/goals", section: "goals", writes: true },
  { file: "care/strengths.tsx", sub: "/strengths", section: "strengths", writes: true },
  { file: "care/whatifs.tsx", sub: "/what-ifs", section: "whatifs" },
  { file: "care/progress.tsx", sub: "/progress", section: "progress", writes: true },
  { file: "care/network.tsx", sub: "/network", section: "network" },
  { file: "care/team.tsx", sub: "/team", section: "team" },
];

/** Which parts each professional may read and write right now. */
const GRANTED: Partial<Record<Persona, Scopes>> = { proActive: FULL, proGoalsOnly: { goals: "read" }, proChosen: READ_ALL };

describe("authorization matrix: the professional's pages", () => {
  for (const route of CARE_ROUTES) {
    const module = moduleOf(route.file);
    for (const kind of ["loader", "action"] as const) {
      const fn = module[kind];
      if (!fn) continue;
      it(`${route.file} ${kind}`, async () => {
        for (const persona of PERSONAS) {
          const path = `/care/${world.familyId}${route.sub}`;
          const request =
            kind === "loader"
              ? makeRequest(path, { cookie: cookieOf(persona) })
              : makeRequest(path, { cookie: cookieOf(persona), form: { intent: "" } });
          const { result, logged, changed } = await inRollback(() => call(fn, request, { familyId: world.familyId }));
          const cell = `${persona} → ${route.file} ${kind}`;
          const scopes = GRANTED[persona];
          const everyone = route.section === null || route.section === "team";
          const level = route.section && route.section !== "family" && route.section !== "team" ? scopes?.[route.section] : undefined;
          const allowed = kind === "loader" ? Boolean(scopes && (everyone || level)) : Boolean(scopes && (everyone || level === "write"));

          if (persona === "signedOut") {
            expectSignIn(result);
            expect(logged, cell).toBe(0);
          } else if (!allowed) {
            expect(result.status, cell).toBe(404);
            expect(logged, cell).toBe(0);
            expect(changed, cell).toBe(false);
            expectNoLeak(result);
          } else if (kind === "loader") {
            expect(result.status, cell).toBe(200);
            // One look at a part is one entry in the family's log; the frame is not a look.
            expect(logged, cell).toBe(route.section ? 1 : 0);
            const unshared = (Object.keys(SECRETS) as (keyof typeof SECRETS)[]).filter((s) => s !== "family" && !scopes?.[s as keyof Scopes]);
            expectNoLeak(result, unshared.flatMap((s) => SECRETS[s]));
            if (persona === "proChosen") {
              // Every part, but record by record: the chosen ones and nothing else.
              expectNoLeak(result, PLAN_SECRETS);
              if (route.section && route.section !== "family" && route.section !== "team") expect(JSON.stringify(result.data), cell).toContain(CHOSEN[route.section]);
            } else if (route.section === "team") expect(JSON.stringify(result.data), cell).toContain("Pro Actief");
            else if (route.section) expect(JSON.stringify(result.data), cell).toContain(SECRETS[route.section][0]);
            // Every page around a part names whose plan it is.
            expect(result.data.frame?.familyName, cell).toBe(FAMILY_NAME);
          } else {
            // An empty form gets messages, and a refused write stores and logs nothing.
            expect(result.status, cell).toBe(400);
            expect(logged, cell).toBe(0);
            expect(changed, cell).toBe(false);
          }
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

describe("authorization matrix: GET /api/v1/plan", () => {
  const api = () => import("../../app/routes/api/plan");

  it("answers each kind of visitor as expected, logs one entry per part read, and leaks nothing otherwise", async () => {
    const { loader } = await api();
    for (const persona of PERSONAS) {
      const token = world.tokens[persona];
      const headers: Record<string, string> = { "User-Agent": "matrix", "x-groeiplan-client-ip": "198.51.100.7" };
      if (token) headers.Authorization = `Bearer ${token}`;
      const cookie = cookieOf(persona);
      if (cookie) headers.Cookie = cookie;
      const { result, logged } = await inRollback(async () => {
        const response = (await loader(routeArgs(new Request("http://localhost/api/v1/plan", { headers })) as any)) as Response;
        return { status: response.status, data: await response.json(), location: null, headers: response.headers };
      });
      const scopes = GRANTED[persona];
      if (token && scopes) {
        expect(result.status, persona).toBe(200);
        const parts = Object.keys(scopes) as (keyof Scopes)[];
        expect(logged, persona).toBe(parts.length);
        const unshared = (["goals", "strengths", "whatifs", "progress", "network"] as const).filter((s) => !scopes[s]);
        expectNoLeak(result, unshared.flatMap((s) => SECRETS[s]));
        if (persona === "proChosen") {
          expectNoLeak(result, PLAN_SECRETS);
          for (const part of parts) expect(JSON.stringify(result.data)).toContain(CHOSEN[part]);
        } else for (const part of parts) expect(JSON.stringify(result.data)).toContain(SECRETS[part][0]);
      } else {
        // A session cookie is no API key; a stopped or ended consent kills its token.
        expect(result.status, persona).toBe(401);
        expect(logged, persona).toBe(0);
        expectNoLeak(result);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// The person's own pages: their account, their families, their consents
// ---------------------------------------------------------------------------

const ownModules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true });
const OWN_ROUTES: { file: string; path: string }[] = [
  { file: "account.tsx", path: "/account" },
  { file: "account-two-step.tsx", path: "/account/two-step" },
  { file: "account-passkeys.tsx", path: "/account/passkeys" },
  { file: "account-delete.tsx", path: "/account/delete" },
  { file: "families.tsx", path: "/families" },
];
const ownModuleOf = (file: string) => (ownModules[`../../app/routes/${file}`] ?? careModules[`../../app/routes/${file}`])!;

/** Everything about people and their ways in: an empty form to an account page changes none of it. */
function accountsFingerprint() {
  const client = getDb().$client;
  return ["users", "sessions", "passkeys", "totp_apps", "recovery_codes", "api_tokens", "families", "members", "consents"]
    .map((table) => JSON.stringify(client.prepare(`select * from ${table} order by rowid`).all()))
    .join("\n");
}

// Who may see this family's name on their own pages: its members, and the
// professionals a consent was bound to (also when it ended or was stopped).
const KNOWS_FAMILY: Persona[] = ["admin", "member", "proActive", "proExpired", "proRevoked", "proGoalsOnly", "proChosen"];

describe("authorization matrix: the person's own pages", () => {
  for (const route of [...OWN_ROUTES, { file: "care/home.tsx", path: "/care" }]) {
    const module = ownModuleOf(route.file);
    for (const kind of ["loader", "action"] as const) {
      const fn = module[kind];
      if (!fn) continue;
      it(`${route.file} ${kind}`, async () => {
        for (const persona of PERSONAS) {
          const request = kind === "loader" ? makeRequest(route.path, { cookie: cookieOf(persona) }) : makeRequest(route.path, { cookie: cookieOf(persona), form: { intent: "" } });
          const client = getDb().$client;
          resetRateLimits();
          client.exec("BEGIN");
          let result: Result;
          let changed: boolean;
          try {
            const before = accountsFingerprint();
            result = await call(fn, request, {});
            changed = accountsFingerprint() !== before;
          } finally {
            client.exec("ROLLBACK");
          }
          const cell = `${persona} → ${route.file} ${kind}`;
          expect(changed, cell).toBe(false);
          if (persona === "signedOut") {
            expectSignIn(result);
            continue;
          }
          expect(result.status, cell).toBeLessThan(500);
          const body = JSON.stringify(result.data ?? "");
          // Only their own: nobody else's address, and this family only for who knows it.
          for (const other of PERSONAS) {
            if (other !== persona && other !== "signedOut") expect(body, `${cell} shows ${other}'s address`).not.toContain(world.users[other].email);
          }
          if (!KNOWS_FAMILY.includes(persona)) expect(body, cell).not.toContain(FAMILY_NAME);
          expectNoLeak(result, PLAN_SECRETS);
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------
// Links by mail or from the family: the token is the only key
// ---------------------------------------------------------------------------

// A guessed token (the right shape, never made) opens nothing for anyone, signed in
// or not, changes nothing and says nothing of any family or person.
const GUESS = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN_ROUTES: { file: string; path: string; form: Record<string, string> }[] = [
  { file: "reset.tsx", path: `/reset/${GUESS}`, form: { password: "een heel lang wachtwoord" } },
  { file: "signin-link.tsx", path: `/signin/${GUESS}`, form: {} },
  { file: "signup-confirm.tsx", path: `/signup/${GUESS}`, form: {} },
];

describe("authorization matrix: links with a token", () => {
  for (const route of TOKEN_ROUTES) {
    for (const kind of ["loader", "action"] as const) {
      it(`${route.file} ${kind} with a guessed token`, async () => {
        for (const persona of PERSONAS) {
          const request = makeRequest(route.path, { cookie: cookieOf(persona), ...(kind === "action" ? { form: route.form, method: "POST" } : {}) });
          const client = getDb().$client;
          resetRateLimits();
          client.exec("BEGIN");
          try {
            const before = accountsFingerprint();
            const result = await call(ownModuleOf(route.file)[kind]!, request, { token: GUESS });
            const cell = `${persona} → ${route.file} ${kind}`;
            expect(result.status, cell).toBe(410);
            expect(result.headers.get("Set-Cookie"), cell).toBeNull();
            expect(accountsFingerprint() === before, cell).toBe(true);
            expect(JSON.stringify(result.data ?? ""), cell).not.toContain(FAMILY_NAME);
          } finally {
            client.exec("ROLLBACK");
          }
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------
// Nothing escapes the matrix
// ---------------------------------------------------------------------------

type RouteEntry = { file: string; children?: RouteEntry[] };
function routeFiles(entries: RouteEntry[]): string[] {
  return entries.flatMap((entry) => [entry.file, ...routeFiles(entry.children ?? [])]);
}

describe("authorization matrix: coverage", () => {
  it("covers every family page, every professional page and the API", () => {
    const files = routeFiles(routeConfig as RouteEntry[]).map((file) => file.replace(/^routes\//, ""));
    const covered = new Set([...FAMILY_ROUTES.map((r) => r.file), ...CARE_ROUTES.map((r) => r.file), "api/plan.ts"]);
    // The professional's home and "ask a family" belong to no family: they show only the person's own things (care.test.ts, consent-requests.test.ts).
    const planRoutes = files.filter((file) => /^(family|care|api)\//.test(file) && file !== "care/home.tsx" && file !== "care/ask.tsx");
    expect(planRoutes.filter((file) => !covered.has(file))).toEqual([]);
  });

  it("covers every page of a signed-in person's own", () => {
    const files = routeFiles(routeConfig as RouteEntry[]).map((file) => file.replace(/^routes\//, ""));
    const own = new Set(OWN_ROUTES.map((route) => route.file));
    expect(files.filter((file) => /^(account|families)/.test(file) && !own.has(file))).toEqual([]);
  });
});
