import { z } from "zod";
import { and, asc, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { familyInvitations, families, members, users } from "../../db/schema";
import { LIVES_AT_HOME, MEMBER_ROLES } from "../../db/values";
import { choice, optionalText, text } from "../lib/forms";
import { generateToken, hashToken, newId } from "../../consent/tokens";
import { recordChange } from "./history.server";

// The people in a family, and the one-time links that let another adult join with
// their own account. None of these functions opens a transaction: the routes call
// them through writeSection (the gate), so the change and its history row are one
// transaction. Claiming a link is the one exception, see claimInvitation.

const DAY = 24 * 60 * 60 * 1000;
export const MEMBER_INVITATION_DAYS = 14;

export type LivesAtHome = (typeof LIVES_AT_HOME)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type MemberInput = { name: string; relation: string; livesAtHome: LivesAtHome };

export const memberSchema = z.object({
  name: text(100),
  relation: optionalText(100),
  livesAtHome: choice(LIVES_AT_HOME),
});

export const memberEditSchema = memberSchema.extend({
  // Only sent for members with an account; without one a role means nothing.
  role: choice(MEMBER_ROLES).optional(),
});

export const inviteSchema = z.object({
  memberId: z.string().min(1, "errors.choose").max(40, "errors.choose"),
  role: choice(MEMBER_ROLES),
});

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

function isAdmin(db: DB, familyId: string, userId: string) {
  const row = db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.familyId, familyId), eq(members.userId, userId), isNull(members.deletedAt)))
    .get();
  return row?.role === "admin";
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

export type InvitationTarget = { memberId: string } | { newMember: MemberInput };

/**
 * A one-time link for an adult to join with their own account: for a member that
 * has no account yet, or for a new member made at the same time. Only admins.
 * The token is returned once; only its SHA-256 hash is stored.
 */
export function createMemberInvitation(
  db: DB,
  familyId: string,
  userId: string,
  target: InvitationTarget,
  role: MemberRole = "member",
  now = Date.now(),
): { token: string; invitationId: string; memberId: string; memberName: string; expiresAt: number } | { error: "notAdmin" | "notFound" | "hasAccount" } {
  if (!isAdmin(db, familyId, userId)) return { error: "notAdmin" };
  let member: { id: string; name: string };
  if ("memberId" in target) {
    const found = getMember(db, familyId, target.memberId);
    if (!found) return { error: "notFound" };
    if (found.userId !== null) return { error: "hasAccount" };
    member = found;
  } else {
    const id = addMember(db, familyId, userId, target.newMember);
    member = { id, name: target.newMember.name };
  }
  // One open link per member: a new link replaces a lost one.
  db.update(familyInvitations)
    .set({ revokedAt: now })
    .where(and(eq(familyInvitations.memberId, member.id), isNull(familyInvitations.claimedAt), isNull(familyInvitations.revokedAt)))
    .run();
  const token = generateToken();
  const invitation = {
    id: newId(),
    familyId,
    tokenHash: hashToken(token),
    memberId: member.id,
    role,
    createdBy: userId,
    expiresAt: now + MEMBER_INVITATION_DAYS * DAY,
  };
  db.insert(familyInvitations).values(invitation).run();
  recordChange(db, {
    familyId,
    entity: "invitation",
    entityId: invitation.id,
    action: "create",
    userId,
    after: { memberId: member.id, memberName: member.name, role, expiresAt: invitation.expiresAt },
  });
  return { token, invitationId: invitation.id, memberId: member.id, memberName: member.name, expiresAt: invitation.expiresAt };
}

/** Links not yet used, withdrawn or past their date. The links themselves are not stored. */
export function listOpenInvitations(db: DB, familyId: string, now = Date.now()) {
  return db
    .select({
      id: familyInvitations.id,
      memberId: familyInvitations.memberId,
      memberName: members.name,
      role: familyInvitations.role,
      createdAt: familyInvitations.createdAt,
      expiresAt: familyInvitations.expiresAt,
      createdByName: users.name,
    })
    .from(familyInvitations)
    .innerJoin(members, eq(members.id, familyInvitations.memberId))
    .innerJoin(users, eq(users.id, familyInvitations.createdBy))
    .where(
      and(
        eq(familyInvitations.familyId, familyId),
        isNull(familyInvitations.claimedAt),
        isNull(familyInvitations.revokedAt),
        gt(familyInvitations.expiresAt, now),
        isNull(members.deletedAt),
      ),
    )
    .orderBy(asc(familyInvitations.createdAt))
    .all();
}

