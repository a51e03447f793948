import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { verifyAllChains } from "../../consent/log";
import { startServer, type RunningServer } from "../support/server";
import { familyWithProfessional, startMixedLoad, waitFor } from "./mixed-load";

// The server is killed (SIGKILL, no chance to clean up) in the middle of family
// writes and professional reads, then started again on the same file. Whatever it
// had acknowledged must still be there, every acknowledged read must have its log
// entry (the read and its entry share one transaction), and the file and the log
// chains must be whole. WAL promises exactly this for a crash of the process
// (and with synchronous=FULL for a power cut too, which no test here can cause).

let first: RunningServer | undefined;
let second: RunningServer | undefined;
let db: DB | undefined;

afterAll(() => {
  db?.$client.close();
  first?.process.kill("SIGKILL");
  second?.stop();
});

describe("a crash under load", () => {
  it("loses nothing the server acknowledged, and leaves the file and every log chain whole", async () => {
    const setup = await familyWithProfessional();
    first = await startServer({ dbFile: setup.dbFile });
    const load = startMixedLoad({ base: first.base, ...setup });

    // Enough traffic that the kill lands among writes and reads in flight; bounded
    // in case the machine is slow.
    await waitFor(() => load.writes.length >= 40 && load.reads.length >= 40, 20_000);
    first.process.kill("SIGKILL");
    await load.done;
    const acknowledgedWrites = [...load.writes];
    const acknowledgedReads = [...load.reads];
    expect(acknowledgedWrites.length).toBeGreaterThan(0);
    expect(acknowledgedReads.length).toBeGreaterThan(0);
    expect(load.unexpected).toEqual([]);

    second = await startServer({ dbFile: setup.dbFile });
    // The restarted server serves the plan, newest note included.
    const page = await fetch(`${second.base}/f/${setup.familyId}/progress`, { headers: { Cookie: setup.familyCookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(acknowledgedWrites.at(-1));

    db = openDatabase(setup.dbFile);
    const sqlite = db.$client;
    expect(sqlite.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);

    const notes = new Set(
      (sqlite.prepare("select text from progress_notes where family_id = ?").all(setup.familyId) as { text: string }[]).map((row) => row.text),
    );
    const lostWrites = acknowledgedWrites.filter((text) => !notes.has(text));
    expect(lostWrites).toEqual([]);

    const entries = sqlite
      .prepare("select user_agent as userAgent, count(*) as n from access_log where family_id = ? and actor_user_id = ? group by user_agent")
      .all(setup.familyId, setup.professionalId) as { userAgent: string; n: number }[];
    const entriesByAgent = new Map(entries.map((row) => [row.userAgent, row.n]));
    const totalEntries = entries.reduce((sum, row) => sum + row.n, 0);
    expect(acknowledgedReads.length).toBeLessThanOrEqual(totalEntries);
    const readsWithoutEntry = acknowledgedReads.filter((userAgent) => entriesByAgent.get(userAgent) !== 1);
    expect(readsWithoutEntry).toEqual([]);

    const chains = verifyAllChains(db);
    expect(chains.length).toBeGreaterThan(0);
    expect(chains.filter((chain) => !chain.ok)).toEqual([]);
  }, 60_000);
});
