import { closeDb, databasePath, getDb } from "../../db/client.server";
import { createGoal } from "../../app/plan/goals.server";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";

// Mixed load for the fault tests: family members save progress notes while a
// professional reads the goals page, over loopback, from the test process. Each
// write carries its own text and each read its own User-Agent, so afterwards the
// test can look for exactly the notes and log entries the server acknowledged.

export type Target = { base: string; familyId: string; familyCookie: string; professionalCookie: string };

export type MixedLoad = {
  /** Texts of notes the server answered with a redirect (saved). */
  writes: string[];
  /** User-Agents of goal reads the server answered with 200. */
  reads: string[];
  /** Answers that were neither, e.g. a 500. */
  unexpected: { status: number; path: string }[];
  /** Requests that got no answer at all (the server was gone). */
  failed: number;
  stop: () => Promise<void>;
  done: Promise<void>;
};

export function startMixedLoad(target: Target, options: { writers?: number; readers?: number; maxPerWorker?: number } = {}): MixedLoad {
  const { writers = 3, readers = 3, maxPerWorker = 2000 } = options;
  let stopped = false;
  const writes: string[] = [];
  const reads: string[] = [];
  const unexpected: MixedLoad["unexpected"] = [];
  let failed = 0;
  const run = crypto.randomUUID().slice(0, 8);

  async function writer(worker: number) {
    for (let i = 0; i < maxPerWorker && !stopped; i++) {
      const text = `storing-${run}-${worker}-${i}`;
      const path = `/f/${target.familyId}/progress`;
      try {
        const response = await fetch(target.base + path, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: target.familyCookie, Origin: target.base, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "progress", text, mood: String(1 + (i % 5)) }),
        });
        await response.arrayBuffer();
        if (response.status === 302) writes.push(text);
        else unexpected.push({ status: response.status, path });
      } catch {
        // No answer: the server is gone. Nothing was promised for this note.
        failed += 1;
        return;
      }
    }
  }

  async function reader(worker: number) {
    for (let i = 0; i < maxPerWorker && !stopped; i++) {
      const userAgent = `fault-read-${run}-${worker}-${i}`;
      const path = `/care/${target.familyId}/goals`;
      try {
        const response = await fetch(target.base + path, { headers: { Cookie: target.professionalCookie, "User-Agent": userAgent } });
        await response.arrayBuffer();
        if (response.status === 200) reads.push(userAgent);
        else unexpected.push({ status: response.status, path });
      } catch {
        failed += 1;
        return;
      }
    }
  }

  const done = Promise.all([...Array.from({ length: writers }, (_, i) => writer(i)), ...Array.from({ length: readers }, (_, i) => reader(i))]).then(() => undefined);
  // The arrays are shared with the workers, so they fill while the load runs.
  return {
    writes,
    reads,
    unexpected,
    get failed() {
      return failed;
    },
    stop: async () => {
      stopped = true;
      await done;
    },
    done,
  };
}

/** Waits until the condition holds or the time is up; says which. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/**
 * A family with a goal and a professional who may read the goals and write
 * progress, made in this test file's own database, which is then closed so the
 * server can have it.
 */
export async function familyWithProfessional() {
  const family = await makeFamily(undefined, "Gezin Storing");
  const { professional } = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read", progress: "write" } });
  createGoal(getDb(), family.familyId, family.admin.id, { title: "Elke dag op tijd op school", lifeArea: "school", term: "short", memberIds: [] });
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb();
  return { dbFile: databasePath(), familyId: family.familyId, familyCookie: family.admin.cookie, professionalCookie: professional.cookie, professionalId: professional.id };
}
