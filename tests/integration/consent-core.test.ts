import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, consentInvitations, consents } from "../../db/schema";
import { NoAccess, readThroughGate, writeThroughGate } from "../../consent/gate";
import { changeConsent, claimInvitation, inspectInvitation, issueInvitation, revokeConsent } from "../../consent/grants";
import { chainHash, checkFamilyLog, verifyAllChains, verifyFamilyChain } from "../../consent/log";
import { hashToken } from "../../consent/tokens";
import { createGoal, listGoals } from "../../app/plan/goals.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";

const DAY = 24 * 60 * 60 * 1000;

function logOf(familyId: string) {
  return getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
}

async function familyWithGoal() {
  const family = await makeFamily();
  const goalId = createGoal(getDb(), family.familyId, family.admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [] });
  return { ...family, goalId };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("invitations", () => {
  it("are one-time links of at least 160 bits, stored only as a hash", async () => {
    const { familyId, admin } = await makeFamily();
    const { token, consentId } = await makeConsent(familyId, admin.id, { claim: false });
    expect(token.length * 5).toBeGreaterThanOrEqual(160);
    const stored = getDb().select().from(consentInvitations).where(eq(consentInvitations.consentId, consentId)).get()!;
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(inspectInvitation(getDb(), token).state).toBe("open");
  });

  it("can be claimed once; a reused, guessed, expired or revoked link is refused", async () => {
    const { familyId, admin } = await makeFamily();
    const { token, consentId, professional } = await makeConsent(familyId, admin.id, { claim: false });
    const other = await makeUser();

    expect(claimInvitation(getDb(), token, professional.id)).toMatchObject({ state: "claimed-now", consentId, familyId });
    expect(getDb().select().from(consents).where(eq(consents.id, consentId)).get()).toMatchObject({ status: "active", professionalUserId: professional.id });
    expect(claimInvitation(getDb(), token, other.id).state).toBe("claimed");
    expect(claimInvitation(getDb(), token, professional.id).state).toBe("claimed");
    expect(claimInvitation(getDb(), "a".repeat(32), other.id).state).toBe("unknown");
    expect(claimInvitation(getDb(), "../../etc", other.id).state).toBe("unknown");

    const late = await makeConsent(familyId, admin.id, { claim: false });
    expect(claimInvitation(getDb(), late.token, other.id, Date.now() + 14 * DAY + 1).state).toBe("expired");

    const replaced = await makeConsent(familyId, admin.id, { claim: false });
    const newer = issueInvitation(getDb(), replaced.consentId);
    expect(claimInvitation(getDb(), replaced.token, other.id).state).toBe("expired");
    expect(inspectInvitation(getDb(), newer).state).toBe("open");

    const withdrawn = await makeConsent(familyId, admin.id, { claim: false });
    revokeConsent(getDb(), familyId, admin.id, withdrawn.consentId);
    expect(claimInvitation(getDb(), withdrawn.token, other.id).state).toBe("revoked");
  });
});

