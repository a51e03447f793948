import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath, type DB } from "../db/client.server";
import { accessLogCheckpoints } from "../db/schema";

// A witness outside the database (ADR 009): signed checkpoints of each family's chain
// head, appended as JSON lines to a file kept apart from the database. The chain and
// its in-database checkpoint only anchor the log to itself: whoever can write the
// database file can remove the newest entries, or rewrite a chain together with its
// checkpoint, and both checks still pass. A line in the witness, or the receipt a
// family keeps, still says which head the log had, under a key the database lacks.

/** One signed chain head: a line of the witness, and the receipt a family is given. */
export type WitnessReceipt = {
  familyId: string;
  seq: number;
  hash: string;
  at: number;
  signature: string;
  keyFingerprint: string;
  // Set on the line that records the retention job removing the log (ADR 013).
  removed?: true;
};

export type WitnessConfig = { witnessFile: string; keyFile: string; publicKeyFile: string };

export type WitnessFinding = {
  kind: "no-witness" | "torn" | "unreadable" | "unknown-key" | "bad-signature" | "family-missing" | "missing" | "changed" | "unwitnessed";
  familyId: string | null;
  seq: number | null;
  // The witness file's line the finding is about, counted from 1.
  line: number | null;
  message: string;
};

export type WitnessCheck = { witnessFile: string; lines: number; families: number; findings: WitnessFinding[] };

type Head = { familyId: string; seq: number; hash: string };

const NEWLINE = 0x0a;
const CHUNK = 1 << 20;
// Part of what is signed, so that a signature cannot be passed off as one over other data.
const SIGNED_AS = "groeiplan-witness/1";
// A line saying the retention job removed a deleted family's log up to this entry
// (ADR 013): signed apart, so a head line can never be read as a removal.
const REMOVED_AS = "groeiplan-witness-removed/1";

/**
 * Where the witness and its key live. By default in `witness/` next to the
 * database file, so that it works without set-up; in production WITNESS_FILE and
 * WITNESS_KEY_FILE put them on another volume (README).
 */
export function witnessConfig(db: DB): WitnessConfig {
  // The handle's own file rather than DATABASE_PATH: a benchmark or a test opens files of its own.
  const name = db.$client.name;
  const dbFile = name && name !== ":memory:" ? path.resolve(name) : databasePath();
  // Named after the database: a key and its witness belong to one database, and a key
  // without its witness means the witness went missing.
  const base = path.join(path.dirname(dbFile), "witness", path.parse(dbFile).name);
  const keyFile = path.resolve(process.env.WITNESS_KEY_FILE ?? `${base}-key.pem`);
  return {
    witnessFile: path.resolve(process.env.WITNESS_FILE ?? `${base}.jsonl`),
    keyFile,
    publicKeyFile: path.resolve(process.env.WITNESS_PUBLIC_KEY_FILE ?? `${keyFile.replace(/\.pem$/, "")}.pub.pem`),
  };
}

/** SHA-256 of the public key (SPKI, DER), in hex: what a receipt names its key by. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

function signedBytes(head: { familyId: string; seq: number; hash: string; at: number; removed?: true }): Buffer {
  return Buffer.from(JSON.stringify([head.removed ? REMOVED_AS : SIGNED_AS, head.familyId, head.seq, head.hash, head.at]), "utf8");
}

/** Whether a receipt was signed by one of `publicKeys`: what a family or an auditor checks a receipt with. */
export function receiptIsSigned(receipt: WitnessReceipt, publicKeys: KeyObject[]): boolean {
  const key = publicKeys.find((candidate) => keyFingerprint(candidate) === receipt.keyFingerprint);
  return key !== undefined && verify(null, signedBytes(receipt), key, Buffer.from(receipt.signature, "base64"));
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as Error & { code?: string }).code : undefined;
}

