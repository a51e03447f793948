import { and, asc, eq, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { families, members } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";

/** Starts a family with the signed-in person as its first admin member. */
export function createFamily(
  db: DB,
  user: { id: string },
  input: { name: string; memberName: string; relation: string },
) {
  return writeTransaction(db, () => {
    const familyId = newId();
    db.insert(families).values({ id: familyId, name: input.name, createdBy: user.id }).run();
    const member = {
      id: newId(),
      familyId,
      name: input.memberName,
      relation: input.relation,
      livesAtHome: "yes" as const,
      userId: user.id,
      role: "admin" as const,
    };
    db.insert(members).values(member).run();
    recordChange(db, { familyId, entity: "family", entityId: familyId, action: "create", userId: user.id, after: { name: input.name } });
    recordChange(db, { familyId, entity: "member", entityId: member.id, action: "create", userId: user.id, after: member });
    return familyId;
  });
}

export function listFamiliesOfUser(db: DB, userId: string) {
  return db
    .select({ id: families.id, name: families.name, role: members.role })
    .from(members)
    .innerJoin(families, eq(families.id, members.familyId))
    .where(and(eq(members.userId, userId), isNull(members.deletedAt), isNull(families.deletingAt)))
    .orderBy(asc(families.name))
    .all();
}

export function getFamily(db: DB, familyId: string) {
  return db.select({ id: families.id, name: families.name }).from(families).where(eq(families.id, familyId)).get();
}

export function listMembers(db: DB, familyId: string) {
  return db
    .select({
      id: members.id,
      name: members.name,
      relation: members.relation,
      livesAtHome: members.livesAtHome,
      role: members.role,
      hasAccount: members.userId,
    })
    .from(members)
    .where(and(eq(members.familyId, familyId), isNull(members.deletedAt)))
    .orderBy(asc(members.createdAt))
    .all()
    .map((m) => ({ ...m, hasAccount: m.hasAccount !== null }));
}

/** What every page of a family shows around it: the family, its members, and the reader's role. */
export function familyFrame(db: DB, familyId: string, role: "admin" | "member") {
  return { family: getFamily(db, familyId)!, members: listMembers(db, familyId), role };
}

export type FamilyFrame = ReturnType<typeof familyFrame>;
