import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { appendLogEntry } from "../../consent/log";

// `npm run verify-log` is what a privacy officer runs: it must say "intact" for an
// untouched log, and for a tampered one exit non-zero and name the first bad entry.

const run = promisify(execFile);
const files: string[] = [];

function logFile(families: string[], entriesEach: number) {
  const file = path.resolve(`tests/.tmp/verify-${process.pid}-${crypto.randomUUID()}.sqlite`);
  files.push(file);
  fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, file);
  const db = openDatabase(file);
  db.$client.pragma("foreign_keys = OFF");
  for (const familyId of families) {
    db.$client.prepare("insert into families (id, name) values (?, ?)").run(familyId, familyId);
    for (let i = 0; i < entriesEach; i++) {
      appendLogEntry(db, {
        familyId,
        at: 1_700_000_000_000 + i * 1000,
        actorUserId: "pro",
        consentId: "consent",
        consentVersion: 1,
        section: "goals",
        recordIds: [`goal-${i}`],
        action: "read",
        channel: "web",
        ip: "127.0.0.1",
        userAgent: "test",
      });
    }
  }
  return { file, db };
}

async function verifyLog(file: string) {
  try {
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["consent/verify-cli.ts"], { env: { ...process.env, DATABASE_PATH: file } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

afterAll(() => {
  for (const file of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

describe("npm run verify-log", () => {
  it("says every chain is intact when nobody touched the log", async () => {
    const { file, db } = logFile(["gezin-a", "gezin-b"], 4);
    db.$client.close();
    const result = await verifyLog(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Checked 8 log entries of 2 families");
    expect(result.stdout).toContain("Every chain is intact.");
  });

  it("exits 1 and names the first changed entry of the tampered family only", async () => {
    const { file, db } = logFile(["gezin-a", "gezin-b"], 5);
    const target = db.$client.prepare("select id from access_log where family_id = 'gezin-b' and seq = 3").get() as { id: number };
    // Someone with access to the file gets around the append-only guard.
    db.$client.exec("DROP TRIGGER access_log_no_update");
    db.$client.prepare("update access_log set actor_user_id = 'iemand anders' where id = ?").run(target.id);
    db.$client.close();
    const result = await verifyLog(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN: family gezin-b, entry id ${target.id} (number 3 of that family)`);
    expect(result.stdout).not.toContain("family gezin-a");
    expect(result.stdout).not.toContain("Every chain is intact.");
  });

  it("checks a chain whose entries lie out of order in the table (put back from a copy, say) by their numbers, and finds it intact", async () => {
    const { file, db } = logFile(["gezin-a", "gezin-c"], 4);
    // The same entries, unchanged, written back in the order 3, 1, 4, 2: their
    // row ids no longer follow their numbers. The fast pass reads rows by id.
    db.$client.exec("DROP TRIGGER access_log_no_delete");
    db.$client.exec("create temporary table kept as select * from access_log where family_id = 'gezin-c'");
    db.$client.exec("delete from access_log where family_id = 'gezin-c'");
    for (const seq of [3, 1, 4, 2]) {
      db.$client.exec(`insert into access_log (family_id, seq, at, actor_user_id, consent_id, consent_version, section, record_ids, action, channel, ip, user_agent, prev_hash, hash)
        select family_id, seq, at, actor_user_id, consent_id, consent_version, section, record_ids, action, channel, ip, user_agent, prev_hash, hash from kept where seq = ${seq}`);
    }
    const ids = db.$client.prepare("select seq from access_log where family_id = 'gezin-c' order by id").all() as { seq: number }[];
    expect(ids.map((row) => row.seq)).toEqual([3, 1, 4, 2]);
    db.$client.close();
    const result = await verifyLog(file);
    expect(result.stdout).toContain("Checked 8 log entries of 2 families");
    expect(result.stdout).toContain("Every chain is intact.");
    expect(result.code).toBe(0);
  });
});