function fsyncDirectory(dir: string) {
  // A new file's name is only durable once its directory is synced too.
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function ensureDirectory(dir: string) {
  const made = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (made) fsyncDirectory(path.dirname(made));
}

/**
 * Appends whole lines: one write() on a descriptor opened with O_APPEND, so lines of
 * another process writing at the same moment land before or after, not inside, and
 * an fsync before returning, like a commit (ADR 007).
 */
function appendDurably(file: string, text: string, mode: number) {
  ensureDirectory(path.dirname(file));
  const created = !fs.existsSync(file);
  const fd = fs.openSync(file, "a+", mode);
  try {
    const size = fs.fstatSync(fd).size;
    const last = Buffer.alloc(1);
    // A line cut off by a crash is closed first, so that it spoils only itself.
    const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== NEWLINE;
    const bytes = Buffer.from((torn ? "\n" : "") + text, "utf8");
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (created) fsyncDirectory(path.dirname(file));
}

/** Every public key in `file` (PEM, one after another; older keys stay after a rotation). None when there is no file. */
export function loadPublicKeys(file: string): KeyObject[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return [];
    throw error;
  }
  return (text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? []).map((pem) => createPublicKey(pem));
}

function readOrCreateKey(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
  ensureDirectory(path.dirname(file));
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  // Written whole under another name, then linked into place: a second process making
  // a key at the same moment either wins or reads this one, never half a file.
  const partial = `${file}.${process.pid}-${randomUUID()}.partial`;
  const fd = fs.openSync(partial, "wx", 0o600);
  try {
    fs.writeSync(fd, pem);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(partial, file);
    fsyncDirectory(path.dirname(file));
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.readFileSync(file, "utf8");
}

type SigningKey = { privateKey: KeyObject; fingerprint: string };

const signingKeys = new Map<string, SigningKey>();

// Read once per process: a rotated key is picked up at the next start.
function signingKey(config: WitnessConfig): SigningKey {
  const cached = signingKeys.get(config.keyFile);
  if (cached) return cached;
  const privateKey = createPrivateKey(readOrCreateKey(config.keyFile));
  const publicKey = createPublicKey(privateKey);
  const fingerprint = keyFingerprint(publicKey);
  // Kept in a file of its own, so that checking the witness never needs the private key.
  if (!loadPublicKeys(config.publicKeyFile).some((key) => keyFingerprint(key) === fingerprint)) {
    appendDurably(config.publicKeyFile, publicKey.export({ type: "spki", format: "pem" }) as string, 0o644);
  }
  const key = { privateKey, fingerprint };
  signingKeys.set(config.keyFile, key);
  return key;
}

function signHead(key: SigningKey, head: Head, at: number): WitnessReceipt {
  const signature = sign(null, signedBytes({ ...head, at }), key.privateKey).toString("base64");
  return { familyId: head.familyId, seq: head.seq, hash: head.hash, at, signature, keyFingerprint: key.fingerprint };
}

function parseReceipt(text: string): WitnessReceipt | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const line = value as Partial<WitnessReceipt> | null;
  if (
    typeof line !== "object" ||
    line === null ||
    typeof line.familyId !== "string" ||
    !Number.isSafeInteger(line.seq) ||
    line.seq! < 1 ||
    typeof line.hash !== "string" ||
    !/^[0-9a-f]{64}$/.test(line.hash) ||
    !Number.isSafeInteger(line.at) ||
    typeof line.signature !== "string" ||
    typeof line.keyFingerprint !== "string"
  ) {
    return null;
  }
  if (line.removed !== undefined && line.removed !== true) return null;
  return line as WitnessReceipt;
}

type RawLine = { number: number; text: string; end: number; whole: boolean };

/** The lines between two offsets; a last one without its newline comes with `whole: false`. */
function* readLines(fd: number, from: number, to: number): Generator<RawLine> {
  const buffer = Buffer.alloc(CHUNK);
  let pending = Buffer.alloc(0);
  let pendingAt = from;
  let readTo = from;
  let number = 0;
  while (readTo < to) {
    const count = fs.readSync(fd, buffer, 0, Math.min(CHUNK, to - readTo), readTo);
    if (count === 0) break;
    readTo += count;
    const data = Buffer.concat([pending, buffer.subarray(0, count)]);
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      number += 1;
      yield { number, text: data.toString("utf8", start, end), end: pendingAt + end + 1, whole: true };
      start = end + 1;
    }
    pendingAt += start;
    pending = data.subarray(start);
  }
  if (pending.length > 0) yield { number: number + 1, text: pending.toString("utf8"), end: pendingAt + pending.length, whole: false };
}