describe("the gate for professionals", () => {
  it("lets a granted read through and logs exactly one entry with who, what, when, where and which consent", async () => {
    const { familyId, admin, goalId } = await familyWithGoal();
    const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const goals = readThroughGate(getDb(), webAccess(professional.id, familyId), "goals", () => listGoals(getDb(), familyId));
    expect(goals.map((g) => g.title)).toEqual(["Op tijd naar school"]);
    const log = logOf(familyId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorUserId: professional.id,
      consentId,
      consentVersion: 1,
      section: "goals",
      recordIds: JSON.stringify([goalId]),
      action: "read",
      channel: "web",
      ip: "127.0.0.1",
      userAgent: "vitest",
      seq: 1,
    });
  });

  it("refuses parts that were not granted, other families, and consents not yet claimed, without logging", async () => {
    const { familyId, admin } = await familyWithGoal();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { progress: "read" } });
    const otherFamily = await makeFamily(undefined, "Ander gezin");
    const waiting = await makeConsent(familyId, admin.id, { claim: false });
    const read = (userId: string, family: string, section: "goals" | "progress" | "family") =>
      () => readThroughGate(getDb(), webAccess(userId, family), section, () => listGoals(getDb(), family));

    expect(read(professional.id, familyId, "goals")).toThrow(NoAccess);
    expect(read(professional.id, familyId, "family")).toThrow(NoAccess);
    expect(read(professional.id, otherFamily.familyId, "progress")).toThrow(NoAccess);
    expect(read(waiting.professional.id, familyId, "goals")).toThrow(NoAccess);
    expect(logOf(familyId)).toHaveLength(0);
  });

  it("takes a revocation into account on the very next request", async () => {
    const { familyId, admin } = await familyWithGoal();
    const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const access = webAccess(professional.id, familyId);
    readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));
    expect(revokeConsent(getDb(), familyId, admin.id, consentId)).toBe(true);
    expect(() => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toThrow(NoAccess);
    expect(logOf(familyId)).toHaveLength(1);
  });

  it("ends exactly at the end date", async () => {
    const { familyId, admin } = await familyWithGoal();
    const endsAt = Date.now() + 10 * DAY;
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, endsAt });
    const access = webAccess(professional.id, familyId);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt - 1);
    expect(readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toHaveLength(1);
    vi.setSystemTime(endsAt);
    expect(() => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toThrow(NoAccess);
    expect(logOf(familyId)).toHaveLength(1);
  });

  it("allows writing only where 'mag ook schrijven' was given, and logs the write", async () => {
    const { familyId, admin } = await familyWithGoal();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "write" } });
    const access = webAccess(professional.id, familyId);
    const note = writeThroughGate(getDb(), access, "progress", () =>
      createProgressNote(getDb(), familyId, professional.id, { text: "Sem was op tijd", goalId: null, mood: null }),
    );
    expect("id" in note).toBe(true);
    expect(() =>
      writeThroughGate(getDb(), access, "goals", () => createGoal(getDb(), familyId, professional.id, { title: "x", lifeArea: "school", term: "short", memberIds: [] })),
    ).toThrow(NoAccess);
    expect(listGoals(getDb(), familyId)).toHaveLength(1);
    const log = logOf(familyId);
    expect(log.map((e) => [e.section, e.action])).toEqual([["progress", "create"]]);
  });

  it("logs which version of the consent was in force", async () => {
    const { familyId, admin } = await familyWithGoal();
    const { consentId, professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const access = webAccess(professional.id, familyId);
    readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));
    changeConsent(getDb(), familyId, admin.id, consentId, { scopes: { goals: "read", whatifs: "read" }, endsAt: Date.now() + 30 * DAY });
    readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId));
    expect(logOf(familyId).map((e) => e.consentVersion)).toEqual([1, 2]);
  });

  it("fails closed: when the log entry cannot be written, the read fails and a write is undone", async () => {
    const { familyId, admin } = await familyWithGoal();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "write" } });
    const access = webAccess(professional.id, familyId);
    getDb().$client.exec("CREATE TRIGGER break_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    try {
      expect(() => readThroughGate(getDb(), access, "goals", () => listGoals(getDb(), familyId))).toThrow(/disk full/);
      expect(() =>
        writeThroughGate(getDb(), access, "progress", () => createProgressNote(getDb(), familyId, professional.id, { text: "weg", goalId: null, mood: null })),
      ).toThrow(/disk full/);
    } finally {
      getDb().$client.exec("DROP TRIGGER break_log");
    }
    const notes = getDb().$client.prepare("select count(*) as n from progress_notes where family_id = ?").get(familyId) as { n: number };
    expect(notes.n).toBe(0);
  });
});

