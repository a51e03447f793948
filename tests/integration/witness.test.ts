import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import { appendLogEntry, chainHash, checkFamilyLog, GENESIS_HASH, verifyAllChains, verifyFamilyChain } from "../../consent/log";
import {
  keyFingerprint,
  loadPublicKeys,
  receiptFor,
  receiptIsSigned,
  verifyAgainstWitness,
  witnessConfig,
  witnessHeads,
  type WitnessReceipt,
} from "../../consent/witness";

// Everything the chain is checked against inside the database can be rewritten by
// whoever has the database file. The witness outside it, and the receipt the family
// keeps, must still show a removed look or a rewritten chain (ADR 009).

const run = promisify(execFile);
const root = fs.mkdtempSync(path.resolve("tests/.tmp/witness-test-"));
const FAMILY = "gezin-a";
const WITNESS_VARIABLES = ["WITNESS_FILE", "WITNESS_KEY_FILE", "WITNESS_PUBLIC_KEY_FILE"];

type Scenario = { dir: string; file: string; db: DB; env: Record<string, string> };

/** A database of its own with one family's looks, and (unless `defaults`) a witness on a path of its own. */
function scenario(looks: number, options: { defaults?: boolean } = {}): Scenario {
  const dir = fs.mkdtempSync(path.join(root, "case-"));
  const file = path.join(dir, "groeiplan.sqlite");
  fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, file);
  const db = openDatabase(file);
  db.$client.pragma("foreign_keys = OFF");
  db.$client.prepare("insert into families (id, name) values (?, ?)").run(FAMILY, FAMILY);
  addLooks(db, looks);
  const env: Record<string, string> = options.defaults
    ? {}
    : { WITNESS_FILE: path.join(dir, "elsewhere", "witness.jsonl"), WITNESS_KEY_FILE: path.join(dir, "keys", "witness-key.pem") };
  for (const name of WITNESS_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  return { dir, file, db, env };
}

