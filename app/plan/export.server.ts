import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import {
  accessLog,
  changes,
  consents,
  consentVersions,
  families,
  goalMembers,
  goals,
  members,
  networkPeople,
  progressNotes,
  reviewGoals,
  reviews,
  steps,
  strengths,
  users,
  whatIfs, whatIfUses } from "../../db/schema";

// "Download alles" (GDPR articles 15 and 20): the family's whole plan as one JSON
// file in a documented, versioned format (docs/export.schema.json, ADR 015), and a
// member's own writing. The printable page renders the same object, so the file
// and the paper never say different things. The file route adds the log's signed
// receipt (app/sharing), which this room does not reach.

export const EXPORT_FORMAT = "groeiplan-export";
export const EXPORT_VERSION = 1;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function people(db: DB, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, organisation: users.organisation })
    .from(users)
    .where(inArray(users.id, wanted))
    .orderBy(asc(users.name), asc(users.id))
    .all()
    .map((person) => ({ ...person, organisation: person.organisation ?? "" }));
}

function familyOf(db: DB, familyId: string) {
  const family = db.select().from(families).where(eq(families.id, familyId)).get()!;
  return {
    id: family.id,
    name: family.name,
    createdAt: iso(family.createdAt)!,
    coachConsentId: family.coachConsentId,
    secondCoachConsentId: family.secondCoachConsentId,
    teamPage: family.teamPage,
    waakvlamAt: iso(family.waakvlamAt),
    lastCoachConsentId: family.lastCoachConsentId,
    checkinMail: family.checkinMail,
  };
}

function memberRows(db: DB, familyId: string) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.familyId, familyId), isNull(members.deletedAt)))
    .orderBy(asc(members.createdAt), asc(members.id))
    .all()
    .map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      livesAtHome: m.livesAtHome,
      role: m.role,
      userId: m.userId,
      createdAt: iso(m.createdAt)!,
    }));
}

function goalRows(db: DB, familyId: string, byUserId?: string) {
  const rows = db
    .select()
    .from(goals)
    .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt), byUserId ? eq(goals.createdBy, byUserId) : undefined))
    .orderBy(asc(goals.priority), asc(goals.id))
    .all();
  const links = rows.length
    ? db.select().from(goalMembers).where(inArray(goalMembers.goalId, rows.map((g) => g.id))).all()
    : [];
  return rows.map((g) => ({
    id: g.id,
    title: g.title,
    lifeArea: g.lifeArea,
    term: g.term,
    priority: g.priority,
    status: g.status,
    // No members means the goal is for the whole family.
    forMembers: links.filter((link) => link.goalId === g.id).map((link) => link.memberId).sort(),
    reachedAt: iso(g.reachedAt),
    createdBy: g.createdBy,
    createdAt: iso(g.createdAt)!,
  }));
}

function stepRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(steps)
    .innerJoin(goals, eq(goals.id, steps.goalId))
    // A removed goal takes its steps with it, as on the plan page.
    .where(and(eq(steps.familyId, familyId), isNull(steps.deletedAt), isNull(goals.deletedAt), byUserId ? eq(steps.createdBy, byUserId) : undefined))
    .orderBy(asc(steps.goalId), asc(steps.createdAt), asc(steps.id))
    .all()
    .map(({ steps: s }) => ({
      id: s.id,
      goalId: s.goalId,
      what: s.what,
      who: { kind: s.whoKind, memberId: s.whoMemberId, networkPersonId: s.whoNetworkId, consentId: s.whoConsentId },
      when: s.when,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      doneAt: iso(s.doneAt),
      createdBy: s.createdBy,
      createdAt: iso(s.createdAt)!,
    }));
}

/** "Wat gaat goed?" and "Waar zijn we trots op?": `memberId` null is the whole family. */
function strengthRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(strengths)
    .where(and(eq(strengths.familyId, familyId), isNull(strengths.deletedAt), byUserId ? eq(strengths.createdBy, byUserId) : undefined))
    .orderBy(asc(strengths.createdAt), asc(strengths.id))
    .all()
    .map((s) => ({ id: s.id, kind: s.kind, memberId: s.memberId, text: s.text, createdBy: s.createdBy, createdAt: iso(s.createdAt)! }));
}

function whatIfRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(whatIfs)
    .where(and(eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt), byUserId ? eq(whatIfs.createdBy, byUserId) : undefined))
    .orderBy(asc(whatIfs.createdAt), asc(whatIfs.id))
    .all()
    .map((w) => ({
      id: w.id,
      situation: w.situation,
      earlySigns: w.earlySigns,
      actions: w.actions,
      informs: w.informs,
      phones: w.phones,
      lastCheckedOn: w.lastCheckedOn,
      createdBy: w.createdBy,
      createdAt: iso(w.createdAt)!,
    }));
}

function progressRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(progressNotes)
    .where(and(eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt), byUserId ? eq(progressNotes.authorUserId, byUserId) : undefined))
    .orderBy(asc(progressNotes.createdAt), asc(progressNotes.id))
    .all()
    .map((n) => ({ id: n.id, text: n.text, goalId: n.goalId, mood: n.mood, createdBy: n.authorUserId, createdAt: iso(n.createdAt)! }));
}

/** "Samen terugkijken": each review with, per goal, how it went and what came next. */
function whatIfUseRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(whatIfUses)
    .where(and(eq(whatIfUses.familyId, familyId), isNull(whatIfUses.deletedAt), byUserId ? eq(whatIfUses.createdBy, byUserId) : undefined))
    .orderBy(asc(whatIfUses.usedOn), asc(whatIfUses.createdAt), asc(whatIfUses.id))
    .all()
    .map((u) => ({ id: u.id, whatIfId: u.whatIfId, usedOn: u.usedOn, howItWent: u.howItWent, createdBy: u.createdBy, createdAt: iso(u.createdAt)! }));
}

function reviewRows(db: DB, familyId: string, byUserId?: string) {
  const rows = db
    .select()
    .from(reviews)
    .where(and(eq(reviews.familyId, familyId), isNull(reviews.deletedAt), byUserId ? eq(reviews.createdBy, byUserId) : undefined))
    .orderBy(asc(reviews.heldOn), asc(reviews.createdAt), asc(reviews.id))
    .all();
  const outcomes = rows.length
    ? db
        .select({ reviewId: reviewGoals.reviewId, goalId: reviewGoals.goalId, howItWent: reviewGoals.howItWent, next: reviewGoals.next })
        .from(reviewGoals)
        .where(inArray(reviewGoals.reviewId, rows.map((r) => r.id)))
        .orderBy(asc(reviewGoals.reviewId), asc(reviewGoals.goalId))
        .all()
    : [];
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.heldOn,
    present: r.present,
    // A goal removed since keeps its outcome here; `changes` still shows the goal as it was.
    goals: outcomes.filter((o) => o.reviewId === r.id).map(({ goalId, howItWent, next }) => ({ goalId, howItWent, next })),
    note: r.note,
    nextOn: r.nextOn,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt)!,
  }));
}

function networkRows(db: DB, familyId: string) {
  return db
    .select()
    .from(networkPeople)
    .where(and(eq(networkPeople.familyId, familyId), isNull(networkPeople.deletedAt)))
    .orderBy(asc(networkPeople.createdAt), asc(networkPeople.id))
    .all()
    .map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      relation: p.relation,
      organisation: p.organisation,
      phone: p.phone,
      createdAt: iso(p.createdAt)!,
    }));
}

function consentRows(db: DB, familyId: string) {
  const rows = db.select().from(consents).where(eq(consents.familyId, familyId)).orderBy(asc(consents.createdAt), asc(consents.id)).all();
  const versions = rows.length
    ? db
        .select()
        .from(consentVersions)
        .where(inArray(consentVersions.consentId, rows.map((c) => c.id)))
        .orderBy(asc(consentVersions.consentId), asc(consentVersions.version))
        .all()
    : [];
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    organisation: c.organisation,
    role: c.role,
    purpose: c.purpose,
    email: c.email,
    professionalUserId: c.professionalUserId,
    status: c.status,
    version: c.version,
    scopes: c.scopes,
    selection: c.selection,
    endsAt: iso(c.endsAt)!,
    createdBy: c.createdBy,
    createdAt: iso(c.createdAt)!,
    claimedAt: iso(c.claimedAt),
    revokedAt: iso(c.revokedAt),
    revokedBy: c.revokedBy,
    versions: versions
      .filter((v) => v.consentId === c.id)
      .map((v) => ({
        version: v.version,
        kind: v.kind,
        scopes: v.scopes,
        selection: v.selection,
        endsAt: iso(v.endsAt)!,
        note: v.note,
        answers: v.answers,
        changedBy: v.changedBy,
        changedAt: iso(v.changedAt)!,
      })),
  }));
}