describe("the log chain", () => {
  async function familyWithLog(entries: number) {
    const { familyId, admin } = await familyWithGoal();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    for (let i = 0; i < entries; i++) readThroughGate(getDb(), webAccess(professional.id, familyId), "goals", () => listGoals(getDb(), familyId));
    return familyId;
  }

  it("verifies when nothing was touched, and the database refuses changes to entries", async () => {
    const familyId = await familyWithLog(5);
    expect(verifyFamilyChain(getDb(), familyId)).toMatchObject({ ok: true, checked: 5 });
    expect(() => getDb().$client.prepare("update access_log set ip = 'x' where family_id = ?").run(familyId)).toThrow(/append-only/);
    expect(() => getDb().$client.prepare("delete from access_log where family_id = ?").run(familyId)).toThrow(/append-only/);
  });

  it("names the first changed entry when someone gets around the database's guard", async () => {
    const familyId = await familyWithLog(5);
    const third = logOf(familyId).find((e) => e.seq === 3)!;
    getDb().$client.exec("DROP TRIGGER IF EXISTS access_log_no_update");
    getDb().$client.prepare("update access_log set user_agent = 'vervalst' where id = ?").run(third.id);
    const report = verifyFamilyChain(getDb(), familyId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ id: third.id, seq: 3 });
  });

  it("notices a removed entry", async () => {
    const familyId = await familyWithLog(4);
    const second = logOf(familyId).find((e) => e.seq === 2)!;
    getDb().$client.exec("DROP TRIGGER access_log_no_delete");
    getDb().$client.prepare("delete from access_log where id = ?").run(second.id);
    const report = verifyFamilyChain(getDb(), familyId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(3);
  });

  it("the quick check on 'Wie keek mee?' reads only what came after the last check", async () => {
    const familyId = await familyWithLog(5);
    expect(checkFamilyLog(getDb(), familyId)).toMatchObject({ ok: true, checked: 5, last: { seq: 5 } });
    expect(checkFamilyLog(getDb(), familyId)).toMatchObject({ ok: true, checked: 0 });
    const proId = logOf(familyId)[0].actorUserId;
    for (let i = 0; i < 2; i++) readThroughGate(getDb(), webAccess(proId, familyId), "goals", () => listGoals(getDb(), familyId));
    expect(checkFamilyLog(getDb(), familyId)).toMatchObject({ ok: true, checked: 2, last: { seq: 7 } });
  });

  it("the quick check notices a change after the last check", async () => {
    const familyId = await familyWithLog(3);
    checkFamilyLog(getDb(), familyId);
    const proId = logOf(familyId)[0].actorUserId;
    readThroughGate(getDb(), webAccess(proId, familyId), "goals", () => listGoals(getDb(), familyId));
    const fourth = logOf(familyId).find((e) => e.seq === 4)!;
    getDb().$client.exec("DROP TRIGGER IF EXISTS access_log_no_update");
    getDb().$client.prepare("update access_log set ip = '10.0.0.1' where id = ?").run(fourth.id);
    expect(checkFamilyLog(getDb(), familyId)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it("a chain rewritten as a whole, with fresh hashes, is caught by its checkpoint", async () => {
    const familyId = await familyWithLog(4);
    expect(checkFamilyLog(getDb(), familyId).ok).toBe(true);
    // Someone with the database file changes entry 2 and recomputes every hash after it.
    const client = getDb().$client;
    client.exec("DROP TRIGGER IF EXISTS access_log_no_update");
    client.prepare("update access_log set actor_user_id = ? where family_id = ? and seq = 2").run(logOf(familyId)[0].actorUserId, familyId);
    client.prepare("update access_log set ip = '203.0.113.9' where family_id = ? and seq = 2").run(familyId);
    let prev = "0".repeat(64);
    for (const row of logOf(familyId).sort((a, b) => a.seq - b.seq)) {
      const hash = chainHash(prev, row);
      client.prepare("update access_log set prev_hash = ?, hash = ? where id = ?").run(prev, hash, row.id);
      prev = hash;
    }
    // On its own the rewritten chain fits together...
    expect(verifyFamilyChain(getDb(), familyId).ok).toBe(true);
    // ...but not with what the earlier check saw.
    expect(checkFamilyLog(getDb(), familyId)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    expect(verifyAllChains(getDb()).find((r) => r.familyId === familyId)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });
});