function addLooks(db: DB, count: number) {
  const { n } = db.$client.prepare("select count(*) as n from access_log where family_id = ?").get(FAMILY) as { n: number };
  for (let i = n; i < n + count; i++) {
    appendLogEntry(db, {
      familyId: FAMILY,
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

function checkWitness(db: DB) {
  const config = witnessConfig(db);
  return verifyAgainstWitness(db, config.witnessFile, loadPublicKeys(config.publicKeyFile));
}

function witnessLines(db: DB): string[] {
  return fs.readFileSync(witnessConfig(db).witnessFile, "utf8").split("\n").filter(Boolean);
}

/** Someone with the database file gets around the append-only guard. */
function tamper(db: DB) {
  db.$client.exec("DROP TRIGGER IF EXISTS access_log_no_update; DROP TRIGGER IF EXISTS access_log_no_delete;");
}

async function verifyLog(file: string, env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !WITNESS_VARIABLES.includes(name)));
  try {
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["consent/verify-cli.ts"], { env: { ...inherited, ...env, DATABASE_PATH: file } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const name of WITNESS_VARIABLES) delete process.env[name];
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the witness outside the database", () => {
  it("names the looks removed after the family was given a receipt, also in npm run verify-log", async () => {
    const { db, file, env } = scenario(5);
    expect(receiptFor(db, FAMILY)).toMatchObject({ familyId: FAMILY, seq: 5 });
    addLooks(db, 3);
    const receipt = receiptFor(db, FAMILY)!;
    expect(receipt.seq).toBe(8);
    expect(witnessLines(db)).toHaveLength(2);

    tamper(db);
    db.$client.prepare("delete from access_log where family_id = ? and seq >= 7").run(FAMILY);
    // On its own the shortened chain fits together.
    expect(verifyFamilyChain(db, FAMILY)).toMatchObject({ ok: true, checked: 6 });

    const check = checkWitness(db);
    expect(check.findings).toEqual([
      expect.objectContaining({ kind: "missing", familyId: FAMILY, seq: 7, message: expect.stringContaining(`family ${FAMILY}: entries from seq 7 on are missing`) }),
    ]);
    expect(check.findings[0].message).toContain(`seq 8 was witnessed at ${new Date(receipt.at).toISOString()}`);

    db.$client.close();
    const result = await verifyLog(file, env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("Every chain is intact.");
    expect(result.stdout).toContain(`WITNESS: family ${FAMILY}: entries from seq 7 on are missing (seq 8 was witnessed at`);
  });

  it("notices a chain rewritten together with every anchor in the database", () => {
    const { db } = scenario(4);
    expect(checkFamilyLog(db, FAMILY).ok).toBe(true);
    // The page's check witnessed the head it checked; the receipt is that line.
    expect(witnessLines(db)).toHaveLength(1);
    const receipt = receiptFor(db, FAMILY)!;
    expect(witnessLines(db)).toEqual([JSON.stringify(receipt)]);
    expect(receipt.seq).toBe(4);

    tamper(db);
    db.$client.prepare("update access_log set ip = '203.0.113.9' where family_id = ? and seq = 2").run(FAMILY);
    let prev = GENESIS_HASH;
    // Each entry as the chain hashes it: the columns under the names chainHash reads.
    const rows = db.$client
      .prepare(
        `select id, family_id as familyId, seq, at, actor_user_id as actorUserId, consent_id as consentId, consent_version as consentVersion,
           section, record_ids as recordIds, action, channel, ip, user_agent as userAgent from access_log where family_id = ? order by seq`,
      )
      .all(FAMILY) as (Parameters<typeof chainHash>[1] & { id: number })[];
    for (const row of rows) {
      const hash = chainHash(prev, row);
      db.$client.prepare("update access_log set prev_hash = ?, hash = ? where id = ?").run(prev, hash, row.id);
      prev = hash;
    }
    db.$client.prepare("update access_log_checkpoints set hash = ? where family_id = ?").run(prev, FAMILY);

    // Every check inside the database is satisfied...
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(checkFamilyLog(db, FAMILY).ok).toBe(true);
    expect(verifyAllChains(db).every((report) => report.ok)).toBe(true);
    // ...the witness is not, and it did not take the new head.
    expect(witnessLines(db)).toHaveLength(1);
    expect(checkWitness(db).findings).toEqual([
      expect.objectContaining({ kind: "changed", familyId: FAMILY, seq: 4, message: `family ${FAMILY}: entry seq 4 differs from the witnessed hash (witnessed at ${new Date(receipt.at).toISOString()})` }),
    ]);
    // The family's own receipt still proves what the head was.
    expect(receiptIsSigned(receipt, loadPublicKeys(witnessConfig(db).publicKeyFile))).toBe(true);
    expect(receipt.hash).not.toBe(prev);
  });

  it("reports a forged witness line, and does not take it for the truth", () => {
    const { db } = scenario(3);
    const receipt = receiptFor(db, FAMILY)!;
    const forged = { ...receipt, hash: "f".repeat(64) };
    fs.appendFileSync(witnessConfig(db).witnessFile, `${JSON.stringify(forged)}\nnot a witness line\n`);
    expect(receiptIsSigned(forged, loadPublicKeys(witnessConfig(db).publicKeyFile))).toBe(false);

    const check = checkWitness(db);
    expect(check.lines).toBe(3);
    expect(check.findings).toEqual([
      expect.objectContaining({ kind: "bad-signature", familyId: FAMILY, seq: 3, line: 2 }),
      expect.objectContaining({ kind: "unreadable", line: 3 }),
    ]);
    // Under a key that is not kept, even the real line is not trusted.
    expect(verifyAgainstWitness(db, witnessConfig(db).witnessFile, []).findings[0]).toMatchObject({ kind: "unknown-key", line: 1 });
  });

  it("reports a witnessed family the database has no log of, and a witness gone missing while its key is there", () => {
    const { db } = scenario(2);
    receiptFor(db, FAMILY);
    witnessHeads(db, [{ familyId: "gezin-weg", seq: 3, hash: "b".repeat(64) }]);
    expect(checkWitness(db).findings).toEqual([
      expect.objectContaining({ kind: "family-missing", familyId: "gezin-weg", message: expect.stringContaining("family gezin-weg: witnessed up to seq 3 at") }),
    ]);
    fs.rmSync(witnessConfig(db).witnessFile);
    expect(checkWitness(db).findings).toEqual([expect.objectContaining({ kind: "no-witness" })]);
  });

  it("tolerates and reports a torn last line, and the next line is written whole after it", () => {
    const { db } = scenario(2);
    receiptFor(db, FAMILY);
    const witnessFile = witnessConfig(db).witnessFile;
    fs.appendFileSync(witnessFile, '{"familyId":"gezin-a","seq":3,"ha');
    expect(checkWitness(db).findings).toEqual([expect.objectContaining({ kind: "torn", line: 2 })]);

    addLooks(db, 1);
    expect(receiptFor(db, FAMILY)).toMatchObject({ seq: 3 });
    expect(fs.readFileSync(witnessFile, "utf8").endsWith("\n")).toBe(true);
    // The torn piece is now a line of its own; the new line is whole and holds.
    expect(checkWitness(db).findings).toEqual([expect.objectContaining({ kind: "unreadable", line: 2 })]);
    expect(witnessLines(db)).toHaveLength(3);
  });

  it("works on first use with no set-up: key, public key and witness next to the database", async () => {
    const { db, dir, file } = scenario(3, { defaults: true });
    const witnessDir = path.join(dir, "witness");
    expect(fs.existsSync(witnessDir)).toBe(false);

    const receipt = receiptFor(db, FAMILY)!;
    const head = db.$client.prepare("select seq, hash from access_log where family_id = ? and seq = 3").get(FAMILY) as { seq: number; hash: string };
    expect(receipt).toMatchObject({ familyId: FAMILY, ...head });
    expect(fs.statSync(path.join(witnessDir, "groeiplan-key.pem")).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(witnessDir, "groeiplan-key.pem"), "utf8")).toContain("-----BEGIN PRIVATE KEY-----");
    const [publicKey] = loadPublicKeys(path.join(witnessDir, "groeiplan-key.pub.pem"));
    expect(receipt.keyFingerprint).toBe(keyFingerprint(publicKey));
    expect(fs.readFileSync(path.join(witnessDir, "groeiplan.jsonl"), "utf8")).toBe(`${JSON.stringify(receipt)}\n`);

    // Asked again with nothing new, the family gets the same receipt and the witness no new line.
    expect(receiptFor(db, FAMILY)).toEqual(receipt);
    expect(witnessLines(db)).toHaveLength(1);
    expect(checkWitness(db)).toMatchObject({ lines: 1, families: 1, findings: [] });

    db.$client.close();
    const result = await verifyLog(file, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Checked 1 witness lines of 1 families in ${path.join(witnessDir, "groeiplan.jsonl")}.`);
    expect(result.stdout).toContain("The log holds every witnessed entry.");
  });

  it("npm run verify-log's full check witnesses each head once", () => {
    const { db } = scenario(2);
    expect(verifyAllChains(db, 1_800_000_000_000)).toMatchObject([{ ok: true, last: { seq: 2 } }]);
    expect(verifyAllChains(db)).toMatchObject([{ ok: true }]);
    expect(witnessLines(db).map((line) => JSON.parse(line))).toMatchObject([{ familyId: FAMILY, seq: 2, at: 1_800_000_000_000 }]);
    expect(checkWitness(db).findings).toEqual([]);
  });

  it("two processes making the key and appending at the same moment leave one key and only whole lines", async () => {
    const { dir, file, db } = scenario(1, { defaults: true });
    db.$client.close();
    const script = path.join(dir, "append.ts");
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.resolve("db/client.server.ts"))};
import { witnessHeads } from ${JSON.stringify(path.resolve("consent/witness.ts"))};
const [file, name, start] = process.argv.slice(2);
const db = openDatabase(file);
while (Date.now() < Number(start)) {}
for (let i = 0; i < 200; i++) witnessHeads(db, [{ familyId: name + "-" + i, seq: 1, hash: "a".repeat(64) }]);
`,
    );
    const start = String(Date.now() + 3000);
    await Promise.all(["een", "twee"].map((name) => run(path.resolve("node_modules/.bin/tsx"), [script, file, name, start])));

    const witnessDir = path.join(dir, "witness");
    const text = fs.readFileSync(path.join(witnessDir, "groeiplan.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as WitnessReceipt);
    expect(lines).toHaveLength(400);
    expect(new Set(lines.map((line) => line.familyId)).size).toBe(400);
    const keys = loadPublicKeys(path.join(witnessDir, "groeiplan-key.pub.pem"));
    expect(new Set(keys.map(keyFingerprint)).size).toBe(1);
    expect(lines.every((line) => receiptIsSigned(line, keys))).toBe(true);
  });

  it("a witness that cannot be written never fails the family's read; verify names the gap", () => {
    const { db, env } = scenario(3);
    expect(receiptFor(db, FAMILY)).toMatchObject({ seq: 3 });
    addLooks(db, 2);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // The witness's place cannot take a line: as when its disk is full or read-only.
    fs.renameSync(env.WITNESS_FILE, `${env.WITNESS_FILE}.aside`);
    fs.mkdirSync(env.WITNESS_FILE);

    expect(checkFamilyLog(db, FAMILY)).toMatchObject({ ok: true, last: { seq: 5 } });
    expect(receiptFor(db, FAMILY)).toBeNull();
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^witness: could not write the witness \(EISDIR\)/));
    // The database's checkpoint still stands.
    expect(db.$client.prepare("select seq from access_log_checkpoints where family_id = ?").get(FAMILY)).toEqual({ seq: 5 });

    fs.rmdirSync(env.WITNESS_FILE);
    fs.renameSync(`${env.WITNESS_FILE}.aside`, env.WITNESS_FILE);
    expect(checkWitness(db).findings).toEqual([expect.objectContaining({ kind: "unwitnessed", familyId: FAMILY, seq: 5 })]);

    // No key can be made at all (its folder cannot be created): the read still goes on.
    process.env.WITNESS_KEY_FILE = path.join(env.WITNESS_FILE, "no-folder-here", "key.pem");
    addLooks(db, 1);
    expect(checkFamilyLog(db, FAMILY)).toMatchObject({ ok: true, last: { seq: 6 } });
    expect(receiptFor(db, FAMILY)).toBeNull();
    expect(errors).toHaveBeenLastCalledWith(expect.stringMatching(/^witness: could not write the witness \(ENOTDIR\)/));
  });
});
