import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { type DB } from "../../db/client.server";
import { families, familyInvitations, members, users } from "../../db/schema";
import { LIVES_AT_HOME, MEMBER_ROLES } from "../../db/values";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";

// The people in a family. None of these functions opens a transaction: the routes
// call them through writeSection (the gate), so the change and its history row are
// one transaction. The links with which an adult joins are in join-links.server.ts.

export type LivesAtHome = (typeof LIVES_AT_HOME)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type MemberInput = { name: string; relation: string; livesAtHome: LivesAtHome };

export function getMember(db: DB, familyId: string, memberId: string) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.familyId, familyId), isNull(members.deletedAt)))
    .get();
}

/** Admins that can still act: they have an account and were not removed. */
function adminCount(db: DB, familyId: string) {
  return (
    db
      .select({ n: count() })
      .from(members)
      .where(and(eq(members.familyId, familyId), eq(members.role, "admin"), isNotNull(members.userId), isNull(members.deletedAt)))
      .get()?.n ?? 0
  );
}

function isLastAdmin(db: DB, member: { familyId: string; role: string; userId: string | null }) {
  return member.role === "admin" && member.userId !== null && adminCount(db, member.familyId) <= 1;
}

/** A person in the family without an account: a baby, a grandparent, "papa buiten beeld". */
export function addMember(db: DB, familyId: string, userId: string, input: MemberInput) {
  const member = {
    id: newId(),
    familyId,
    name: input.name,
    relation: input.relation,
    livesAtHome: input.livesAtHome,
    userId: null,
    role: "member" as const,
  };
  db.insert(members).values(member).run();
  recordChange(db, { familyId, entity: "member", entityId: member.id, action: "create", userId, after: member });
  return member.id;
}

export function updateMember(
  db: DB,
  familyId: string,
  userId: string,
  memberId: string,
  input: MemberInput & { role?: MemberRole },
): { ok: true } | { error: "notFound" | "lastAdmin" } {
  const before = getMember(db, familyId, memberId);
  if (!before) return { error: "notFound" };
  // A role only means something for someone who can sign in.
  const role = before.userId !== null && input.role ? input.role : before.role;
  if (role !== "admin" && isLastAdmin(db, before)) return { error: "lastAdmin" };
  const after = { name: input.name, relation: input.relation, livesAtHome: input.livesAtHome, role };
  db.update(members).set(after).where(eq(members.id, memberId)).run();
  recordChange(db, {
    familyId,
    entity: "member",
    entityId: memberId,
    action: "update",
    userId,
    before: { name: before.name, relation: before.relation, livesAtHome: before.livesAtHome, role: before.role },
    after,
  });
  return { ok: true };
}

/** Whether this member may be removed now; the last admin never. */
export function canRemoveMember(db: DB, familyId: string, memberId: string): "ok" | "notFound" | "lastAdmin" {
  const member = getMember(db, familyId, memberId);
  if (!member) return "notFound";
  return isLastAdmin(db, member) ? "lastAdmin" : "ok";
}

/**
 * Takes someone out of the family. The row stays (soft delete) so the history still
 * says who they were; with an account, their access ends on their next request.
 */
export function removeMember(
  db: DB,
  familyId: string,
  userId: string,
  memberId: string,
  now = Date.now(),
): { ok: true } | { error: "notFound" | "lastAdmin" } {
  const before = getMember(db, familyId, memberId);
  if (!before) return { error: "notFound" };
  if (isLastAdmin(db, before)) return { error: "lastAdmin" };
  db.update(members).set({ deletedAt: now }).where(eq(members.id, memberId)).run();
  // A link for someone who is no longer in the family must not work afterwards.
  db.update(familyInvitations)
    .set({ revokedAt: now })
    .where(and(eq(familyInvitations.memberId, memberId), isNull(familyInvitations.claimedAt), isNull(familyInvitations.revokedAt)))
    .run();
  recordChange(db, { familyId, entity: "member", entityId: memberId, action: "delete", userId, before });
  return { ok: true };
}

/** Admins with an account, who get the family's mails (the weekly summary, an end that is near). */
export function familyAdminsWithAccounts(db: DB, familyId?: string) {
  return db
    .select({ memberId: members.id, familyId: members.familyId, familyName: families.name, userId: users.id, email: users.email, language: users.language, name: members.name, weeklySummary: members.weeklySummary })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(members.role, "admin"), isNull(members.deletedAt), familyId ? eq(members.familyId, familyId) : undefined))
    .all();
}

/** An admin turns the weekly summary by mail on or off for themselves. */
export function setWeeklySummary(db: DB, memberId: string, on: boolean) {
  db.update(members).set({ weeklySummary: on }).where(eq(members.id, memberId)).run();
}