function accessLogRows(db: DB, familyId: string) {
  return db
    .select()
    .from(accessLog)
    .where(eq(accessLog.familyId, familyId))
    .orderBy(asc(accessLog.seq))
    .all()
    .map((e) => ({
      seq: e.seq,
      at: iso(e.at)!,
      actorUserId: e.actorUserId,
      consentId: e.consentId,
      consentVersion: e.consentVersion,
      section: e.section,
      recordIds: JSON.parse(e.recordIds) as string[],
      action: e.action,
      channel: e.channel,
      ip: e.ip,
      userAgent: e.userAgent,
      prevHash: e.prevHash,
      hash: e.hash,
    }));
}

function changeRows(db: DB, familyId: string, byUserId?: string) {
  return db
    .select()
    .from(changes)
    .where(and(eq(changes.familyId, familyId), byUserId ? eq(changes.userId, byUserId) : undefined))
    .orderBy(asc(changes.id))
    .all()
    .map((c) => ({ id: c.id, at: iso(c.at)!, userId: c.userId, entity: c.entity, entityId: c.entityId, action: c.action, before: c.before, after: c.after }));
}

/** Everything of one family, for its admin. */
export function familyExport(db: DB, familyId: string, exportedBy: string, now = Date.now()) {
  const plan = {
    members: memberRows(db, familyId),
    goals: goalRows(db, familyId),
    steps: stepRows(db, familyId),
    strengths: strengthRows(db, familyId),
    whatIfs: whatIfRows(db, familyId),
    whatIfUses: whatIfUseRows(db, familyId),
    progress: progressRows(db, familyId),
    reviews: reviewRows(db, familyId),
    network: networkRows(db, familyId),
    consents: consentRows(db, familyId),
    accessLog: accessLogRows(db, familyId),
    changes: changeRows(db, familyId),
  };
  const mentioned = [
    exportedBy,
    ...plan.members.map((m) => m.userId),
    ...plan.goals.map((g) => g.createdBy),
    ...plan.steps.map((s) => s.createdBy),
    ...plan.strengths.map((s) => s.createdBy),
    ...plan.whatIfs.map((w) => w.createdBy),
    ...plan.whatIfUses.map((u) => u.createdBy),
    ...plan.progress.map((n) => n.createdBy),
    ...plan.reviews.map((r) => r.createdBy),
    ...plan.consents.flatMap((c) => [c.professionalUserId, c.createdBy, c.revokedBy, ...c.versions.map((v) => v.changedBy)]),
    ...plan.accessLog.map((e) => e.actorUserId),
    ...plan.changes.map((c) => c.userId),
  ];
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    kind: "family" as const,
    exportedAt: iso(now)!,
    exportedBy,
    family: familyOf(db, familyId),
    people: people(db, mentioned),
    ...plan,
  };
}

/** What one member wrote in this family, and their own account. */
export function memberExport(db: DB, familyId: string, userId: string, now = Date.now()) {
  const account = db.select({ name: users.name, email: users.email, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get()!;
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    kind: "member" as const,
    exportedAt: iso(now)!,
    exportedBy: userId,
    family: familyOf(db, familyId),
    account: { ...account, createdAt: iso(account.createdAt)! },
    people: people(db, [userId]),
    // All members, so "for whom" in their goals and steps points at a name.
    members: memberRows(db, familyId),
    goals: goalRows(db, familyId, userId),
    steps: stepRows(db, familyId, userId),
    strengths: strengthRows(db, familyId, userId),
    whatIfs: whatIfRows(db, familyId, userId),
    whatIfUses: whatIfUseRows(db, familyId, userId),
    progress: progressRows(db, familyId, userId),
    reviews: reviewRows(db, familyId, userId),
    changes: changeRows(db, familyId, userId),
  };
}

export type FamilyExport = ReturnType<typeof familyExport>;
export type MemberExport = ReturnType<typeof memberExport>;
export type PlanExport = FamilyExport | MemberExport;

export const EXPORT_CHOICES = ["family", "mine"] as const;

/**
 * Which download a member asked for: the whole family is for admins only (null for
 * anyone else, which the route turns into a 404); without a choice an admin gets
 * the family and anyone else what they wrote.
 */
export function exportFor(db: DB, familyId: string, access: { role: "admin" | "member"; userId: string }, what: string | null, now = Date.now()): PlanExport | null {
  const wanted = what === "family" || what === "mine" ? what : access.role === "admin" ? "family" : "mine";
  if (wanted === "family") return access.role === "admin" ? familyExport(db, familyId, access.userId, now) : null;
  return memberExport(db, familyId, access.userId, now);
}
