import { and, desc, eq, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { goals, progressNotes, users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";

export type ProgressInput = { text: string; goalId: string | null; mood: number | null };

export function listProgress(db: DB, familyId: string, options: { goalId?: string; limit?: number } = {}) {
  const where = [eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt)];
  if (options.goalId) where.push(eq(progressNotes.goalId, options.goalId));
  return db
    .select({
      id: progressNotes.id,
      text: progressNotes.text,
      mood: progressNotes.mood,
      createdAt: progressNotes.createdAt,
      goalId: progressNotes.goalId,
      goalTitle: goals.title,
      authorName: users.name,
      authorOrganisation: users.organisation,
    })
    .from(progressNotes)
    .innerJoin(users, eq(users.id, progressNotes.authorUserId))
    .leftJoin(goals, eq(goals.id, progressNotes.goalId))
    .where(and(...where))
    .orderBy(desc(progressNotes.createdAt))
    .limit(options.limit ?? 100)
    .all();
}

export function createProgressNote(db: DB, familyId: string, userId: string, input: ProgressInput) {
  if (input.goalId) {
    const goal = db
      .select({ id: goals.id })
      .from(goals)
      .where(and(eq(goals.id, input.goalId), eq(goals.familyId, familyId), isNull(goals.deletedAt)))
      .get();
    if (!goal) return { error: "goal" as const };
  }
  const note = { id: newId(), familyId, authorUserId: userId, text: input.text, goalId: input.goalId, mood: input.mood };
  db.insert(progressNotes).values(note).run();
  recordChange(db, { familyId, entity: "progress", entityId: note.id, action: "create", userId, after: note });
  return { id: note.id };
}

export function getProgressNote(db: DB, familyId: string, noteId: string) {
  return db
    .select()
    .from(progressNotes)
    .where(and(eq(progressNotes.id, noteId), eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt)))
    .get();
}

export function deleteProgressNote(db: DB, familyId: string, userId: string, noteId: string) {
  const before = getProgressNote(db, familyId, noteId);
  if (!before) return false;
  db.update(progressNotes).set({ deletedAt: Date.now() }).where(eq(progressNotes.id, noteId)).run();
  recordChange(db, { familyId, entity: "progress", entityId: noteId, action: "delete", userId, before });
  return true;
}
