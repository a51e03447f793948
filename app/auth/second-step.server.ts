import { and, eq, isNull } from "drizzle-orm";
import { generateHOTP } from "@oslojs/otp";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { writeTransaction, type DB } from "../../db/client.server";
import { passkeys, recoveryCodes, sessions, totpApps } from "../../db/schema";
import { generateToken, hashToken } from "../../consent/tokens";

// The second step (ADR 014): a code app (TOTP, RFC 6238: six digits, 30 seconds)
// or a passkey, with recovery codes for a lost phone. Professionals need one before
// they look at a family; for family members it is their own choice.

const PERIOD_MS = 30_000;
const DIGITS = 6;
// A code from the step before or after counts too: phone clocks drift.
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

const CODE_SHAPE = /^\d{6}$/;
// Ten letters and digits of base32 (50 bits), typed in two groups of five.
const RECOVERY_SHAPE = /^[a-z2-7]{10}$/;

export function hasTotp(db: DB, userId: string): boolean {
  const row = db.select({ confirmedAt: totpApps.confirmedAt }).from(totpApps).where(eq(totpApps.userId, userId)).get();
  return row !== undefined && row.confirmedAt !== null;
}

export function hasPasskey(db: DB, userId: string): boolean {
  return db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1).get() !== undefined;
}

/** Whether signing in with a password asks this person for a second step. */
export function hasSecondStep(db: DB, userId: string): boolean {
  return hasTotp(db, userId) || hasPasskey(db, userId);
}

export function secondStepsOf(db: DB, userId: string) {
  const unusedCodes = db
    .select({ codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
  return { totp: hasTotp(db, userId), passkey: hasPasskey(db, userId), unusedCodes };
}

/**
 * A new secret for a code app, not yet in use: it counts only after the person
 * typed a right code from it (confirmTotp). Null when an app is already set up.
 */
export function startTotp(db: DB, userId: string): string | null {
  if (hasTotp(db, userId)) return null;
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  const secret = encodeBase32UpperCaseNoPadding(key);
  db.insert(totpApps)
    .values({ userId, secret, confirmedAt: null, lastStep: 0 })
    .onConflictDoUpdate({ target: totpApps.userId, set: { secret, confirmedAt: null, lastStep: 0 } })
    .run();
  return secret;
}

/** The secret being set up, to show as QR code and text; null once confirmed. */
export function pendingTotpSecret(db: DB, userId: string): string | null {
  const row = db.select().from(totpApps).where(eq(totpApps.userId, userId)).get();
  return row && row.confirmedAt === null ? row.secret : null;
}

export function totpUri(secret: string, accountName: string): string {
  const params = new URLSearchParams({ secret, issuer: "Groeiplan", algorithm: "SHA1", digits: String(DIGITS), period: String(PERIOD_MS / 1000) });
  return `otpauth://totp/${encodeURIComponent("Groeiplan")}:${encodeURIComponent(accountName)}?${params}`;
}

/** The time step a code matches, later than the last one used; null when none does. */
function matchingStep(secret: string, code: string, lastStep: number, now: number): number | null {
  const wanted = new TextEncoder().encode(code);
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(now / PERIOD_MS);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step += 1) {
    if (step <= lastStep) continue;
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS));
    if (constantTimeEqual(expected, wanted)) return step;
  }
  return null;
}

function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/**
 * Confirms the code app being set up with a code from it. Returns the new recovery
 * codes (shown once), or null when the code is not right.
 */
export function confirmTotp(db: DB, userId: string, code: string, now = Date.now()): string[] | null {
  const typed = normaliseCode(code);
  if (!CODE_SHAPE.test(typed)) return null;
  return writeTransaction(db, () => {
    const row = db.select().from(totpApps).where(eq(totpApps.userId, userId)).get();
    if (!row || row.confirmedAt !== null) return null;
    const step = matchingStep(row.secret, typed, row.lastStep, now);
    if (step === null) return null;
    db.update(totpApps).set({ confirmedAt: now, lastStep: step }).where(eq(totpApps.userId, userId)).run();
    return replaceRecoveryCodes(db, userId, now);
  });
}

/**
 * Checks a second-step code: six digits from the code app (each code works once),
 * or one of the recovery codes (each works once).
 */
export function checkSecondStepCode(db: DB, userId: string, code: string, now = Date.now()): "app" | "recovery" | null {
  const typed = normaliseCode(code);
  return writeTransaction(db, () => {
    if (CODE_SHAPE.test(typed)) {
      const row = db.select().from(totpApps).where(eq(totpApps.userId, userId)).get();
      if (!row || row.confirmedAt === null) return null;
      const step = matchingStep(row.secret, typed, row.lastStep, now);
      if (step === null) return null;
      db.update(totpApps).set({ lastStep: step }).where(eq(totpApps.userId, userId)).run();
      return "app";
    }
    if (RECOVERY_SHAPE.test(typed)) {
      const used = db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.codeHash, hashToken(typed)), eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
        .run();
      return used.changes === 1 ? "recovery" : null;
    }
    return null;
  });
}

/** A fresh set of recovery codes; the old ones stop working. Shown once. */
export function replaceRecoveryCodes(db: DB, userId: string, now = Date.now()): string[] {
  return writeTransaction(db, () => {
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateToken(7).slice(0, 10));
    db.insert(recoveryCodes)
      .values(codes.map((code) => ({ codeHash: hashToken(code), userId, createdAt: now })))
      .run();
    return codes;
  });
}

export function removeTotp(db: DB, userId: string) {
  db.delete(totpApps).where(eq(totpApps.userId, userId)).run();
}

/** This session passed a second step (set up just now, or a code typed). */
export function markSecondStep(db: DB, sessionId: string, now = Date.now()) {
  db.update(sessions).set({ secondStepAt: now }).where(eq(sessions.id, sessionId)).run();
}

/** Recovery codes shown as people type them: two groups of five. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
