import type { DB } from "../../db/client.server";
import { holdsWitnessedHead, keyFingerprint, loadPublicKeys, receiptFor, witnessConfig } from "../../consent/witness";
import { checkFamilyLog } from "../../consent/log";
import { skipOnStorageTrouble } from "../lib/storage.server";

// The receipt a family keeps: the chain head of its log, signed outside the
// database (ADR 009), with the public key to check it and a note on how.

export const RECEIPT_FORMAT = "groeiplan-receipt/1";

/** Null when the log is empty, or does not hold what the witness saw (then there is nothing honest to sign). */
export function familyReceipt(db: DB, familyId: string) {
  if (!holdsWitnessedHead(db, familyId)) return null;
  const receipt = receiptFor(db, familyId);
  if (!receipt) return null;
  const key = loadPublicKeys(witnessConfig(db).publicKeyFile).find((candidate) => keyFingerprint(candidate) === receipt.keyFingerprint);
  return {
    format: RECEIPT_FORMAT,
    ...receipt,
    at: new Date(receipt.at).toISOString(),
    publicKey: key ? String(key.export({ type: "spki", format: "pem" })) : null,
    howToCheck: "npm run verify-log holds the log against the witness; this entry (seq, hash) must still be in the family's log.",
  };
}

/**
 * Checks the family's log (which also lets the witness see its newest entry) and
 * makes the receipt only for a log that is whole and still holds what the witness
 * saw before: the witness is asked first. `newest`: how many of the newest entries
 * are each held against their own hash (default 200; a page passes what it shows).
 */
export function checkedReceipt(db: DB, familyId: string, options: { newest?: number } = {}) {
  const witnessed = holdsWitnessedHead(db, familyId);
  const report = checkFamilyLog(db, familyId, { newest: options.newest, onSaveFailed: skipOnStorageTrouble });
  const whole = report.ok && witnessed;
  return { chain: { ok: whole, checked: report.checked }, receipt: whole ? familyReceipt(db, familyId) : null };
}
