import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { appendLogEntry, verifyAllChains } from "../../consent/log";
import { backupDatabase } from "../../db/backup";
import { startServer, type RunningServer } from "../support/server";
import { familyWithProfessional, startMixedLoad, waitFor } from "./mixed-load";

// `npm run backup` while the production server serves and is written to, then a
// restore as the README describes it: the copy becomes the database file of a
// fresh server. The copy must be whole, hold everything acknowledged before the
// backup started, and its log chains must verify.

const run = promisify(execFile);
const folder = path.resolve(`tests/.tmp/backups-${process.pid}-${crypto.randomUUID()}`);
const servers: RunningServer[] = [];
const open: DB[] = [];

afterAll(() => {
  for (const db of open) db.$client.close();
  for (const server of servers) server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("npm run backup", () => {
  it("makes a consistent copy of a live database that restores and verifies", async () => {
    const setup = await familyWithProfessional();
    // A longer log, so the backup has real pages to copy while the server writes.
    const before = openDatabase(setup.dbFile);
    const consentId = (before.$client.prepare("select id from consents where family_id = ?").get(setup.familyId) as { id: string }).id;
    before.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        appendLogEntry(before, {
          familyId: setup.familyId,
          at: Date.now() - (3000 - i) * 60_000,
          actorUserId: setup.professionalId,
          consentId,
          consentVersion: 1,
          section: "goals",
          recordIds: [`goal-${i}`],
          action: "read",
          channel: "web",
          ip: "10.0.0.1",
          userAgent: "eerder",
        });
      }
    });
    before.$client.pragma("wal_checkpoint(TRUNCATE)");
    before.$client.close();

    const server = await startServer({ dbFile: setup.dbFile });
    servers.push(server);
    const load = startMixedLoad({ base: server.base, ...setup });
    await waitFor(() => load.writes.length >= 20 && load.reads.length >= 5, 20_000);
    const savedBeforeBackup = [...load.writes];

    fs.mkdirSync(folder, { recursive: true });
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["db/backup-cli.ts", folder], { env: { ...process.env, DATABASE_PATH: setup.dbFile } });
    const savedAfterBackup = load.writes.length;
    await waitFor(() => load.writes.length >= savedAfterBackup + 5, 10_000);
    await load.stop();
    expect(load.unexpected).toEqual([]);
    expect(load.failed).toBe(0);
    // The server went on taking writes while the backup command ran.
    expect(savedAfterBackup).toBeGreaterThan(savedBeforeBackup.length);

    const made = fs.readdirSync(folder);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^groeiplan-\d{8}T\d{6}Z\.sqlite$/);
    expect(stdout).toContain("integrity ok");

    // Restore: the copy becomes the database file, with no -wal or -shm beside it.
    const restoredFile = path.join(folder, "restored.sqlite");
    fs.copyFileSync(path.join(folder, made[0]), restoredFile);
    const restored = openDatabase(restoredFile);
    open.push(restored);
    expect(restored.$client.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    const notes = new Set(
      (restored.$client.prepare("select text from progress_notes where family_id = ?").all(setup.familyId) as { text: string }[]).map((row) => row.text),
    );
    expect(savedBeforeBackup.filter((text) => !notes.has(text))).toEqual([]);
    // One moment in time: no note the server had not yet been asked to save.
    expect(notes.size).toBeLessThanOrEqual(load.writes.length);
    const entries = (restored.$client.prepare("select count(*) as n from access_log where family_id = ?").get(setup.familyId) as { n: number }).n;
    expect(entries).toBeGreaterThanOrEqual(3000);
    const chains = verifyAllChains(restored);
    expect(chains.filter((chain) => !chain.ok)).toEqual([]);
    restored.$client.close();
    open.pop();

    // And the app runs on it: the family signs in with the session it had.
    const fromBackup = await startServer({ dbFile: restoredFile });
    servers.push(fromBackup);
    const plan = await fetch(`${fromBackup.base}/f/${setup.familyId}`, { headers: { Cookie: setup.familyCookie } });
    expect(plan.status).toBe(200);
    expect(await plan.text()).toContain("Elke dag op tijd op school");
  }, 60_000);

  it("never overwrites an existing file", async () => {
    fs.mkdirSync(folder, { recursive: true });
    const source = path.join(folder, "source.sqlite");
    const target = path.join(folder, "existing.sqlite");
    fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, source);
    fs.writeFileSync(target, "older backup");
    await expect(backupDatabase(source, target)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(target, "utf8")).toBe("older backup");
  });
});
