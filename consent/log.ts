import { hash } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { accessLog, accessLogCheckpoints } from "../db/schema";
import { witnessHeads } from "./witness";

// The access log: one entry per professional read or write, chained per family
// with hash = sha256(prev_hash || canonical(entry)), after NEN 7513's who / what /
// which family / when / from where / on which consent.

export const GENESIS_HASH = "0".repeat(64);

export type LogInput = {
  familyId: string;
  at: number;
  actorUserId: string;
  consentId: string;
  consentVersion: number;
  section: string;
  recordIds: string[];
  action: "read" | "create" | "update";
  channel: "web" | "api";
  ip: string;
  userAgent: string;
};

type Chained = Omit<LogInput, "recordIds"> & { seq: number; recordIds: string };

/** The hashed fields in their fixed order, with their columns: the same entry always hashes the same way. */
const HASHED = [
  ["familyId", "family_id"],
  ["seq", "seq"],
  ["at", "at"],
  ["actorUserId", "actor_user_id"],
  ["consentId", "consent_id"],
  ["consentVersion", "consent_version"],
  ["section", "section"],
  ["recordIds", "record_ids"],
  ["action", "action"],
  ["channel", "channel"],
  ["ip", "ip"],
  ["userAgent", "user_agent"],
] as const;

export function canonical(entry: Chained): string {
  return JSON.stringify(HASHED.map(([field]) => entry[field]));
}

// Node's native SHA-256: the same function as any other, and several times faster
// than one in JavaScript when a whole chain is checked.
export function chainHash(prevHash: string, entry: Chained): string {
  return sealed(prevHash, canonical(entry));
}

function sealed(prevHash: string, canonicalText: string): string {
  return hash("sha256", prevHash + canonicalText, "hex");
}

/** Appends one entry. Must run inside the transaction of the read or write it logs. */
export function appendLogEntry(db: DB, input: LogInput) {
  const last = db
    .select({ seq: accessLog.seq, hash: accessLog.hash })
    .from(accessLog)
    .where(eq(accessLog.familyId, input.familyId))
    .orderBy(desc(accessLog.seq))
    .limit(1)
    .get();
  const entry: Chained = {
    ...input,
    seq: (last?.seq ?? 0) + 1,
    recordIds: JSON.stringify(input.recordIds),
    userAgent: input.userAgent.slice(0, 300),
    ip: input.ip.slice(0, 100),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  db.insert(accessLog)
    .values({ ...entry, prevHash, hash: chainHash(prevHash, entry) })
    .run();
}

export type ChainReport = {
  familyId: string;
  ok: boolean;
  checked: number;
  firstBroken: { id: number; seq: number; reason: string } | null;
  // The last entry that was found good: where the next check can start.
  last: { seq: number; hash: string } | null;
};

type Anchor = { seq: number; hash: string };

type StoredEntry = Chained & { id: number; prevHash: string; hash: string };

const ENTRY_COLUMNS = `id, family_id as familyId, seq, at, actor_user_id as actorUserId, consent_id as consentId,
  consent_version as consentVersion, section, record_ids as recordIds, action, channel, ip,
  user_agent as userAgent, prev_hash as prevHash, hash`;

/** Why `row` does not follow `before` in the chain, or null when it does. */
function problemWith(row: StoredEntry, before: Anchor): string | null {
  if (row.seq !== before.seq + 1) return `expected entry ${before.seq + 1}, found ${row.seq} (an entry is missing)`;
  if (row.prevHash !== before.hash) return "does not point to the entry before it";
  if (row.hash !== chainHash(before.hash, row)) return "its content was changed after it was written";
  return null;
}

/**
 * Walks one family's chain and names the first entry that does not fit. From the
 * very first entry, or (with `from`) from an entry that an earlier full check
 * found good.
 */
export function verifyFamilyChain(db: DB, familyId: string, from: Anchor | null = null): ChainReport {
  let before: Anchor = from ?? { seq: 0, hash: GENESIS_HASH };
  let last: Anchor | null = from;
  let checked = 0;
  // Raw rows and iterate(): a busy family has tens of thousands of entries.
  const rows = db.$client
    .prepare(`select ${ENTRY_COLUMNS} from access_log where family_id = ? and seq > ? order by seq`)
    .iterate(familyId, from?.seq ?? 0) as IterableIterator<StoredEntry>;
  for (const row of rows) {
    checked += 1;
    const reason = problemWith(row, before);
    if (reason) {
      // Stop reading: the rest of the chain cannot be trusted anyway.
      rows.return?.();
      return { familyId, ok: false, checked, firstBroken: { id: row.id, seq: row.seq, reason }, last };
    }
    before = last = { seq: row.seq, hash: row.hash };
  }
  return { familyId, ok: true, checked, firstBroken: null, last };
}

function checkpointOf(db: DB, familyId: string) {
  return db.select().from(accessLogCheckpoints).where(eq(accessLogCheckpoints.familyId, familyId)).get() ?? null;
}

/** The entry the checkpoint points at must still be there with the same hash. */
function checkpointHolds(db: DB, familyId: string, checkpoint: Anchor): ChainReport | null {
  const row = db.$client.prepare("select id, hash from access_log where family_id = ? and seq = ?").get(familyId, checkpoint.seq) as
    | { id: number; hash: string }
    | undefined;
  if (row && row.hash === checkpoint.hash) return null;
  return {
    familyId,
    ok: false,
    checked: 0,
    firstBroken: { id: row?.id ?? 0, seq: checkpoint.seq, reason: "differs from what an earlier check found" },
    last: null,
  };
}

function saveCheckpoint(db: DB, familyId: string, last: Anchor, now: number) {
  db.insert(accessLogCheckpoints)
    .values({ familyId, seq: last.seq, hash: last.hash, checkedAt: now })
    .onConflictDoUpdate({ target: accessLogCheckpoints.familyId, set: { seq: last.seq, hash: last.hash, checkedAt: now } })
    .run();
}

/** The newest entries, each checked against its own hash and its neighbour's. */
function verifyNewest(db: DB, familyId: string, count: number): ChainReport | null {
  const rows = db.$client
    .prepare(`select ${ENTRY_COLUMNS} from access_log where family_id = ? order by seq desc limit ?`)
    .all(familyId, count) as StoredEntry[];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    // The oldest one shown is checked against the link it carries itself.
    const older = rows[i + 1] ?? { seq: row.seq - 1, hash: row.prevHash };
    const reason = problemWith(row, older);
    if (reason) return { familyId, ok: false, checked: rows.length - i, firstBroken: { id: row.id, seq: row.seq, reason }, last: null };
  }
  return null;
}

