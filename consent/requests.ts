import { and, desc, eq, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { accessRequests, consents, consentVersions, users } from "../db/schema";
import { changeConsent, effectiveStatus, getConsent, INVITATION_DAYS, latestEnd, nextVersion, type Scopes, type Selection } from "./grants";
import { generateToken, hashToken, newId } from "./tokens";

// "Ask before you look": a professional asks in their own words for more (another
// part, more records, write instead of read, a later end), and the family answers:
// as asked, less, or no. An ask and its answer are consent versions like any other
// (ADR 011); the ask is never in force by itself.

const DAY = 24 * 60 * 60 * 1000;

export type Ask = { scopes: Scopes; endsAt: number; note: string };

type Version = typeof consentVersions.$inferSelect;

/** The request on this consent that waits for the family's answer, if any. */
export function openRequest(db: DB, consentId: string): Version | null {
  const versions = db.select().from(consentVersions).where(eq(consentVersions.consentId, consentId)).orderBy(desc(consentVersions.version)).all();
  const request = versions.find((version) => version.kind === "request");
  if (!request) return null;
  return versions.some((version) => version.answers === request.version) ? null : request;
}

/** The newest answer the family gave this consent's requests, for the professional's page. */
export function lastAnswer(db: DB, consentId: string): Version | null {
  return (
    db
      .select()
      .from(consentVersions)
      .where(eq(consentVersions.consentId, consentId))
      .orderBy(desc(consentVersions.version))
      .all()
      .find((version) => version.kind === "approval" || version.kind === "refusal") ?? null
  );
}

/**
 * A professional with active access asks for more. One ask at a time: a second one
 * while the first waits is refused, so the family never answers a question that
 * was already replaced.
 */
export function askForMore(db: DB, professionalUserId: string, consentId: string, ask: Ask, now = Date.now()): "asked" | "waiting" | null {
  return writeTransaction(db, () => {
    const consent = db.select().from(consents).where(eq(consents.id, consentId)).get();
    if (!consent || consent.professionalUserId !== professionalUserId || effectiveStatus(consent, now) !== "active") return null;
    if (openRequest(db, consentId)) return "waiting";
    db.insert(consentVersions)
      .values({
        consentId,
        version: nextVersion(db, consentId),
        scopes: ask.scopes,
        // Records the family chose stay chosen; the family picks again when it answers.
        selection: consent.selection,
        endsAt: ask.endsAt,
        changedBy: professionalUserId,
        changedAt: now,
        kind: "request",
        note: ask.note,
      })
      .run();
    return "asked";
  });
}

/** Yes as asked (the ask itself, read in the answer's transaction), yes to less, or no. */
export type Answer = { kind: "as-asked" } | { kind: "approval"; scopes: Scopes; selection: Selection; endsAt: number } | { kind: "refusal" };

/** The family answers the waiting request: an approval is the new version in force; a refusal keeps what held. */
export function answerRequest(db: DB, familyId: string, userId: string, consentId: string, answer: Answer, now = Date.now()): number | null {
  return writeTransaction(db, () => {
    const consent = getConsent(db, familyId, consentId);
    const request = consent ? openRequest(db, consentId) : null;
    if (!consent || !request || effectiveStatus(consent, now) === "revoked") return null;
    if (answer.kind !== "refusal") {
      // As asked: the parts and end asked for; the records the family chose stay chosen.
      const given = answer.kind === "as-asked" ? { scopes: request.scopes, selection: consent.selection, endsAt: Math.min(request.endsAt, latestEnd(now)) } : answer;
      return changeConsent(db, familyId, userId, consentId, { scopes: given.scopes, selection: given.selection, endsAt: given.endsAt, answers: request.version }, now);
    }
    const version = nextVersion(db, consentId);
    db.insert(consentVersions)
      .values({ consentId, version, scopes: consent.scopes, selection: consent.selection, endsAt: consent.endsAt, changedBy: userId, changedAt: now, kind: "refusal", answers: request.version })
      .run();
    return version;
  });
}

// ---------------------------------------------------------------------------
// Asking a family one has no access to yet: a link to hand over.

export type LinkAsk = Ask & { role: string };

/** A request link: the token exists only in this answer; only its hash is kept. */
export function createAccessRequest(db: DB, professionalUserId: string, ask: LinkAsk, now = Date.now()) {
  const token = generateToken();
  const id = newId();
  db.insert(accessRequests)
    .values({ id, tokenHash: hashToken(token), professionalUserId, role: ask.role, purpose: ask.note, scopes: ask.scopes, endsAt: ask.endsAt, createdAt: now, expiresAt: now + INVITATION_DAYS * DAY })
    .run();
  return { id, token };
}

export type AccessRequestState =
  | { state: "unknown" }
  | { state: "expired" | "answered"; request: typeof accessRequests.$inferSelect }
  | { state: "open"; request: typeof accessRequests.$inferSelect; professional: { name: string; organisation: string } };

export function inspectAccessRequest(db: DB, token: string, now = Date.now()): AccessRequestState {
  const request = db.select().from(accessRequests).where(eq(accessRequests.tokenHash, hashToken(token))).get();
  if (!request) return { state: "unknown" };
  if (request.answeredAt !== null) return { state: "answered", request };
  if (request.expiresAt <= now) return { state: "expired", request };
  const professional = db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, request.professionalUserId)).get();
  return professional ? { state: "open", request, professional: { name: professional.name, organisation: professional.organisation ?? "" } } : { state: "unknown" };
}

