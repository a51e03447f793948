import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { verifyAllChains } from "../../consent/log";
import { startServer, type RunningServer } from "../support/server";
import { familyWithProfessional, startMixedLoad, waitFor } from "./mixed-load";

// Two server processes on one SQLite file, as with one worker per core: family
// writes and professional reads (each of which writes its log entry) against both
// at once. No request may fail with SQLITE_BUSY (a 500), no acknowledged note may
// be lost, and every acknowledged read has exactly one log entry in a whole chain.

let servers: RunningServer[] = [];
let db: DB | undefined;

afterAll(() => {
  db?.$client.close();
  for (const server of servers) server.stop();
});

describe("two processes on one database", () => {
  it("answer mixed load without a 500, losing nothing and logging every read", async () => {
    const setup = await familyWithProfessional();
    servers = await Promise.all([startServer({ dbFile: setup.dbFile }), startServer({ dbFile: setup.dbFile })]);
    const loads = servers.map((server) => startMixedLoad({ base: server.base, ...setup }, { writers: 3, readers: 3, maxPerWorker: 60 }));
    const enough = () => loads.every((load) => load.writes.length >= 100 && load.reads.length >= 100);
    await waitFor(enough, 60_000);
    await Promise.all(loads.map((load) => load.stop()));

    const writes = loads.flatMap((load) => load.writes);
    const reads = loads.flatMap((load) => load.reads);
    expect(loads.flatMap((load) => load.unexpected)).toEqual([]);
    expect(loads.reduce((sum, load) => sum + load.failed, 0)).toBe(0);
    expect(writes.length).toBeGreaterThanOrEqual(200);
    expect(reads.length).toBeGreaterThanOrEqual(200);

    db = openDatabase(setup.dbFile);
    const sqlite = db.$client;
    const notes = new Set((sqlite.prepare("select text from progress_notes where family_id = ?").all(setup.familyId) as { text: string }[]).map((row) => row.text));
    expect(writes.filter((text) => !notes.has(text))).toEqual([]);

    const entries = new Map(
      (
        sqlite
          .prepare("select user_agent as userAgent, count(*) as n from access_log where family_id = ? and actor_user_id = ? group by user_agent")
          .all(setup.familyId, setup.professionalId) as { userAgent: string; n: number }[]
      ).map((row) => [row.userAgent, row.n]),
    );
    expect(reads.filter((userAgent) => entries.get(userAgent) !== 1)).toEqual([]);
    expect(verifyAllChains(db).filter((chain) => !chain.ok)).toEqual([]);
  }, 120_000);
});
