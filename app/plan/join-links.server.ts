import { z } from "zod";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { familyInvitations, families, members, users } from "../../db/schema";
import { MEMBER_ROLES } from "../../db/values";
import { memberAccess } from "../../consent/gate";
import { generateToken, hashToken, newId } from "../../consent/tokens";
import { choice } from "../lib/forms";
import { formerMember, shownName } from "../auth/account-delete.server";
import { recordChange } from "./history.server";
import { addMember, getMember, type MemberInput, type MemberRole } from "./members.server";

// Join links: one-time links with which another adult of the family (a father,
// an adult daughter) joins with their own account, taking a member's place. Not
// to be confused with a professional's invitation (consent/grants.ts), which
// gives someone outside the family a look at chosen parts.

const DAY = 24 * 60 * 60 * 1000;
export const JOIN_LINK_DAYS = 14;

export const joinLinkSchema = z.object({
  memberId: z.string().min(1, "errors.choose").max(40, "errors.choose"),
  role: choice(MEMBER_ROLES),
});

export type JoinLinkTarget = { memberId: string } | { newMember: MemberInput };

/**
 * A one-time link for an adult to join with their own account: for a member that
 * has no account yet, or for a new member made at the same time. Only admins.
 * The token is returned once; only its SHA-256 hash is stored.
 */
export function createJoinLink(
  db: DB,
  familyId: string,
  userId: string,
  target: JoinLinkTarget,
  role: MemberRole = "member",
  now = Date.now(),
): { token: string; invitationId: string; memberId: string; memberName: string; expiresAt: number } | { error: "notAdmin" | "notFound" | "hasAccount" } {
  if (memberAccess(db, userId, familyId)?.role !== "admin") return { error: "notAdmin" };
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
    expiresAt: now + JOIN_LINK_DAYS * DAY,
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
export function listOpenJoinLinks(db: DB, familyId: string, now = Date.now()) {
  return db
    .select({
      id: familyInvitations.id,
      memberId: familyInvitations.memberId,
      memberName: members.name,
      role: familyInvitations.role,
      createdAt: familyInvitations.createdAt,
      expiresAt: familyInvitations.expiresAt,
      createdByName: shownName(),
      createdByFormer: formerMember(),
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

export function revokeJoinLink(db: DB, familyId: string, userId: string, invitationId: string, now = Date.now()) {
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

export type JoinLinkState =
  | { state: "open"; invitationId: string; familyId: string; familyName: string; memberId: string; memberName: string; role: MemberRole }
  | { state: "claimed" | "expired" | "revoked" | "unknown" };

/**
 * What a join link is worth right now. The token is only ever looked up by its
 * hash, so no comparison of secrets can leak through timing.
 */
export function inspectJoinLink(db: DB, token: string, now = Date.now()): JoinLinkState {
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

/**
 * The signed-in user takes the member place the link was made for. Works once.
 * Runs before the user is a member, so no gate can check it: the invitation itself
 * is the permission.
 */
export function claimJoinLink(
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
    const found = inspectJoinLink(db, token, now);
    if (found.state !== "open") return found;
    if (memberAccess(db, userId, found.familyId)) return { state: "alreadyMember", familyId: found.familyId };
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