export function revokeInvitation(db: DB, familyId: string, userId: string, invitationId: string, now = Date.now()) {
  const before = db
    .select()
    .from(familyInvitations)
    .where(and(eq(familyInvitations.id, invitationId), eq(familyInvitations.familyId, familyId)))
    .get();
  if (!before || before.claimedAt !== null || before.revokedAt !== null) return false;
  db.update(familyInvitations).set({ revokedAt: now }).where(eq(familyInvitations.id, invitationId)).run();
  recordChange(db, {
    familyId,
    entity: "invitation",
    entityId: invitationId,
    action: "delete",
    userId,
    before: { memberId: before.memberId, role: before.role, expiresAt: before.expiresAt },
  });
  return true;
}

export type MemberInvitationState =
  | { state: "open"; invitationId: string; familyId: string; familyName: string; memberId: string; memberName: string; role: MemberRole }
  | { state: "claimed" | "expired" | "revoked" | "unknown" };

/**
 * What a join link is worth right now. The token is only ever looked up by its
 * hash, so no comparison of secrets can leak through timing.
 */
export function inspectMemberInvitation(db: DB, token: string, now = Date.now()): MemberInvitationState {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return { state: "unknown" };
  const row = db
    .select({ invitation: familyInvitations, familyName: families.name, member: members })
    .from(familyInvitations)
    .innerJoin(families, eq(families.id, familyInvitations.familyId))
    .innerJoin(members, eq(members.id, familyInvitations.memberId))
    .where(eq(familyInvitations.tokenHash, hashToken(token)))
    .get();
  if (!row) return { state: "unknown" };
  if (row.invitation.claimedAt !== null) return { state: "claimed" };
  if (row.invitation.revokedAt !== null || row.member.deletedAt !== null) return { state: "revoked" };
  // Someone else already linked an account to this member in another way.
  if (row.member.userId !== null) return { state: "claimed" };
  if (now >= row.invitation.expiresAt) return { state: "expired" };
  return {
    state: "open",
    invitationId: row.invitation.id,
    familyId: row.invitation.familyId,
    familyName: row.familyName,
    memberId: row.member.id,
    memberName: row.member.name,
    role: row.invitation.role,
  };
}

/** Is this user already in this family (with an account that was not removed)? */
export function isMemberOf(db: DB, familyId: string, userId: string) {
  return Boolean(
    db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.familyId, familyId), eq(members.userId, userId), isNull(members.deletedAt)))
      .get(),
  );
}

/**
 * The signed-in user takes the member place the link was made for. Works once.
 * Runs before the user is a member, so no gate can check it: the invitation itself
 * is the permission.
 */
export function claimInvitation(
  db: DB,
  token: string,
  userId: string,
  now = Date.now(),
):
  | { state: "joined"; familyId: string; memberId: string }
  | { state: "alreadyMember"; familyId: string }
  | { state: "claimed" | "expired" | "revoked" | "unknown" } {
  // One transaction: the claim, the member and the history rows all happen, or none.
  return writeTransaction(db, () => {
    const found = inspectMemberInvitation(db, token, now);
    if (found.state !== "open") return found;
    if (isMemberOf(db, found.familyId, userId)) return { state: "alreadyMember", familyId: found.familyId };
    // Guarded updates: if anything changed since the look-up, nothing happens.
    const claimed = db
      .update(familyInvitations)
      .set({ claimedAt: now, claimedBy: userId })
      .where(and(eq(familyInvitations.id, found.invitationId), isNull(familyInvitations.claimedAt), isNull(familyInvitations.revokedAt)))
      .run();
    if (claimed.changes !== 1) return { state: "claimed" };
    const before = getMember(db, found.familyId, found.memberId)!;
    db.update(members)
      .set({ userId, role: found.role })
      .where(and(eq(members.id, found.memberId), isNull(members.userId), isNull(members.deletedAt)))
      .run();
    recordChange(db, {
      familyId: found.familyId,
      entity: "member",
      entityId: found.memberId,
      action: "update",
      userId,
      before: { userId: before.userId, role: before.role },
      after: { userId, role: found.role },
    });
    recordChange(db, {
      familyId: found.familyId,
      entity: "invitation",
      entityId: found.invitationId,
      action: "update",
      userId,
      before: { claimedAt: null },
      after: { claimedAt: now },
    });
    return { state: "joined", familyId: found.familyId, memberId: found.memberId };
  });
}
