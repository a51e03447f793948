import { and, asc, eq, gt, lt } from "drizzle-orm";
import { z } from "zod";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { writeTransaction, type DB } from "../../db/client.server";
import { passkeys, recoveryCodes, totpApps, webauthnChallenges } from "../../db/schema";
import { generateToken } from "../../consent/tokens";
import { replaceRecoveryCodes } from "./second-step.server";

// Passkeys (WebAuthn, ADR 014) through @simplewebauthn/server: the library checks
// the signatures, the origin and the counter; this file keeps the challenges and
// the keys. A passkey asks for the device's own lock (PIN, face, finger), so one
// tap is two steps in one: something you have and something you know or are.

const CHALLENGE_LIFETIME = 5 * 60 * 1000;
const RP_NAME = "Groeiplan";

export type PasskeyPurpose = "signin" | "add" | "confirm";

/** The site a passkey belongs to: the host the person sees in the address bar. */
function relyingParty(request: Request) {
  const url = new URL(request.url);
  return { rpID: url.hostname, origin: url.origin };
}

function keepChallenge(db: DB, challenge: string, userId: string | null, now: number): string {
  const id = generateToken();
  writeTransaction(db, () => {
    // Old challenges go when new ones come: the table stays small without a job.
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)).run();
    db.insert(webauthnChallenges).values({ id, challenge, userId, expiresAt: now + CHALLENGE_LIFETIME }).run();
  });
  return id;
}

/** A challenge is used once: taken out of the table as it is read. */
function takeChallenge(db: DB, id: string, now: number) {
  return writeTransaction(db, () => {
    const row = db
      .select()
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.id, id), gt(webauthnChallenges.expiresAt, now)))
      .get();
    db.delete(webauthnChallenges).where(eq(webauthnChallenges.id, id)).run();
    return row ?? null;
  });
}

function transportsOf(row: { transports: string }): AuthenticatorTransportFuture[] {
  return row.transports ? (row.transports.split(",") as AuthenticatorTransportFuture[]) : [];
}

/**
 * What the browser needs to start: for a new passkey, the person's name and the
 * keys they already have (a device gets one key each); to sign in, nothing about
 * anyone (the device offers its own keys); to confirm a signed-in session, that
 * person's keys.
 */
export async function passkeyOptions(db: DB, request: Request, purpose: PasskeyPurpose, user: { id: string; email: string; name: string } | null, now = Date.now()) {
  const { rpID } = relyingParty(request);
  if (purpose === "add") {
    if (!user) return null;
    const existing = db.select().from(passkeys).where(eq(passkeys.userId, user.id)).all();
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: "none",
      excludeCredentials: existing.map((row) => ({ id: row.id, transports: transportsOf(row) })),
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    });
    return { challengeId: keepChallenge(db, options.challenge, user.id, now), options };
  }
  if (purpose === "confirm" && !user) return null;
  const allow = purpose === "confirm" ? db.select().from(passkeys).where(eq(passkeys.userId, user!.id)).all() : [];
  if (purpose === "confirm" && allow.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: "required",
    allowCredentials: allow.map((row) => ({ id: row.id, transports: transportsOf(row) })),
  });
  return { challengeId: keepChallenge(db, options.challenge, purpose === "confirm" ? user!.id : null, now), options };
}

// The browser's answer is checked by the library; this only makes sure it is an
// object with an id before the library reads it, so nonsense is a plain "no".
const answerShape = z.object({ id: z.string().min(1).max(1024), rawId: z.string().max(1024), type: z.literal("public-key"), response: z.record(z.string(), z.unknown()) }).loose();

function parseAnswer(text: unknown) {
  if (typeof text !== "string" || text.length > 16_384) return null;
  try {
    const parsed = answerShape.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const nameShape = z.string().trim().min(1).max(60);

export type NewPasskey = { challengeId: string; answer: unknown; name: string };

/**
 * Keeps a new passkey for the signed-in person after the library checked the
 * browser's answer against the challenge. When it is their first second step,
 * recovery codes come with it (shown once), as with a code app.
 */
export async function addPasskey(db: DB, request: Request, userId: string, input: NewPasskey, now = Date.now()): Promise<{ codes: string[] | null } | null> {
  const answer = parseAnswer(input.answer);
  const name = nameShape.safeParse(input.name);
  const challenge = takeChallenge(db, input.challengeId, now);
  if (!answer || !name.success || !challenge || challenge.userId !== userId) return null;
  const { rpID, origin } = relyingParty(request);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: answer as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    return null;
  }
  if (!verified.verified) return null;
  const { credential } = verified.registrationInfo;
  return writeTransaction(db, () => {
    if (db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, credential.id)).get()) return null;
    const firstStep = !hasOtherSecondStep(db, userId);
    db.insert(passkeys)
      .values({
        id: credential.id,
        userId,
        name: name.data,
        publicKey: encodeBase64urlNoPadding(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(","),
        createdAt: now,
      })
      .run();
    return { codes: firstStep ? replaceRecoveryCodes(db, userId, now) : null };
  });
}

function hasOtherSecondStep(db: DB, userId: string): boolean {
  const key = db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1).get();
  const app = db.select({ at: totpApps.confirmedAt }).from(totpApps).where(eq(totpApps.userId, userId)).get();
  const code = db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId)).limit(1).get();
  return key !== undefined || (app !== undefined && app.at !== null) || code !== undefined;
}

/**
 * Checks a passkey's answer to a challenge and returns whose key it is. To sign in
 * any person's key will do; to confirm a session (`forUserId`) only that person's.
 * The signature counter must move forward, so a copied key is refused.
 */
export async function checkPasskey(db: DB, request: Request, input: { challengeId: string; answer: unknown }, forUserId: string | null, now = Date.now()): Promise<string | null> {
  const answer = parseAnswer(input.answer);
  const challenge = takeChallenge(db, input.challengeId, now);
  if (!answer || !challenge || challenge.userId !== forUserId) return null;
  const row = db.select().from(passkeys).where(eq(passkeys.id, answer.id)).get();
  if (!row || (forUserId !== null && row.userId !== forUserId)) return null;
  const { rpID, origin } = relyingParty(request);
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: answer as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: { id: row.id, publicKey: new Uint8Array(decodeBase64urlIgnorePadding(row.publicKey)), counter: row.counter, transports: transportsOf(row) },
    });
  } catch {
    return null;
  }
  if (!verified.verified) return null;
  db.update(passkeys).set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: now }).where(eq(passkeys.id, row.id)).run();
  return row.userId;
}

export function passkeysOf(db: DB, userId: string) {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt))
    .all();
}

/** Removes one of the person's own passkeys; another person's id does nothing. */
export function removePasskey(db: DB, userId: string, passkeyId: string): boolean {
  return db.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId))).run().changes > 0;
}

