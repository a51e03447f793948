import { and, desc, eq, inArray, isNull, max, ne } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { apiTokens, consentInvitations, consents, consentVersions, families } from "../db/schema";
import { generateToken, hashToken, newId } from "./tokens";
import type { Section } from "./sections";
import type { Selection } from "../db/values";

export type { Selection };

// Giving, changing and taking back consent. Every change makes a new version, so
// the log can always say which permission was in force.

const DAY = 24 * 60 * 60 * 1000;
export const INVITATION_DAYS = 14;
export const DEFAULT_MONTHS = 6;
export const MAX_MONTHS = 12;
// How long before its end both sides are told that access stops.
export const WARN_DAYS = 14;

export type Scopes = Partial<Record<Section, "read" | "write">>;
export type EffectiveStatus = "pending" | "active" | "expired" | "revoked";

export type ConsentInput = {
  name: string;
  organisation: string;
  role: string;
  purpose: string;
  email: string;
  scopes: Scopes;
  // "Alleen deze" per part; a part left out is shared whole.
  selection?: Selection;
  endsAt: number;
};

/** The latest end date the family may choose: twelve months from now. */
export function latestEnd(now = Date.now()): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() + MAX_MONTHS);
  return date.getTime() + DAY;
}

export function effectiveStatus(consent: { status: string; endsAt: number }, now = Date.now()): EffectiveStatus {
  if (consent.status === "revoked") return "revoked";
  if (now >= consent.endsAt) return "expired";
  return consent.status === "active" ? "active" : "pending";
}

/** Creates a waiting consent and its one-time invitation. The token is returned once. */
export function createConsent(db: DB, familyId: string, userId: string, input: ConsentInput, now = Date.now()) {
  return writeTransaction(db, () => {
    const id = newId();
    const selection = input.selection ?? {};
    db.insert(consents)
      .values({ id, familyId, createdBy: userId, status: "pending", version: 1, ...input, selection })
      .run();
    db.insert(consentVersions).values({ consentId: id, version: 1, scopes: input.scopes, selection, endsAt: input.endsAt, changedBy: userId }).run();
    const token = issueInvitation(db, id, now);
    return { id, token };
  });
}

export function issueInvitation(db: DB, consentId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    // Only the newest link works: an older one may have been shared by mistake.
    db.update(consentInvitations)
      .set({ expiresAt: now })
      .where(and(eq(consentInvitations.consentId, consentId), isNull(consentInvitations.claimedAt)))
      .run();
    const token = generateToken();
    db.insert(consentInvitations)
      .values({ id: newId(), consentId, tokenHash: hashToken(token), expiresAt: now + INVITATION_DAYS * DAY })
      .run();
    return token;
  });
}

export function getConsent(db: DB, familyId: string, consentId: string) {
  return db
    .select()
    .from(consents)
    .where(and(eq(consents.id, consentId), eq(consents.familyId, familyId)))
    .get();
}

export function listConsents(db: DB, familyId: string, now = Date.now()) {
  return db
    .select()
    .from(consents)
    .where(eq(consents.familyId, familyId))
    .orderBy(desc(consents.createdAt))
    .all()
    .map((consent) => ({ ...consent, effectiveStatus: effectiveStatus(consent, now) }));
}

/** Changes parts or end date: a new version, recorded with who changed it. */
export function changeConsent(
  db: DB,
  familyId: string,
  userId: string,
  consentId: string,
  change: { scopes: Scopes; selection?: Selection; endsAt: number; answers?: number },
  now = Date.now(),
) {
  return writeTransaction(db, () => {
    const consent = getConsent(db, familyId, consentId);
    if (!consent || effectiveStatus(consent, now) === "revoked") return null;
    const version = nextVersion(db, consentId);
    const selection = change.selection ?? {};
    db.update(consents).set({ scopes: change.scopes, selection, endsAt: change.endsAt, version }).where(eq(consents.id, consentId)).run();
    db.insert(consentVersions)
      .values({ consentId, version, scopes: change.scopes, selection, endsAt: change.endsAt, changedBy: userId, kind: change.answers ? "approval" : "change", answers: change.answers ?? null })
      .run();
    return version;
  });
}

/** The number the next version gets: a professional's request takes a number too, without being in force. */
export function nextVersion(db: DB, consentId: string): number {
  const row = db.select({ last: max(consentVersions.version) }).from(consentVersions).where(eq(consentVersions.consentId, consentId)).get();
  return (row?.last ?? 0) + 1;
}