/**
 * The quick check behind "Wie keek mee?": everything written since the last
 * check, chained onto the entry that check ended with, and the newest entries
 * (the ones the page shows) each against its own hash. The full check from the
 * first entry is `npm run verify-log` (verifyAllChains); see ADR 004.
 */
export function checkFamilyLog(db: DB, familyId: string, options: { newest?: number; now?: number; onSaveFailed?: (error: unknown) => void } = {}): ChainReport {
  const { report, checkpoint } = db.transaction(() => {
    const checkpoint = checkpointOf(db, familyId);
    const moved = checkpoint ? checkpointHolds(db, familyId, checkpoint) : null;
    if (moved) return { report: moved, checkpoint };
    const report = verifyFamilyChain(db, familyId, checkpoint);
    if (!report.ok) return { report, checkpoint };
    return { report: verifyNewest(db, familyId, options.newest ?? 200) ?? report, checkpoint };
  });
  // Saving how far the chain was checked only spares the next check some work: when
  // the database cannot store it now (a full disk), the family still sees its log.
  if (report.ok && report.last && report.last.seq !== checkpoint?.seq) {
    const now = options.now ?? Date.now();
    // Also outside the database, where rewriting the database cannot reach it (ADR 009).
    witnessHeads(db, [{ familyId, ...report.last }], now);
    try {
      writeTransaction(db, () => saveCheckpoint(db, familyId, report.last!, now));
    } catch (error) {
      if (!options.onSaveFailed) throw error;
      options.onSaveFailed(error);
    }
  }
  return report;
}

/**
 * Every family's chain in one pass over the table in the order it was written,
 * which is each family's order too: reading rows where they lie, as arrays, is
 * several times faster than walking a million entries family by family through
 * the index. What does not fit here is walked again by seq (verifyFamilyChain),
 * which decides; so an entry written out of order is never called broken.
 */
function scanAllChains(db: DB): Map<string, ChainReport> {
  const columns = HASHED.map(([, column]) => column).join(", ");
  const rows = db.$client.prepare(`select ${columns}, prev_hash, hash from access_log order by id`).raw(true).iterate() as IterableIterator<unknown[]>;
  const reports = new Map<string, ChainReport>();
  for (const row of rows) {
    const familyId = row[0] as string;
    let report = reports.get(familyId);
    if (!report) reports.set(familyId, (report = { familyId, ok: true, checked: 0, firstBroken: null, last: null }));
    if (!report.ok) continue;
    report.checked += 1;
    const [seq, prevHash, stored] = [row[1] as number, row[12] as string, row[13] as string];
    const before = report.last ?? { seq: 0, hash: GENESIS_HASH };
    // The first HASHED.length columns are canonical()'s array, in its order.
    const fits = seq === before.seq + 1 && prevHash === before.hash && stored === sealed(prevHash, JSON.stringify(row.slice(0, HASHED.length)));
    if (fits) report.last = { seq, hash: stored };
    else report.ok = false;
  }
  for (const [familyId, report] of reports) if (!report.ok) reports.set(familyId, verifyFamilyChain(db, familyId));
  return reports;
}

/**
 * Every family's chain from its first entry. A chain that was rewritten as a
 * whole still fits together, so it is also held against the last checkpoint.
 */
export function verifyAllChains(db: DB, now = Date.now()): ChainReport[] {
  const scanned = [...scanAllChains(db).values()];
  // The checkpoints in one transaction: one commit that waits for the disk, not one per family.
  const reports = writeTransaction(db, () =>
    scanned.map((report) => {
      const { familyId } = report;
      if (!report.ok) return report;
      const checkpoint = checkpointOf(db, familyId);
      const moved = checkpoint ? checkpointHolds(db, familyId, checkpoint) : null;
      if (moved) return moved;
      if (report.last) saveCheckpoint(db, familyId, report.last, now);
      return report;
    }),
  );
  // All heads in one append: one fsync for the whole run rather than one per family.
  witnessHeads(db, reports.flatMap((report) => (report.ok && report.last ? [{ familyId: report.familyId, ...report.last }] : [])), now);
  return reports;
}
