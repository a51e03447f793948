import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { members, strengths, users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { formerMember, shownName, shownOrganisation } from "../auth/account-delete.server";
import { recordChange } from "./history.server";
import type { StrengthInput } from "./schemas";

// "Wat gaat goed?" and "Waar zijn we trots op?": short lines in the family's own
// words, for the whole family or one member, kept beside the goals. None of these
// functions opens a transaction: the routes call them through the gate.

export function listStrengths(db: DB, familyId: string) {
  return db
    .select({
      id: strengths.id,
      kind: strengths.kind,
      memberId: strengths.memberId,
      memberName: members.name,
      text: strengths.text,
      createdAt: strengths.createdAt,
      authorName: shownName(),
      authorOrganisation: shownOrganisation(),
      authorFormer: formerMember(),
      // Someone outside the family (a professional with "mag ook schrijven") is named
      // with what they wrote, so nobody takes it for the family's own words.
      byFamily: sql<number>`exists (select 1 from ${members} m where m.family_id = ${strengths.familyId} and m.user_id = ${strengths.createdBy})`.mapWith(
        (value) => Boolean(value),
      ),
    })
    .from(strengths)
    .leftJoin(members, eq(members.id, strengths.memberId))
    .leftJoin(users, eq(users.id, strengths.createdBy))
    .where(and(eq(strengths.familyId, familyId), isNull(strengths.deletedAt)))
    // Two lines written in the same millisecond keep the order they were written in.
    .orderBy(asc(strengths.createdAt), sql`${strengths}.rowid`)
    .all();
}

export type ListedStrength = ReturnType<typeof listStrengths>[number];

/** A strength as the pages and the API show it: who wrote it only when it was not the family itself. */
export function strengthView({ id, kind, memberId, memberName, text, createdAt, byFamily, authorName, authorOrganisation, authorFormer }: ListedStrength) {
  return { id, kind, memberId, memberName, text, createdAt, author: byFamily ? null : { name: authorName, organisation: authorOrganisation, former: authorFormer } };
}

export type StrengthView = ReturnType<typeof strengthView>;

/** Every strength of the family, as its own pages show them. */
export function familyStrengths(db: DB, familyId: string) {
  return listStrengths(db, familyId).map(strengthView);
}

export function getStrength(db: DB, familyId: string, id: string) {
  return db
    .select()
    .from(strengths)
    .where(and(eq(strengths.id, id), eq(strengths.familyId, familyId), isNull(strengths.deletedAt)))
    .get();
}

/** A member of this family still in it; a strength kept for a member removed since may stay theirs. */
function memberAllowed(db: DB, familyId: string, memberId: string | null, keep: string | null = null) {
  if (memberId === null || memberId === keep) return true;
  return Boolean(
    db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.familyId, familyId), isNull(members.deletedAt)))
      .get(),
  );
}

export function createStrength(db: DB, familyId: string, userId: string, input: StrengthInput): { id: string } | { error: "memberId" } {
  if (!memberAllowed(db, familyId, input.memberId)) return { error: "memberId" };
  const row = { id: newId(), familyId, kind: input.kind, memberId: input.memberId, text: input.text, createdBy: userId };
  db.insert(strengths).values(row).run();
  recordChange(db, { familyId, entity: "strength", entityId: row.id, action: "create", userId, after: row });
  return { id: row.id };
}

/** False when the strength is not this family's (or was removed); an error for a member who is not. */
export function updateStrength(db: DB, familyId: string, userId: string, id: string, input: StrengthInput): boolean | { error: "memberId" } {
  const before = getStrength(db, familyId, id);
  if (!before) return false;
  if (!memberAllowed(db, familyId, input.memberId, before.memberId)) return { error: "memberId" };
  db.update(strengths).set(input).where(eq(strengths.id, id)).run();
  recordChange(db, { familyId, entity: "strength", entityId: id, action: "update", userId, before, after: { ...before, ...input } });
  return true;
}

export function deleteStrength(db: DB, familyId: string, userId: string, id: string) {
  const before = getStrength(db, familyId, id);
  if (!before) return false;
  db.update(strengths).set({ deletedAt: Date.now() }).where(eq(strengths.id, id)).run();
  recordChange(db, { familyId, entity: "strength", entityId: id, action: "delete", userId, before });
  return true;
}

/** How the consent form and "Wie keek mee?" name a strength: for whom, then the family's words. */
export function strengthTitle(strength: { memberName: string | null; text: string }) {
  return strength.memberName ? `${strength.memberName}: ${strength.text}` : strength.text;
}
