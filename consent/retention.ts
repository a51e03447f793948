import { and, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { accessLog, accessLogCheckpoints, accessRequests, apiTokens, consentInvitations, consents, consentVersions, families } from "../db/schema";
import { witnessRemoval } from "./witness";

// The last step of deleting a family (ADR 013): a year after the ask, its consents
// and access log go too. The witness is told first, signed, so verify-log can tell
// this removal from a log someone shortened.

const DAY = 24 * 60 * 60 * 1000;
export const LOG_KEPT_DAYS = 365;

// Deleted families whose plan is gone and whose log has passed its year: one rule
// to find them and to check one again.
const logDue = (now: number) => and(lte(families.deletingAt, now - LOG_KEPT_DAYS * DAY), isNotNull(families.planRemovedAt), isNull(families.logRemovedAt));

export function logsDue(db: DB, now = Date.now()) {
  return db.select({ id: families.id }).from(families).where(logDue(now)).all().map((family) => family.id);
}

export function removeFamilyLog(db: DB, familyId: string, now = Date.now()) {
  const due = () => Boolean(db.select({ id: families.id }).from(families).where(and(eq(families.id, familyId), logDue(now))).get());
  if (!due()) return false;
  const head = db.$client.prepare("select seq, hash from access_log where family_id = ? order by seq desc limit 1").get(familyId) as { seq: number; hash: string } | undefined;
  // Throws when the witness cannot be written: then the log stays, for the next run.
  if (head) witnessRemoval(db, { familyId, ...head }, now);
  return writeTransaction(db, () => {
    if (!due()) return false;
    const consentIds = db.select({ id: consents.id }).from(consents).where(eq(consents.familyId, familyId)).all().map((consent) => consent.id);
    db.delete(accessLog).where(eq(accessLog.familyId, familyId)).run();
    db.delete(accessLogCheckpoints).where(eq(accessLogCheckpoints.familyId, familyId)).run();
    if (consentIds.length) {
      db.delete(consentVersions).where(inArray(consentVersions.consentId, consentIds)).run();
      db.delete(consentInvitations).where(inArray(consentInvitations.consentId, consentIds)).run();
      db.delete(apiTokens).where(inArray(apiTokens.consentId, consentIds)).run();
      db.update(accessRequests).set({ consentId: null }).where(inArray(accessRequests.consentId, consentIds)).run();
      db.delete(consents).where(inArray(consents.id, consentIds)).run();
    }
    db.update(families).set({ logRemovedAt: now }).where(eq(families.id, familyId)).run();
    return true;
  });
}
