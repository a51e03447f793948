import { and, eq, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { consents, members } from "../db/schema";
import { appendLogEntry } from "./log";
import type { GateSection, Section } from "./sections";

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

/** What this reader may see and change of the plan, decided with the read itself. */
export type Grants = {
  sees: (section: Section) => boolean;
  writes: (section: Section) => boolean;
};

const EVERYTHING: Grants = { sees: () => true, writes: () => true };

type ActiveConsent = { id: string; version: number; scopes: Partial<Record<Section, "read" | "write">>; endsAt: number };

/**
 * This professional's consents for this family that hold right now, read fresh
 * from the database on every call: revocation and expiry count at once. An API
 * token speaks for its own consent only.
 */
function activeConsents(db: DB, access: ProfessionalAccess, now: number): ActiveConsent[] {
  return db
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
    .all()
    .filter((consent) => now < consent.endsAt);
}

function allows(consent: ActiveConsent, section: GateSection, action: "read" | "write") {
  if (section === "family") return false;
  const level = consent.scopes[section];
  return level === "write" || (action === "read" && level === "read");
}

function grantsOf(held: ActiveConsent[]): Grants {
  return {
    sees: (section) => held.some((consent) => allows(consent, section, "read")),
    writes: (section) => held.some((consent) => allows(consent, section, "write")),
  };
}

/** The consent that allows this professional this action on this section right now. */
export function activeConsentFor(db: DB, access: ProfessionalAccess, section: GateSection, action: "read" | "write", now = Date.now()) {
  return activeConsents(db, access, now).find((consent) => allows(consent, section, action)) ?? null;
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

/**
 * Runs `read` if this reader may read this section, and for a professional logs it,
 * all in one transaction. `read` gets the reader's grants at that very moment, so
 * what it shows from other parts (a network person's name next to a step) follows
 * the same consent as the read itself.
 */
export function readThroughGate<T>(db: DB, access: Access, section: GateSection, read: (grants: Grants) => T, options: LogOptions<T> = {}): T {
  if (access.kind === "member") {
    // A member's read writes nothing: one read transaction, no write lock.
    return db.transaction(() => {
      if (!findMember(db, access.userId, access.familyId)) throw new NoAccess();
      return read(EVERYTHING);
    });
  }
  // A professional's read writes its log entry, so it starts as a writer.
  return writeTransaction(db, () => {
    const now = Date.now();
    const held = activeConsents(db, access, now);
    const consent = held.find((c) => allows(c, section, "read"));
    if (!consent) throw new NoAccess();
    const value = read(grantsOf(held));
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
  return writeTransaction(db, () => {
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
