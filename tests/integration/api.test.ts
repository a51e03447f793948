import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, apiTokens } from "../../db/schema";
import { revokeConsent, type Scopes } from "../../consent/grants";
import { createApiToken, resolveApiToken, revokeApiToken } from "../../consent/api-tokens";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { API_IP_LIMIT, API_LIMIT } from "../../app/auth/rate-limit.server";
import { generateToken } from "../../consent/tokens";
import * as api from "../../app/routes/api/plan";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";
import { routeArgs } from "../support/routes";

const DAY = 24 * 60 * 60 * 1000;
const FAMILY = "Gezin Pinas";

function logOf(familyId: string) {
  return getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
}

async function get(headers: Record<string, string> = {}, ip = "192.0.2.10") {
  const request = new Request("http://localhost/api/v1/plan", {
    headers: { "x-groeiplan-client-ip": ip, "User-Agent": "dossier/1.0", ...headers },
  });
  const response = (await api.loader(routeArgs(request) as any)) as Response;
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A family with a little in every part, a professional with a consent, and a token under it. */
async function setup(scopes: Scopes, options: { endsAt?: number; name?: string } = {}) {
  const family = await makeFamily(undefined, options.name ?? FAMILY);
  const { familyId, admin } = family;
  const db = getDb();
  const goalId = createGoal(db, familyId, admin.id, { title: "Schulden op een rij", lifeArea: "money", term: "short", memberIds: [] });
  const step = createStep(db, familyId, admin.id, goalId, { what: "Alle brieven in één map", when: "deze week", who: "together" });
  if (!step.id) throw new Error("step");
  const whatIfId = createWhatIf(db, familyId, admin.id, { situation: "de deurwaarder komt", earlySigns: "", actions: "bellen", informs: "", phones: "", lastCheckedOn: null });
  const personId = createNetworkPerson(db, familyId, admin.id, { name: "Buurvrouw Fatma", kind: "informal", relation: "buurvrouw", organisation: "", phone: "" });
  const note = createProgressNote(db, familyId, admin.id, { text: "Map is klaar", goalId, mood: 3 });
  if (!note.id) throw new Error("note");
  const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes, endsAt: options.endsAt });
  const made = createApiToken(db, consentId, professional.id, "Dossier")!;
  return { ...family, goalId, stepId: step.id, whatIfId, personId, noteId: note.id, consentId, professional, token: made.token, tokenId: made.id };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("GET /api/v1/plan", () => {
  it("gives only the granted parts as JSON, with one log entry per part on channel api", async () => {
    const s = await setup({ goals: "read", progress: "write" });
    const result = await get(bearer(s.token));
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    expect(result.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(Object.keys(result.body).sort()).toEqual(["consent", "family", "goals", "progress"]);
    expect(result.body.family).toEqual({ name: FAMILY });
    expect(result.body.consent).toMatchObject({ parts: { goals: "read", progress: "write" } });
    expect(new Date(result.body.consent.endsAt).getTime()).toBeGreaterThan(Date.now());
    expect(result.body.goals).toEqual([
      expect.objectContaining({
        id: s.goalId,
        title: "Schulden op een rij",
        steps: [expect.objectContaining({ id: s.stepId, what: "Alle brieven in één map", who: { kind: "together", name: null } })],
      }),
    ]);
    expect(result.body.progress).toEqual([expect.objectContaining({ id: s.noteId, text: "Map is klaar", goal: { id: s.goalId, title: "Schulden op een rij" } })]);
    expect(JSON.stringify(result.body)).not.toContain("de deurwaarder komt");
    expect(JSON.stringify(result.body)).not.toContain("Buurvrouw Fatma");

    const log = logOf(s.familyId);
    expect(log.map((e) => e.section)).toEqual(["goals", "progress"]);
    for (const entry of log) {
      expect(entry).toMatchObject({ actorUserId: s.professional.id, consentId: s.consentId, action: "read", channel: "api", ip: "192.0.2.10", userAgent: "dossier/1.0" });
    }
    expect(log[0].recordIds).toBe(JSON.stringify([s.goalId, s.stepId]));
    expect(log[1].recordIds).toBe(JSON.stringify([s.noteId]));
    expect(getDb().select().from(apiTokens).where(eq(apiTokens.id, s.tokenId)).get()!.lastUsedAt).not.toBeNull();
  });

  it("reads every part when every part is shared", async () => {
    const s = await setup({ goals: "read", whatifs: "read", progress: "read", network: "read" });
    const result = await get(bearer(s.token));
    expect(result.status).toBe(200);
    expect(result.body.whatIfs).toEqual([expect.objectContaining({ id: s.whatIfId, situation: "de deurwaarder komt" })]);
    expect(result.body.network).toEqual([expect.objectContaining({ id: s.personId, name: "Buurvrouw Fatma" })]);
    expect(logOf(s.familyId).map((e) => e.section)).toEqual(["goals", "whatifs", "progress", "network"]);
  });

  it("does not tell which goal a note is about when the goals are not shared", async () => {
    const s = await setup({ progress: "read" });
    const result = await get(bearer(s.token));
    expect(result.body.progress[0].goal).toBeNull();
    expect(JSON.stringify(result.body)).not.toContain("Schulden op een rij");
  });

  it("a token reads only the family of its own consent", async () => {
    const a = await setup({ goals: "read" });
    const b = await makeFamily(undefined, "Gezin Anders");
    createGoal(getDb(), b.familyId, b.admin.id, { title: "Geheim doel", lifeArea: "home", term: "short", memberIds: [] });
    await makeConsent(b.familyId, b.admin.id, { professional: a.professional, scopes: { goals: "read" } });
    const result = await get(bearer(a.token));
    expect(result.body.family.name).toBe(FAMILY);
    expect(JSON.stringify(result.body)).not.toContain("Geheim doel");
    expect(logOf(b.familyId)).toHaveLength(0);
  });

  it("with two consents in one family, a token reads and is logged under its own consent only", async () => {
    // The family gave the same professional a first consent for goals and network,
    // and later a second one for goals only; the token was made under the second.
    const s = await setup({ goals: "read", network: "read" });
    const second = await makeConsent(s.familyId, s.admin.id, { professional: s.professional, scopes: { goals: "read" } });
    const token = createApiToken(getDb(), second.consentId, s.professional.id, "Tweede dossier")!.token;
    const result = await get(bearer(token));
    expect(result.status).toBe(200);
    expect(result.body.network).toBeUndefined();
    expect(JSON.stringify(result.body)).not.toContain("Buurvrouw Fatma");
    expect(logOf(s.familyId).map((entry) => [entry.consentId, entry.section])).toEqual([[second.consentId, "goals"]]);
  });

  it("a consent taken back kills the token at once", async () => {
    const s = await setup({ goals: "read" });
    expect((await get(bearer(s.token))).status).toBe(200);
    revokeConsent(getDb(), s.familyId, s.admin.id, s.consentId);
    const result = await get(bearer(s.token));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "unauthorized" });
    expect(logOf(s.familyId)).toHaveLength(1);
  });

  it("the consent's end date kills the token", async () => {
    const endsAt = Date.now() + 3 * DAY;
    const s = await setup({ goals: "read" }, { endsAt });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt - 1);
    expect((await get(bearer(s.token))).status).toBe(200);
    vi.setSystemTime(endsAt);
    const result = await get(bearer(s.token));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "unauthorized" });
    expect(logOf(s.familyId)).toHaveLength(1);
    // And no new token can be made under it.
    expect(createApiToken(getDb(), s.consentId, s.professional.id, "Nog een")).toBeNull();
  });

  it("a stopped token no longer works", async () => {
    const s = await setup({ goals: "read" });
    expect(revokeApiToken(getDb(), s.tokenId, s.professional.id)).toBe(true);
    const result = await get(bearer(s.token));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "unauthorized" });
    expect(logOf(s.familyId)).toHaveLength(0);
  });

  it("a missing, malformed or guessed header gets the same bare 401 and logs nothing", async () => {
    const s = await setup({ goals: "read" });
    const headers: Record<string, string>[] = [
      {},
      { Authorization: "" },
      { Authorization: "Bearer" },
      { Authorization: `Basic ${btoa("sanne:wachtwoord")}` },
      { Authorization: `bearer${s.token}` },
      { Authorization: `Bearer ${s.token} extra` },
      { Authorization: `Bearer ${s.token.toUpperCase()}` },
      { Authorization: `Bearer gp_${generateToken()}` },
      { Authorization: `Bearer ${generateToken()}` },
      { Authorization: `Bearer ${"a".repeat(500)}` },
    ];
    for (const header of headers) {
      const result = await get(header);
      expect(result.status, JSON.stringify(header)).toBe(401);
      expect(result.body).toEqual({ error: "unauthorized" });
      expect(result.headers.get("Cache-Control")).toBe("no-store");
    }
    expect(logOf(s.familyId)).toHaveLength(0);
  });

  it("only the hash of a token is stored, and a token is at least 160 bits", async () => {
    const s = await setup({ goals: "read" });
    const stored = getDb().select().from(apiTokens).where(eq(apiTokens.id, s.tokenId)).get()!;
    expect(JSON.stringify(stored)).not.toContain(s.token.slice(3));
    expect((s.token.length - 3) * 5).toBeGreaterThanOrEqual(160);
    expect(resolveApiToken(getDb(), s.token)).toMatchObject({ consentId: s.consentId, userId: s.professional.id, familyId: s.familyId });
  });

  it("limits requests per token and per address with 429", async () => {
    const s = await setup({ goals: "read" });
    for (let i = 0; i < API_LIMIT.max; i++) expect((await get(bearer(s.token), `198.51.100.${i % 4}`)).status).toBe(200);
    const blocked = await get(bearer(s.token), "198.51.100.99");
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: "too_many_requests" });
    expect(logOf(s.familyId)).toHaveLength(API_LIMIT.max);

    // One address trying many tokens is stopped too.
    for (let i = 0; i < API_IP_LIMIT.max; i++) await get(bearer(`gp_${generateToken()}`), "203.0.113.5");
    expect((await get(bearer(`gp_${generateToken()}`), "203.0.113.5")).status).toBe(429);
  });

  it("refuses anything but GET with 405", async () => {
    const s = await setup({ goals: "read" });
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const request = new Request("http://localhost/api/v1/plan", { method, headers: bearer(s.token) });
      const response = (await api.action(routeArgs(request) as any)) as Response;
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("GET");
    }
    expect(logOf(s.familyId)).toHaveLength(0);
  });
});
