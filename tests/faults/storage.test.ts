import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { createGoal } from "../../app/plan/goals.server";
import { createApiToken } from "../../consent/api-tokens";
import * as plan from "../../app/routes/family/plan";
import * as looks from "../../app/routes/family/looks";
import * as careGoals from "../../app/routes/care/goals";
import * as api from "../../app/routes/api/plan";
import { makeFamily, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { call, load, makeRequest, routeArgs } from "../support/routes";

// A database file that became read-only: a family that saves gets a
// calm, translated "try again later" with what they typed, the plan can still be
// read, a professional's look (which must be logged) is refused with 503 rather
// than read unlogged, and the cause is written to the server's log for the operator.

let familyId = "";
let admin: TestUser;
let professional: TestUser;
let apiKey = "";

beforeAll(async () => {
  const family = await makeFamily(undefined, "Gezin Vol");
  ({ familyId, admin } = family);
  createGoal(getDb(), familyId, admin.id, { title: "Elke dag buiten spelen", lifeArea: "body", term: "short", memberIds: [] });
  const consent = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "write" } });
  professional = consent.professional;
  apiKey = createApiToken(getDb(), consent.consentId, professional.id, "dossier")!.token;
});

const sqlite = () => getDb().$client;

afterEach(() => {
  sqlite().pragma("query_only = 0");
  vi.restoreAllMocks();
});

async function saveNote(note: string) {
  return call(plan.action, makeRequest(`/f/${familyId}`, { cookie: admin.cookie, form: { intent: "progress", text: note, mood: "4" } }), { familyId });
}

// A full disk is tried on the real server (full-disk.test.ts); a file that can
// only be read is SQLite's query_only, here in the test's own process.
for (const [trouble, cause, makeTrouble] of [["a read-only database", "SQLITE_READONLY", () => sqlite().pragma("query_only = 1")]] as const) {
  describe(trouble, () => {
    it("saving answers 503 with the message and what was typed, stores nothing, and logs the cause", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      makeTrouble();
      const note = `vandaag gelukt: op tijd naar school (${cause})`;
      const saved = await saveNote(note);
      expect(saved.status).toBe(503);
      expect(saved.data.errors).toEqual({ form: "errors.saveFailed" });
      expect(saved.data.values).toMatchObject({ text: note, mood: "4" });
      expect(logged.mock.calls.flat().join(" ")).toContain(`storage: ${cause}`);
      sqlite().pragma("query_only = 0");
      expect(sqlite().prepare("select count(*) as n from progress_notes where text = ?").get(note)).toEqual({ n: 0 });
    });

    it("the family still reads its plan and its 'Wie keek mee?'", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      makeTrouble();
      const page = await load(plan.loader, `/f/${familyId}`, { familyId }, admin.cookie);
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.data)).toContain("Elke dag buiten spelen");
      expect((await load(looks.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie)).status).toBe(200);
    });

    it("a professional's look, which must be logged, is a 503 and not an unlogged read", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      makeTrouble();
      const look = await load(careGoals.loader, `/care/${familyId}/goals`, { familyId }, professional.cookie);
      expect(look.status).toBe(503);
      expect(JSON.stringify(look.data ?? null)).not.toContain("Elke dag buiten spelen");
      const request = new Request("http://localhost/api/v1/plan", { headers: { Authorization: `Bearer ${apiKey}`, "x-groeiplan-client-ip": "192.0.2.1" } });
      const response = (await api.loader(routeArgs(request) as any)) as Response;
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "unavailable" });
    });
  });
}