/** Whether an open consent ends within WARN_DAYS: both sides are told, and the family can extend it. */
export function endsSoon(consent: { status: string; endsAt: number }, now = Date.now()): boolean {
  const status = effectiveStatus(consent, now);
  return (status === "active" || status === "pending") && consent.endsAt - now <= WARN_DAYS * DAY;
}

/** Until when each waiting consent's newest link works, by consent id. */
export function linkExpiries(db: DB, consentIds: string[]): Map<string, number> {
  const found = new Map<string, number>();
  if (consentIds.length === 0) return found;
  const rows = db
    .select({ consentId: consentInvitations.consentId, expiresAt: consentInvitations.expiresAt })
    .from(consentInvitations)
    .where(and(inArray(consentInvitations.consentId, consentIds), isNull(consentInvitations.claimedAt)))
    .all();
  for (const row of rows) found.set(row.consentId, Math.max(found.get(row.consentId) ?? 0, row.expiresAt));
  return found;
}

/** Takes access back. Works on the professional's very next request: nothing is cached. */
export function revokeConsent(db: DB, familyId: string, userId: string, consentId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    const consent = getConsent(db, familyId, consentId);
    if (!consent || consent.status === "revoked") return false;
    db.update(consents).set({ status: "revoked", revokedAt: now, revokedBy: userId }).where(eq(consents.id, consentId)).run();
    // An invitation that was never used must not work afterwards either.
    db.update(consentInvitations)
      .set({ expiresAt: now })
      .where(and(eq(consentInvitations.consentId, consentId), isNull(consentInvitations.claimedAt)))
      .run();
    return true;
  });
}

/**
 * Access again for the professional of an ended consent, with the parts and records
 * it had last: "We willen weer hulp" (ADR 021). The family saw and confirmed these
 * parts; the professional's account is known, so no link is needed. A new consent,
 * so the old one and its log stay as they were.
 */
export function renewConsent(db: DB, familyId: string, userId: string, fromConsentId: string, endsAt: number, now = Date.now()) {
  return writeTransaction(db, () => {
    const before = getConsent(db, familyId, fromConsentId);
    if (!before?.professionalUserId || effectiveStatus(before, now) === "active") return null;
    const id = newId();
    const { name, organisation, role, purpose, email, scopes, selection, professionalUserId } = before;
    db.insert(consents)
      .values({ id, familyId, professionalUserId, name, organisation, role, purpose, email, scopes, selection, endsAt, version: 1, status: "active", createdBy: userId, claimedAt: now })
      .run();
    db.insert(consentVersions).values({ consentId: id, version: 1, scopes, selection, endsAt, changedBy: userId }).run();
    return id;
  });
}

/** How many consents of the family are open (waiting or in force) right now. */
export function activeConsentCount(db: DB, familyId: string, now = Date.now()): number {
  return db
    .select({ status: consents.status, endsAt: consents.endsAt })
    .from(consents)
    .where(eq(consents.familyId, familyId))
    .all()
    .filter((consent) => ["pending", "active"].includes(effectiveStatus(consent, now))).length;
}

/**
 * Ends every consent of a family at once, as "Toegang stoppen" would one by one,
 * with its unused invitations and its API keys: the family is being deleted (ADR
 * 013). Call it inside the deletion's transaction.
 */
export function endFamilyConsents(db: DB, familyId: string, userId: string, now = Date.now()) {
  const open = db.select({ id: consents.id }).from(consents).where(and(eq(consents.familyId, familyId), ne(consents.status, "revoked"))).all();
  const all = db.select({ id: consents.id }).from(consents).where(eq(consents.familyId, familyId)).all().map((c) => c.id);
  if (open.length) db.update(consents).set({ status: "revoked", revokedAt: now, revokedBy: userId }).where(inArray(consents.id, open.map((c) => c.id))).run();
  if (all.length) {
    db.update(consentInvitations).set({ expiresAt: now }).where(and(inArray(consentInvitations.consentId, all), isNull(consentInvitations.claimedAt))).run();
    db.update(apiTokens).set({ revokedAt: now }).where(and(inArray(apiTokens.consentId, all), isNull(apiTokens.revokedAt))).run();
  }
  return open.length;
}

