import { asc, desc, eq } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { DB } from "../db/client.server";
import { accessLog } from "../db/schema";

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

/** A fixed field order, so the same entry always hashes the same way. */
export function canonical(entry: Chained): string {
  return JSON.stringify([
    entry.familyId,
    entry.seq,
    entry.at,
    entry.actorUserId,
    entry.consentId,
    entry.consentVersion,
    entry.section,
    entry.recordIds,
    entry.action,
    entry.channel,
    entry.ip,
    entry.userAgent,
  ]);
}

export function chainHash(prevHash: string, entry: Chained): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(prevHash + canonical(entry))));
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

export type ChainReport = { familyId: string; ok: boolean; checked: number; firstBroken: { id: number; seq: number; reason: string } | null };

/** Walks one family's chain from the start and names the first entry that does not fit. */
export function verifyFamilyChain(db: DB, familyId: string): ChainReport {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const rows = db.select().from(accessLog).where(eq(accessLog.familyId, familyId)).orderBy(asc(accessLog.seq)).all();
  for (const row of rows) {
    checked += 1;
    let reason: string | null = null;
    if (row.seq !== expectedSeq) reason = `expected entry ${expectedSeq}, found ${row.seq} (an entry is missing)`;
    else if (row.prevHash !== prevHash) reason = "does not point to the entry before it";
    else if (row.hash !== chainHash(prevHash, row)) reason = "its content was changed after it was written";
    if (reason) return { familyId, ok: false, checked, firstBroken: { id: row.id, seq: row.seq, reason } };
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { familyId, ok: true, checked, firstBroken: null };
}

export function verifyAllChains(db: DB): ChainReport[] {
  const families = db.selectDistinct({ familyId: accessLog.familyId }).from(accessLog).all();
  return families.map(({ familyId }) => verifyFamilyChain(db, familyId));
}