function openForReading(file: string): number | null {
  try {
    return fs.openSync(file, "r");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

type WitnessIndex = { offset: number; heads: Map<string, WitnessReceipt> };

const indexes = new Map<string, WitnessIndex>();

/**
 * The highest head witnessed per family. Kept per process and read on from where it
 * stopped, so that a visit reads only the lines added since (also by another process).
 * Signatures are not checked here: verify-log checks every line.
 */
function witnessedHeads(file: string): Map<string, WitnessReceipt> {
  let index = indexes.get(file);
  const fd = openForReading(file);
  try {
    const size = fd === null ? 0 : fs.fstatSync(fd).size;
    // A file that shrank was replaced or cut short: read it again from the start.
    if (!index || size < index.offset) {
      index = { offset: 0, heads: new Map() };
      indexes.set(file, index);
    }
    if (fd === null) return index.heads;
    for (const raw of readLines(fd, index.offset, size)) {
      // A line still being written (or torn) is read again next time.
      if (!raw.whole) break;
      index.offset = raw.end;
      const receipt = parseReceipt(raw.text);
      if (receipt?.removed) index.heads.delete(receipt.familyId);
      else if (receipt && receipt.seq > (index.heads.get(receipt.familyId)?.seq ?? 0)) index.heads.set(receipt.familyId, receipt);
    }
    return index.heads;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Per family, the receipt of its head: the witnessed one, or a new one, appended when it is newer. */
function witness(db: DB, heads: Head[], now: number): Map<string, WitnessReceipt> {
  const config = witnessConfig(db);
  const key = signingKey(config);
  const witnessed = witnessedHeads(config.witnessFile);
  const receipts = new Map<string, WitnessReceipt>();
  const fresh: WitnessReceipt[] = [];
  for (const head of heads) {
    const last = witnessed.get(head.familyId);
    if (last && last.seq === head.seq && last.hash === head.hash) {
      receipts.set(head.familyId, last);
      continue;
    }
    const receipt = signHead(key, head, now);
    receipts.set(head.familyId, receipt);
    if (!last || head.seq > last.seq) {
      fresh.push(receipt);
    } else {
      // Never a line that contradicts an earlier one: the witness keeps what it saw.
      console.error(
        `witness: family ${head.familyId}: the log's head (entry ${head.seq}) does not match the witness (entry ${last.seq}, ${new Date(last.at).toISOString()}); not witnessed. Run npm run verify-log.`,
      );
    }
  }
  if (fresh.length > 0) {
    appendDurably(config.witnessFile, fresh.map((receipt) => `${JSON.stringify(receipt)}\n`).join(""), 0o640);
    for (const receipt of fresh) witnessed.set(receipt.familyId, receipt);
  }
  return receipts;
}

function reportWitnessFailure(error: unknown) {
  const code = errorCode(error);
  console.error(`witness: could not write the witness${code ? ` (${code})` : ""}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Appends a signed line for each head newer than what the witness holds. Never
 * throws: the witness comes on top of the database's checkpoint, and a full or
 * read-only disk under it must not fail the family's read; verify-log names the gap.
 */
export function witnessHeads(db: DB, heads: Head[], now = Date.now()): void {
  if (heads.length === 0) return;
  try {
    witness(db, heads, now);
  } catch (error) {
    reportWitnessFailure(error);
  }
}

/**
 * Appends a signed line saying the retention job removes this family's log up to
 * `head`, its newest entry (ADR 013). Unlike a head line this one must be written:
 * it throws, and the job then keeps the log, so a removal is never unrecorded.
 */
export function witnessRemoval(db: DB, head: Head, now = Date.now()): void {
  const config = witnessConfig(db);
  const key = signingKey(config);
  const signature = sign(null, signedBytes({ ...head, at: now, removed: true }), key.privateKey).toString("base64");
  const line: WitnessReceipt = { familyId: head.familyId, seq: head.seq, hash: head.hash, at: now, signature, keyFingerprint: key.fingerprint, removed: true };
  appendDurably(config.witnessFile, `${JSON.stringify(line)}\n`, 0o640);
}

/**
 * The family's receipt for its log as it is now: its newest entry, signed. Appended
 * to the witness when it is newer than the last witnessed head. Null when the family
 * has no log entries yet, or when no receipt could be made (the cause goes to the
 * server's log).
 */
export function receiptFor(db: DB, familyId: string, now = Date.now()): WitnessReceipt | null {
  const head = db.$client.prepare("select seq, hash from access_log where family_id = ? order by seq desc limit 1").get(familyId) as
    | { seq: number; hash: string }
    | undefined;
  if (!head) return null;
  try {
    return witness(db, [{ familyId, ...head }], now).get(familyId) ?? null;
  } catch (error) {
    reportWitnessFailure(error);
    return null;
  }
}

/**
 * Whether the log still holds the newest head the witness saw for this family: the
 * quick check "Wie keek mee?" makes on every visit, so a look the family was shown
 * and that was removed since is noticed there too, not only by verify-log. Reads
 * only the lines added since the last call; signatures are verify-log's job.
 */
export function holdsWitnessedHead(db: DB, familyId: string): boolean {
  try {
    const last = witnessedHeads(witnessConfig(db).witnessFile).get(familyId);
    if (!last) return true;
    const row = db.$client.prepare("select hash from access_log where family_id = ? and seq = ?").get(familyId, last.seq) as { hash: string } | undefined;
    return row?.hash === last.hash;
  } catch (error) {
    // A witness that cannot be read says nothing about the log; verify-log names it.
    reportWitnessFailure(error);
    return true;
  }
}

function when(at: number): string {
  return new Date(at).toISOString();
}

/**
 * Holds the database against every line of the witness: each signature must be
 * valid under one of `publicKeys`, and each witnessed entry must still be in
 * `access_log` with the same hash. Also names in-database checkpoints, made since
 * the witness began, that were never witnessed.
 */
export function verifyAgainstWitness(db: DB, witnessFile: string, publicKeys: KeyObject[]): WitnessCheck {
  const keys = new Map(publicKeys.map((key) => [keyFingerprint(key), key]));
  const findings: WitnessFinding[] = [];
  const fd = openForReading(witnessFile);
  if (fd === null) {
    // No key and no witness is a first start; a key without its witness is a witness that went missing.
    if (keys.size > 0) {
      findings.push({ kind: "no-witness", familyId: null, seq: null, line: null, message: `there is no witness at ${witnessFile}, although a witness key was made` });
    }
    return { witnessFile, lines: 0, families: 0, findings };
  }
  const newestSeq = db.$client.prepare("select max(seq) as seq from access_log where family_id = ?");
  const entryAt = db.$client.prepare("select hash from access_log where family_id = ? and seq = ?");
  const heads = new Map<string, number | null>();
  const newest = new Map<string, WitnessReceipt>();
  const reported = new Set<string>();
  const removedUpTo = new Map<string, number>();
  let lines = 0;
  let began: number | null = null;
  try {
    for (const raw of readLines(fd, 0, fs.fstatSync(fd).size)) {
      // An empty line is what closing a torn line leaves when two processes close it at once.
      if (raw.text.trim() === "") continue;
      lines += 1;
      const at = { line: raw.number };
      if (!raw.whole) {
        findings.push({ kind: "torn", familyId: null, seq: null, ...at, message: `line ${raw.number}, the last, is cut off (a write that did not finish)` });
        break;
      }
      const receipt = parseReceipt(raw.text);
      if (!receipt) {
        findings.push({ kind: "unreadable", familyId: null, seq: null, ...at, message: `line ${raw.number} is not a witness line` });
        continue;
      }
      const about = { familyId: receipt.familyId, seq: receipt.seq, ...at };
      const key = keys.get(receipt.keyFingerprint);
      if (!key) {
        findings.push({ kind: "unknown-key", ...about, message: `line ${raw.number} (family ${receipt.familyId}, entry ${receipt.seq}) is signed by a key that is not among the kept public keys` });
        continue;
      }
      if (!verify(null, signedBytes(receipt), key, Buffer.from(receipt.signature, "base64"))) {
        findings.push({ kind: "bad-signature", ...about, message: `line ${raw.number} (family ${receipt.familyId}, entry ${receipt.seq}) does not carry a valid signature` });
        continue;
      }
      if (receipt.removed) {
        // Lawfully removed up to here: what the witness saw before is no longer owed.
        if (receipt.seq >= (newest.get(receipt.familyId)?.seq ?? 0)) newest.delete(receipt.familyId);
        removedUpTo.set(receipt.familyId, Math.max(receipt.seq, removedUpTo.get(receipt.familyId) ?? 0));
        continue;
      }
      began ??= receipt.at;
      if (receipt.seq > (newest.get(receipt.familyId)?.seq ?? 0)) newest.set(receipt.familyId, receipt);
      let head = heads.get(receipt.familyId);
      if (head === undefined) {
        head = (newestSeq.get(receipt.familyId) as { seq: number | null }).seq;
        heads.set(receipt.familyId, head);
      }
      // Entries past the database's newest one are named once per family, below.
      if (head === null || receipt.seq > head) continue;
      if (receipt.seq <= (removedUpTo.get(receipt.familyId) ?? 0)) continue;
      const row = entryAt.get(receipt.familyId, receipt.seq) as { hash: string } | undefined;
      const id = `${receipt.familyId}\n${receipt.seq}`;
      if (row?.hash === receipt.hash || reported.has(id)) continue;
      reported.add(id);
      findings.push(
        row
          ? { kind: "changed", ...about, message: `family ${receipt.familyId}: entry seq ${receipt.seq} differs from the witnessed hash (witnessed at ${when(receipt.at)})` }
          : { kind: "missing", ...about, message: `family ${receipt.familyId}: entry seq ${receipt.seq} is missing (witnessed at ${when(receipt.at)})` },
      );
    }
  } finally {
    fs.closeSync(fd);
  }
  for (const [familyId, receipt] of newest) {
    const head = heads.get(familyId) ?? null;
    const about = { familyId, seq: receipt.seq, line: null };
    if (head === null) {
      findings.push({ kind: "family-missing", ...about, message: `family ${familyId}: witnessed up to seq ${receipt.seq} at ${when(receipt.at)}, but the database has no log entries of it` });
    } else if (receipt.seq > head) {
      findings.push({ kind: "missing", ...about, seq: head + 1, message: `family ${familyId}: entries from seq ${head + 1} on are missing (seq ${receipt.seq} was witnessed at ${when(receipt.at)})` });
    }
  }
  if (began !== null) {
    // Checkpoints from before the witness began were never meant to be in it.
    for (const checkpoint of db.select().from(accessLogCheckpoints).all()) {
      const witnessed = newest.get(checkpoint.familyId)?.seq ?? 0;
      if (checkpoint.checkedAt < began || checkpoint.seq <= witnessed) continue;
      findings.push({
        kind: "unwitnessed",
        familyId: checkpoint.familyId,
        seq: checkpoint.seq,
        line: null,
        message: `family ${checkpoint.familyId}: checked up to seq ${checkpoint.seq} at ${when(checkpoint.checkedAt)}, but witnessed only up to seq ${witnessed} (a witness write failed, or lines were removed from the witness)`,
      });
    }
  }
  return { witnessFile, lines, families: newest.size, findings };
}
