import { eq } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { LINK_LIFETIME, createEmailLink } from "../auth/email-links.server";
import { getMember } from "./members.server";
import { recordChange } from "./history.server";

// "Opnieuw inloggen" (ADR 014): a family admin makes a one-time link for a member
// who lost their way in (no mail, a new phone). The link only lets that member
// choose a new password; using it ends the member's other sessions. It is shown
// once, like a join link, and recorded in "Wie veranderde wat?". Call it through
// writeSection, so the link and its history row are one transaction.

export type ReloginLink = { token: string; memberName: string; expiresAt: number };

export function createReloginLink(db: DB, familyId: string, adminUserId: string, memberId: string, now = Date.now()): ReloginLink | { error: "notFound" | "self" } {
  const member = getMember(db, familyId, memberId);
  if (!member?.userId) return { error: "notFound" };
  // An admin who is signed in changes their own password in "Mijn account".
  if (member.userId === adminUserId) return { error: "self" };
  const user = db.select({ email: users.email }).from(users).where(eq(users.id, member.userId)).get();
  if (!user) return { error: "notFound" };
  const token = createEmailLink(db, { purpose: "relogin", email: user.email, userId: member.userId, payload: { familyId } }, now);
  const expiresAt = now + LINK_LIFETIME.relogin;
  recordChange(db, { familyId, entity: "relogin", entityId: member.id, action: "create", userId: adminUserId, after: { memberName: member.name, expiresAt } });
  return { token, memberName: member.name, expiresAt };
}
