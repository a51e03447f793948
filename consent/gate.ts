import { and, eq, isNull } from "drizzle-orm";
import type { DB } from "../db/client.server";
import { members } from "../db/schema";

// The one door to plan data. Routes never query plan tables for someone without
// first getting an Access here, and every read or write goes through
// readThroughGate / writeThroughGate so the check and the work share a transaction.

export const SECTIONS = ["goals", "whatifs", "progress", "network"] as const;
export type Section = (typeof SECTIONS)[number];
// "family" is the family's name and members: needed to make sense of any section.
export type GateSection = Section | "family";

export type MemberAccess = {
  kind: "member";
  userId: string;
  familyId: string;
  memberId: string;
  role: "admin" | "member";
};
export type Access = MemberAccess;

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

// Membership is checked again inside the transaction: a member removed a moment
// ago is refused on their very next request.
function assertStillAllowed(db: DB, access: Access) {
  if (!findMember(db, access.userId, access.familyId)) throw new NoAccess();
}

export function readThroughGate<T>(db: DB, access: Access, _section: GateSection, read: () => T): T {
  return db.transaction(() => {
    assertStillAllowed(db, access);
    return read();
  });
}

export function writeThroughGate<T>(db: DB, access: Access, _section: GateSection, write: () => T): T {
  return db.transaction(() => {
    assertStillAllowed(db, access);
    return write();
  });
}

export function requireAdmin(access: Access) {
  if (access.role !== "admin") throw new NoAccess();
}