/**
 * A family admin answers a request link for one of their families. An approval
 * makes a consent that holds at once for that professional: version 1 is the ask as
 * the professional made it, version 2 what the family gave. A refusal is kept with
 * the request and makes nothing in the family.
 */
export function answerAccessRequest(db: DB, token: string, familyId: string, userId: string, answer: Answer, now = Date.now()): { consentId: string } | "declined" | null {
  return writeTransaction(db, () => {
    const found = inspectAccessRequest(db, token, now);
    if (found.state !== "open") return null;
    const { request, professional } = found;
    const claimed = and(eq(accessRequests.id, request.id), isNull(accessRequests.answeredAt));
    if (answer.kind === "refusal") {
      db.update(accessRequests).set({ answeredAt: now, answeredBy: userId, answer: "declined" }).where(claimed).run();
      return "declined";
    }
    const given = answer.kind === "as-asked" ? { scopes: request.scopes, selection: {}, endsAt: Math.min(request.endsAt, latestEnd(now)) } : answer;
    const consentId = newId();
    db.insert(consents)
      .values({
        id: consentId,
        familyId,
        professionalUserId: request.professionalUserId,
        name: professional.name,
        organisation: professional.organisation,
        role: request.role,
        purpose: request.purpose,
        email: "",
        scopes: given.scopes,
        selection: given.selection,
        endsAt: given.endsAt,
        version: 2,
        status: "active",
        createdBy: userId,
        createdAt: now,
        claimedAt: now,
      })
      .run();
    db.insert(consentVersions)
      .values([
        { consentId, version: 1, scopes: request.scopes, selection: {}, endsAt: request.endsAt, changedBy: request.professionalUserId, changedAt: request.createdAt, kind: "request", note: request.purpose },
        { consentId, version: 2, scopes: given.scopes, selection: given.selection, endsAt: given.endsAt, changedBy: userId, changedAt: now, kind: "approval", answers: 1 },
      ])
      .run();
    db.update(accessRequests).set({ answeredAt: now, answeredBy: userId, answer: "approved", consentId }).where(claimed).run();
    return { consentId };
  });
}

/** A professional's own request links, newest first, for their home page. */
export function listAccessRequests(db: DB, professionalUserId: string) {
  return db.select().from(accessRequests).where(eq(accessRequests.professionalUserId, professionalUserId)).orderBy(desc(accessRequests.createdAt)).all();
}
