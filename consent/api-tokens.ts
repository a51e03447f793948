import { and, desc, eq, isNull } from "drizzle-orm";
import type { DB } from "../db/client.server";
import { apiTokens, consents, families } from "../db/schema";
import { generateToken, hashToken, newId, tokenMatchesHash } from "./tokens";
import { effectiveStatus } from "./grants";

// Personal API tokens ("toegangssleutels"). Each token belongs to one professional
// under one consent, so it can never read more than that consent allows, and it
// dies with the consent: revocation and the end date are checked on every call.
// Like every other secret here, only the SHA-256 hash is stored and the token
// itself is shown once.

export const API_TOKEN_PREFIX = "gp_";
// 20 random bytes (160 bits) in base32 is 32 characters, after the prefix.
const TOKEN_SHAPE = /^gp_[a-z2-7]{32}$/;

export type ResolvedApiToken = {
  tokenId: string;
  consentId: string;
  userId: string;
  familyId: string;
  // The consent it speaks under, as it is right now: what the answer may hold.
  consent: { scopes: Record<string, "read" | "write">; endsAt: number; familyName: string };
};

/** The consent, if it is this professional's and active right now. */
function activeConsentOf(db: DB, consentId: string, userId: string, now: number) {
  const consent = db
    .select({ id: consents.id, familyId: consents.familyId, status: consents.status, endsAt: consents.endsAt, scopes: consents.scopes, familyName: families.name })
    .from(consents)
    .innerJoin(families, and(eq(families.id, consents.familyId), isNull(families.deletingAt)))
    .where(and(eq(consents.id, consentId), eq(consents.professionalUserId, userId)))
    .get();
  return consent && effectiveStatus(consent, now) === "active" ? consent : null;
}

/**
 * Makes a new token under an active consent of this professional. Returns the
 * token once; afterwards only its hash exists. Null when the consent is not theirs
 * or not active.
 */
export function createApiToken(db: DB, consentId: string, userId: string, label: string, now = Date.now()) {
  if (!activeConsentOf(db, consentId, userId, now)) return null;
  const token = API_TOKEN_PREFIX + generateToken(20);
  const id = newId();
  db.insert(apiTokens)
    .values({ id, consentId, userId, tokenHash: hashToken(token), label: label.slice(0, 100), createdAt: now })
    .run();
  return { id, token };
}

/** This professional's tokens under one consent, newest first. Never the token itself. */
export function listApiTokens(db: DB, consentId: string, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.consentId, consentId), eq(apiTokens.userId, userId)))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Stops one of the professional's own tokens. False when there was nothing to stop. */
export function revokeApiToken(db: DB, tokenId: string, userId: string, now = Date.now()) {
  const result = db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run();
  return result.changes > 0;
}

/**
 * Who a token speaks for, or null. Checked fresh on every call: the token exists
 * and was not stopped, and its consent still belongs to the token's owner, is
 * active and has not passed its end date. Marks the token as used.
 */
export function resolveApiToken(db: DB, token: string, now = Date.now()): ResolvedApiToken | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = db
    .select({
      id: apiTokens.id,
      tokenHash: apiTokens.tokenHash,
      consentId: apiTokens.consentId,
      userId: apiTokens.userId,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  // The lookup is by hash; the constant-time comparison is the design's rule for
  // every token and costs nothing.
  if (!row || row.revokedAt !== null || !tokenMatchesHash(token, row.tokenHash)) return null;
  const consent = activeConsentOf(db, row.consentId, row.userId, now);
  if (!consent) return null;
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return {
    tokenId: row.id,
    consentId: consent.id,
    userId: row.userId,
    familyId: consent.familyId,
    consent: { scopes: consent.scopes, endsAt: consent.endsAt, familyName: consent.familyName },
  };
}
