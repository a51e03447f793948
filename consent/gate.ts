import { and, eq, inArray, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../db/client.server";
import { consents, families, goals, members, networkPeople, progressNotes, steps, strengths, whatIfs } from "../db/schema";
import type { Selection } from "../db/values";
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

// A family being deleted (ADR 013) is closed to everyone, members included, from
// the moment an admin asked: only its undo, outside the gate, is left.
function findMember(db: DB, userId: string, familyId: string) {
  return db
    .select({ id: members.id, role: members.role })
    .from(members)
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(members.familyId, familyId), eq(members.userId, userId), isNull(members.deletedAt), isNull(families.deletingAt)))
    .get();
}

export function memberAccess(db: DB, userId: string, familyId: string): MemberAccess | null {
  const member = findMember(db, userId, familyId);
  if (!member) return null;
  return { kind: "member", userId, familyId, memberId: member.id, role: member.role };
}

/**
 * A record as the gate judges it: its id, and for a step or a note the goal it
 * belongs to. On the team page a record is a professional in the team (a consent,
 * `teamMember`) or a step, with the consent it is for (`forConsent`). A strength
 * carries who wrote it (`createdBy`).
 */
export type PlanRecord = { id: string; goalId?: string | null; forConsent?: string | null; teamMember?: boolean; createdBy?: string | null };

/** What this reader may see and change of the plan, decided with the read itself. */
export type Grants = {
  sees: (section: Section) => boolean;
  writes: (section: Section) => boolean;
  /**
   * Whether this record of the part may be shown: every record when the family
   * shared the part whole ("alles"), else only the ones it chose ("alleen deze").
   * A step goes with its goal; a note with the goal it is about.
   */
  shows: (section: Section | "team", record: PlanRecord) => boolean;
};

const EVERYTHING: Grants = { sees: () => true, writes: () => true, shows: () => true };

type ActiveConsent = { id: string; version: number; scopes: Partial<Record<Section, "read" | "write">>; selection: Selection; endsAt: number; teamPage: boolean };

/**
 * This professional's consents for this family that hold right now, read fresh
 * from the database on every call: revocation and expiry count at once. An API
 * token speaks for its own consent only.
 */
function activeConsents(db: DB, access: ProfessionalAccess, now: number): ActiveConsent[] {
  return db
    .select({ id: consents.id, version: consents.version, scopes: consents.scopes, selection: consents.selection, endsAt: consents.endsAt, teamPage: families.teamPage })
    .from(consents)
    // Deleting a family ends its consents at once; this holds even if one was missed.
    .innerJoin(families, and(eq(families.id, consents.familyId), isNull(families.deletingAt)))
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
  if (section === "team") return action === "read";
  const level = consent.scopes[section];
  return level === "write" || (action === "read" && level === "read");
}

/** Whether this one consent lets this record of the part be seen. */
export function consentShows(
  consent: { id?: string; scopes: Partial<Record<Section, "read" | "write">>; selection: Selection; teamPage?: boolean },
  section: Section | "team",
  record: PlanRecord,
): boolean {
  if (section === "team") {
    // Who else is involved, only while the family keeps its team page on. A step:
    // the professional's own (the family gave it to them), or of a goal they were given.
    if (record.teamMember) return consent.teamPage === true;
    return (record.forConsent != null && record.forConsent === consent.id) || consentShows(consent, "goals", { id: record.id, goalId: record.goalId });
  }
  if (!consent.scopes[section]) return false;
  const chosen = consent.selection;
  const goalShared = (goalId: string) => Boolean(consent.scopes.goals) && (!chosen.goals || chosen.goals.includes(goalId));
  if (section === "goals") return !chosen.goals || chosen.goals.includes(record.goalId ?? record.id);
  if (section === "progress") {
    if (!chosen.progress) return true;
    return record.goalId ? goalShared(record.goalId) : chosen.progress.withoutGoal;
  }
  const only = chosen[section];
  return !only || only.includes(record.id);
}

function grantsOf(held: ActiveConsent[]): Grants {
  return {
    sees: (section) => held.some((consent) => allows(consent, section, "read")),
    writes: (section) => held.some((consent) => allows(consent, section, "write")),
    shows: (section, record) => held.some((consent) => consentShows(consent, section, record)),
  };
}

/** The consent that allows this professional this action on this section right now. */
export function activeConsentFor(db: DB, access: ProfessionalAccess, section: GateSection, action: "read" | "write", now = Date.now()) {
  return activeConsents(db, access, now).find((consent) => allows(consent, section, action)) ?? null;
}

/**
 * The records behind the ids a read or write is about to log, with the goal each
 * step or note belongs to, read from the database itself: what the gate checks
 * does not depend on what the page's code says about its rows.
 */