/**
 * Ends every consent bound to this professional, as the family would with "Toegang
 * stoppen": their account is being removed (ADR 013), so nobody is left to use it
 * and the family's page must not show it as in force.
 */
export function endConsentsOf(db: DB, professionalUserId: string, now = Date.now()) {
  return db
    .update(consents)
    .set({ status: "revoked", revokedAt: now, revokedBy: professionalUserId })
    .where(and(eq(consents.professionalUserId, professionalUserId), ne(consents.status, "revoked")))
    .run().changes;
}

export type InvitationState =
  | { state: "open"; invitationId: string; consent: typeof consents.$inferSelect; familyName: string }
  | { state: "claimed" | "expired" | "revoked" | "unknown" };

/** What an invitation link is worth right now. Looked up by hash only. */
export function inspectInvitation(db: DB, token: string, now = Date.now()): InvitationState {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return { state: "unknown" };
  const row = db
    .select({ invitation: consentInvitations, consent: consents, familyName: families.name })
    .from(consentInvitations)
    .innerJoin(consents, eq(consents.id, consentInvitations.consentId))
    .innerJoin(families, eq(families.id, consents.familyId))
    .where(eq(consentInvitations.tokenHash, hashToken(token)))
    .get();
  if (!row) return { state: "unknown" };
  if (row.consent.status === "revoked") return { state: "revoked" };
  if (row.invitation.claimedAt !== null) return { state: "claimed" };
  if (now >= row.invitation.expiresAt || now >= row.consent.endsAt) return { state: "expired" };
  return { state: "open", invitationId: row.invitation.id, consent: row.consent, familyName: row.familyName };
}

/** Binds the consent to the professional who opened the link. Only once. */
export function claimInvitation(db: DB, token: string, userId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    const found = inspectInvitation(db, token, now);
    if (found.state !== "open") return found;
    if (found.consent.professionalUserId && found.consent.professionalUserId !== userId) return { state: "claimed" as const };
    db.update(consentInvitations).set({ claimedAt: now, claimedBy: userId }).where(eq(consentInvitations.id, found.invitationId)).run();
    db.update(consents)
      .set({ professionalUserId: userId, status: "active", claimedAt: found.consent.claimedAt ?? now })
      .where(eq(consents.id, found.consent.id))
      .run();
    return { state: "claimed-now" as const, consentId: found.consent.id, familyId: found.consent.familyId };
  });
}

/** The families that gave this professional access, for their home page. */
export function listConsentsOfProfessional(db: DB, userId: string, now = Date.now()) {
  return db
    .select({ consent: consents, familyName: families.name, teamPage: families.teamPage })
    .from(consents)
    // A deleted family is gone from a professional's list too, name and all.
    .innerJoin(families, and(eq(families.id, consents.familyId), isNull(families.deletingAt)))
    .where(eq(consents.professionalUserId, userId))
    .orderBy(desc(consents.claimedAt))
    .all()
    .map(({ consent, familyName, teamPage }) => ({ ...consent, familyName, teamPage, effectiveStatus: effectiveStatus(consent, now) }));
}

type Pickable = "goals" | "strengths" | "whatifs" | "network";

/**
 * The consents still open (waiting or active) that share this part: whole, so a
 * new record is seen at once, or only chosen records, so it is seen only if the
 * family adds it.
 */
export function consentsSharing(db: DB, familyId: string, section: Pickable, now = Date.now()) {
  return listConsents(db, familyId, now)
    .filter((consent) => (consent.effectiveStatus === "active" || consent.effectiveStatus === "pending") && consent.scopes[section])
    .map((consent) => ({ id: consent.id, name: consent.name, role: consent.role, whole: !consent.selection[section] }));
}

/**
 * A record the family just added, shared with the "alleen deze" consents it picked:
 * a new version of each, so the log can say from when it was shared. Picks that
 * are not such a consent of this family are left out.
 */
export function shareNewRecord(db: DB, familyId: string, userId: string, consentIds: string[], section: Pickable, recordId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    const open = consentsSharing(db, familyId, section, now).filter((consent) => !consent.whole && consentIds.includes(consent.id));
    for (const { id } of open) {
      const consent = getConsent(db, familyId, id)!;
      const selection = { ...consent.selection, [section]: [...(consent.selection[section] ?? []), recordId] };
      changeConsent(db, familyId, userId, id, { scopes: consent.scopes, selection, endsAt: consent.endsAt }, now);
    }
    return open.length;
  });
}
