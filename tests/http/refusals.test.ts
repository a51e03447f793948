import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { consents, families } from "../../db/schema";
import { revokeConsent, type Scopes } from "../../consent/grants";
import { createApiToken } from "../../consent/api-tokens";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { addMember } from "../../app/plan/members.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { createStrength } from "../../app/plan/strengths.server";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { startServer, type RunningServer } from "../support/server";

// A refusal to a professional is a 404 that carries nothing of the family: not in
// the page, not in the route data embedded for hydration, not in the `.data`
// answer React Router fetches on a click, not in a header. Checked on the whole raw
// answer of the real server, for every professional page, every way of asking,
// and every reason there can be for a refusal.

const FAMILY_NAME = "Gezin Weigering-Geheim";
const SECRETS = [
  FAMILY_NAME,
  "Geheimzoon Tobias",
  "Geheim doel schoolreisje",
  "Geheime stap gymtas",
  "Geheime situatie verhuizing",
  "Geheime voortgang zwemdiploma",
  "Geheime tante Wilma",
  // The family's own words on the consent itself.
  "Geheim doel van de toestemming",
  "juf van Geheimzoon",
  "Geheim trots op de fietstocht",
];

let server: RunningServer;
type Reason = "noConsent" | "waiting" | "expired" | "revoked" | "partNotShared" | "otherFamily" | "familyMember";
const visitors = {} as Record<Reason, TestUser>;
const apiKeys: Record<string, string> = {};
let familyId = "";
let otherFamilyId = "";

beforeAll(async () => {
  const db = getDb();
  const admin = await makeUser({ name: "Mama Weigering" });
  ({ familyId } = await makeFamily(admin, FAMILY_NAME));
  const sonId = addMember(db, familyId, admin.id, { name: SECRETS[1], relation: "zoon", livesAtHome: "yes" });
  const goalId = createGoal(db, familyId, admin.id, { title: SECRETS[2], lifeArea: "school", term: "short", memberIds: [sonId] });
  createStep(db, familyId, admin.id, goalId, { what: SECRETS[3], when: "maandag", who: `member:${sonId}` });
  createWhatIf(db, familyId, admin.id, { situation: SECRETS[4], earlySigns: "", actions: "rustig blijven", informs: "", phones: "", lastCheckedOn: null });
  createProgressNote(db, familyId, admin.id, { text: SECRETS[5], goalId, mood: 4 });
  createNetworkPerson(db, familyId, admin.id, { name: SECRETS[6], kind: "informal", relation: "tante", organisation: "", phone: "" });
  createStrength(db, familyId, admin.id, { kind: "proud", memberId: sonId, text: SECRETS[9] });

  const consentFor = async (professional: TestUser, scopes: Scopes, claim = true) => {
    const made = await makeConsent(familyId, admin.id, { scopes, professional, claim });
    db.update(consents).set({ purpose: SECRETS[7], role: SECRETS[8] }).where(eq(consents.id, made.consentId)).run();
    return made.consentId;
  };
  const pro = (name: string) => makeUser({ name, organisation: "Weigerschool" });
  visitors.noConsent = await pro("Pro Niets");
  visitors.waiting = await pro("Pro Wacht");
  await consentFor(visitors.waiting, { goals: "read" }, false);
  visitors.expired = await pro("Pro Voorbij");
  const expired = await consentFor(visitors.expired, { goals: "read", whatifs: "read", progress: "write", network: "read" });
  apiKeys.expired = createApiToken(db, expired, visitors.expired.id, "dossier")!.token;
  visitors.revoked = await pro("Pro Gestopt");
  const revoked = await consentFor(visitors.revoked, { goals: "read", whatifs: "read", progress: "write", network: "read" });
  apiKeys.revoked = createApiToken(db, revoked, visitors.revoked.id, "dossier")!.token;
  visitors.partNotShared = await pro("Pro Alleen Doelen");
  await consentFor(visitors.partNotShared, { goals: "read" });
  // Has a consent in another family, and asks for this one.
  visitors.otherFamily = await pro("Pro Ander Gezin");
  const other = await makeFamily(undefined, "Gezin Anders");
  otherFamilyId = other.familyId;
  await makeConsent(otherFamilyId, other.admin.id, { scopes: { goals: "read" }, professional: visitors.otherFamily });
  visitors.familyMember = admin;

  db.update(consents).set({ endsAt: Date.now() - 1 }).where(eq(consents.id, expired)).run();
  revokeConsent(db, familyId, admin.id, revoked);
  db.update(families).set({ teamPage: false }).where(eq(families.id, familyId)).run();

  server = await startServer({ dbFile: process.env.DATABASE_PATH });
});

afterAll(() => {
  server?.stop();
});

/** The whole raw answer: status line, every header, the body. */
async function raw(response: Response) {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

function expectNothingOfTheFamily(answer: string, where: string) {
  for (const secret of SECRETS) expect(answer, `${where} carries "${secret}"`).not.toContain(secret);
}

const PAGES = ["", "/goals", "/strengths", "/what-ifs", "/progress", "/network", "/tokens", "/team"];
// Where the professional with only "doelen" has no business; every page for the others.
const REFUSED: Record<Reason, string[]> = {
  noConsent: PAGES,
  waiting: PAGES,
  expired: PAGES,
  revoked: PAGES,
  // "Wie doet wat?" too: this family switched its team page off.
  partNotShared: ["/strengths", "/what-ifs", "/progress", "/network", "/team"],
  otherFamily: PAGES,
  familyMember: PAGES,
};

describe("a refusal to a professional carries nothing of the family", () => {
  for (const reason of Object.keys(REFUSED) as Reason[]) {
    it(`when ${reason}: every page, as a page, as .data, and as a post`, async () => {
      const cookie = visitors[reason].cookie;
      for (const page of REFUSED[reason]) {
        const path = `/care/${familyId}${page}`;
        const asPage = await fetch(server.base + path, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(asPage.status, `${reason} ${path}`).toBe(404);
        expectNothingOfTheFamily(await raw(asPage), `${reason} ${path}`);

        const asData = await fetch(`${server.base}${path}.data`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(asData.status, `${reason} ${path}.data`).toBe(404);
        expectNothingOfTheFamily(await raw(asData), `${reason} ${path}.data`);

        const post = await fetch(server.base + path, {
          method: "POST",
          headers: { Cookie: cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ what: "iets", text: "iets", who: "together", goalId: "x" }).toString(),
          redirect: "manual",
        });
        expect([404, 405], `${reason} POST ${path}`).toContain(post.status);
        expectNothingOfTheFamily(await raw(post), `${reason} POST ${path}`);
      }
    });
  }

  it("the same for a family id that does not exist", async () => {
    const cookie = visitors.partNotShared.cookie;
    for (const page of PAGES) {
      const response = await fetch(`${server.base}/care/aaaaaaaaaaaaaaaa${page}.data`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(404);
      expectNothingOfTheFamily(await raw(response), page);
    }
  });

  it("the API answers every refused key with the same bare 401", async () => {
    for (const [reason, key] of Object.entries({ ...apiKeys, unknown: `gp_${"a".repeat(32)}`, malformed: "niet-een-sleutel" })) {
      const response = await fetch(`${server.base}/api/v1/plan`, { headers: { Authorization: `Bearer ${key}` } });
      const answer = await raw(response);
      expect(response.status, reason).toBe(401);
      for (const secret of SECRETS) expect(answer, `${reason} carries "${secret}"`).not.toContain(secret);
      expect(answer, reason).not.toContain(familyId);
    }
  });
});