function recordsOf(db: DB, familyId: string, section: Section | "team", ids: string[]): PlanRecord[] | null {
  if (ids.length === 0) return [];
  const found = new Map<string, PlanRecord>();
  const put = (rows: PlanRecord[]) => rows.forEach((row) => found.set(row.id, row));
  if (section === "goals") {
    put(db.select({ id: goals.id }).from(goals).where(and(eq(goals.familyId, familyId), inArray(goals.id, ids))).all());
    put(db.select({ id: steps.id, goalId: steps.goalId }).from(steps).where(and(eq(steps.familyId, familyId), inArray(steps.id, ids))).all());
  } else if (section === "progress") {
    put(db.select({ id: progressNotes.id, goalId: progressNotes.goalId }).from(progressNotes).where(and(eq(progressNotes.familyId, familyId), inArray(progressNotes.id, ids))).all());
  } else if (section === "team") {
    put(db.select({ id: consents.id }).from(consents).where(and(eq(consents.familyId, familyId), inArray(consents.id, ids))).all().map((row) => ({ ...row, teamMember: true })));
    put(db.select({ id: steps.id, goalId: steps.goalId, forConsent: steps.whoConsentId }).from(steps).where(and(eq(steps.familyId, familyId), inArray(steps.id, ids))).all());
  } else if (section === "strengths") {
    put(db.select({ id: strengths.id, createdBy: strengths.createdBy }).from(strengths).where(and(eq(strengths.familyId, familyId), inArray(strengths.id, ids))).all());
  } else if (section === "whatifs") {
    put(db.select({ id: whatIfs.id }).from(whatIfs).where(and(eq(whatIfs.familyId, familyId), inArray(whatIfs.id, ids))).all());
  } else {
    put(db.select({ id: networkPeople.id }).from(networkPeople).where(and(eq(networkPeople.familyId, familyId), inArray(networkPeople.id, ids))).all());
  }
  // An id that is not this family's record of this part cannot be allowed.
  return ids.every((id) => found.has(id)) ? ids.map((id) => found.get(id)!) : null;
}

/**
 * The gate's own check of what a professional's read or write touched: every
 * record must be one a held consent shows, and each is logged under the consent
 * that showed it. A page that forgot to leave out a record the family did not
 * share gets a refusal, not the record.
 */
function underConsents(db: DB, access: ProfessionalAccess, held: ActiveConsent[], section: GateSection, ids: string[], action: "read" | "write") {
  const allowed = held.filter((consent) => allows(consent, section, action));
  if (allowed.length === 0 || section === "family") throw new NoAccess();
  const byConsent = new Map<ActiveConsent, string[]>();
  if (ids.length === 0) byConsent.set(allowed[0], []);
  const records = recordsOf(db, access.familyId, section, ids);
  for (const record of records ?? []) {
    // A professional's own new note that is about no goal touches nothing of the family's.
    const ownNote = action === "write" && section === "progress" && !record.goalId;
    // Nor does a strength they write themselves, also when the family shares only chosen ones.
    const ownStrength = action === "write" && section === "strengths" && record.createdBy === access.userId;
    const consent = allowed.find((c) => ownNote || ownStrength || consentShows(c, section, record));
    if (!consent) return refuse(section);
    byConsent.set(consent, [...(byConsent.get(consent) ?? []), record.id]);
  }
  if (!records) return refuse(section);
  return byConsent;
}

function refuse(section: GateSection): never {
  console.error(`gate: a ${section} read or write touched records its consent does not share; refused`);
  throw new NoAccess();
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

// `quietWhenEmpty`: a read that showed no record leaves no entry. For a page that
// looks across families (a professional's own steps), where a family with nothing
// for them was not looked at.
type LogOptions<T> = { recordIds?: (value: T) => string[]; quietWhenEmpty?: boolean };

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
    if (!held.some((c) => allows(c, section, "read"))) throw new NoAccess();
    const value = read(grantsOf(held));
    const recordIds = (options.recordIds ?? defaultRecordIds)(value);
    if (options.quietWhenEmpty && recordIds.length === 0) return value;
    for (const [consent, ids] of underConsents(db, access, held, section, recordIds, "read")) {
      logUnderConsent(db, access, consent, section, ids, "read", now);
    }
    return value;
  });
}

export function writeThroughGate<T>(
  db: DB,
  access: Access,
  section: GateSection,
  write: (grants: Grants) => T,
  options: LogOptions<T> & { action?: "create" | "update" } = {},
): T {
  return writeTransaction(db, () => {
    if (access.kind === "member") {
      if (!findMember(db, access.userId, access.familyId)) throw new NoAccess();
      return write(EVERYTHING);
    }
    const now = Date.now();
    const held = activeConsents(db, access, now);
    if (!held.some((c) => allows(c, section, "write"))) throw new NoAccess();
    const value = write(grantsOf(held));
    const recordIds = (options.recordIds ?? defaultRecordIds)(value);
    // A write that changed nothing (refused by the plan code) leaves no entry.
    if (recordIds.length > 0) {
      for (const [consent, ids] of underConsents(db, access, held, section, recordIds, "write")) {
        logUnderConsent(db, access, consent, section, ids, options.action ?? "create", now);
      }
    }
    return value;
  });
}

export function requireAdmin(access: Access) {
  if (access.kind !== "member" || access.role !== "admin") throw new NoAccess();
}
