import { and, eq, isNull } from "drizzle-orm";
import type { DB } from "../db/client.server";
import { consents, members } from "../db/schema";
import { appendLogEntry } from "./log";
import type { GateSection } from "./sections";

export { SECTIONS, type Section, type GateSection } from "./sections";

// The one door to plan data. Routes never query plan tables without first getting
// an Access here, and every read or write goes through readThroughGate /
// writeThroughGate, so the check, the work and (for professionals) the log entry
// share one SQLite transaction. If the log entry cannot be written, the read fails.

export type MemberAccess = {
  kind: "member";
  userId: string;
  familyId: string;
  memberId: string;
  role: "admin" | "member";
};

export type ProfessionalAccess = {
  kind: "professional";
  userId: string;
  familyId: string;
  channel: "web" | "api";
  ip: string;
  userAgent: string;
  // API tokens are tied to one consent; on the web any active consent of theirs counts.
  consentId?: string;
};

export type Access = MemberAccess | ProfessionalAccess;

/** Thrown when there is no access. Callers answer 404 and say nothing more. */
export class NoAccess extends Error {
  constructor() {
    super("no access");
  }
}

function findMember(db: DB, userId: string, familyId: string) {
  return db
    .select({ id: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.familyId, familyId), eq(members.userId, userId), isNull(members.deletedAt)))
    .get();
}

export function memberAccess(db: DB, userId: string, familyId: string): MemberAccess | null {
  const member = findMember(db, userId, familyId);
  if (!member) return null;
  return { kind: "member", userId, familyId, memberId: member.id, role: member.role };
}

/**
 * The consent that allows this professional this action on this section right now,
 * read fresh from the database on every call: revocation and expiry count at once.
 */
export function activeConsentFor(db: DB, access: ProfessionalAccess, section: GateSection, action: "read" | "write", now = Date.now()) {
  if (section === "family") return null;
  const candidates = db
    .select({ id: consents.id, version: consents.version, scopes: consents.scopes, endsAt: consents.endsAt })
    .from(consents)
    .where(
      and(
        eq(consents.familyId, access.familyId),
        eq(consents.professionalUserId, access.userId),
        eq(consents.status, "active"),
        access.consentId ? eq(consents.id, access.consentId) : undefined,
      ),
    )
    .all();
  return (
    candidates.find((consent) => {
      const level = consent.scopes[section];
      return now < consent.endsAt && (level === "write" || (action === "read" && level === "read"));
    }) ?? null
  );
}

function defaultRecordIds(value: unknown): string[] {
  const pick = (item: unknown) => (item && typeof item === "object" && "id" in item ? String((item as { id: unknown }).id) : null);
  if (Array.isArray(value)) return value.map(pick).filter((id): id is string => id !== null);
  const single = pick(value);
  return single ? [single] : [];
}

function logUnderConsent(
  db: DB,
  access: ProfessionalAccess,
  consent: { id: string; version: number },
  section: GateSection,
  recordIds: string[],
  action: "read" | "create" | "update",
  at: number,
) {
  appendLogEntry(db, {
    familyId: access.familyId,
    at,
    actorUserId: access.userId,
    consentId: consent.id,
    consentVersion: consent.version,
    section,
    recordIds,
    action,
    channel: access.channel,
    ip: access.ip,
    userAgent: access.userAgent,
  });
}

type LogOptions<T> = { recordIds?: (value: T) => string[] };

export function readThroughGate<T>(db: DB, access: Access, section: GateSection, read: () => T, options: LogOptions<T> = {}): T {
  return db.transaction(() => {
    if (access.kind === "member") {
      if (!findMember(db, access.userId, access.familyId)) throw new NoAccess();
      return read();
    }
    const now = Date.now();
    const consent = activeConsentFor(db, access, section, "read", now);
    if (!consent) throw new NoAccess();
    const value = read();
    logUnderConsent(db, access, consent, section, (options.recordIds ?? defaultRecordIds)(value), "read", now);
    return value;
  });
}

export function writeThroughGate<T>(
  db: DB,
  access: Access,
  section: GateSection,
  write: () => T,
  options: LogOptions<T> & { action?: "create" | "update" } = {},
): T {
  return db.transaction(() => {
    if (access.kind === "member") {
      if (!findMember(db, access.userId, access.familyId)) throw new NoAccess();
      return write();
    }
    const now = Date.now();
    const consent = activeConsentFor(db, access, section, "write", now);
    if (!consent) throw new NoAccess();
    const value = write();
    const recordIds = (options.recordIds ?? defaultRecordIds)(value);
    // A write that changed nothing (refused by the plan code) leaves no entry.
    if (recordIds.length > 0) logUnderConsent(db, access, consent, section, recordIds, options.action ?? "create", now);
    return value;
  });
}

export function requireAdmin(access: Access) {
  if (access.kind !== "member" || access.role !== "admin") throw new NoAccess();
}
