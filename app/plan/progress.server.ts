import { and, desc, eq, gte, isNotNull, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { formerMember, shownName, shownOrganisation } from "../auth/account-delete.server";
import { goals, progressNotes, users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";
import { addDays, calendarDay, startOfDay, today, weekOf } from "../lib/dates";

export type ProgressInput = { text: string; goalId: string | null; mood: number | null };

export type ListedNote = ReturnType<typeof selectNotes>[number];

function selectNotes(db: DB, familyId: string, goalId: string | undefined, limit: number | null) {
  const where = [eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt)];
  if (goalId) where.push(eq(progressNotes.goalId, goalId));
  const query = db
    .select({
      id: progressNotes.id,
      text: progressNotes.text,
      mood: progressNotes.mood,
      createdAt: progressNotes.createdAt,
      goalId: progressNotes.goalId,
      goalTitle: goals.title,
      authorName: shownName(),
      authorOrganisation: shownOrganisation(),
      authorFormer: formerMember(),
    })
    .from(progressNotes)
    .innerJoin(users, eq(users.id, progressNotes.authorUserId))
    .leftJoin(goals, eq(goals.id, progressNotes.goalId))
    .where(and(...where))
    .orderBy(desc(progressNotes.createdAt));
  return limit === null ? query.all() : query.limit(limit).all();
}

/**
 * The newest notes, at most `limit`. With `shows` only the notes it lets through
 * count, so a professional who may see some notes still gets the newest of those.
 */
export function listProgress(db: DB, familyId: string, options: { goalId?: string; limit?: number; shows?: (note: ListedNote) => boolean } = {}) {
  const limit = options.limit ?? 100;
  if (!options.shows) return selectNotes(db, familyId, options.goalId, limit);
  return selectNotes(db, familyId, options.goalId, null).filter(options.shows).slice(0, limit);
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

export const MOOD_WEEKS = 26;

/**
 * "Hoe gaat het" (1-5) per week over the last half year, oldest first: the average
 * of the notes that gave one, for the family or one goal. Weeks without a score are
 * left out, so the chart shows gaps as gaps rather than as a bad week.
 */
export function moodByWeek(db: DB, familyId: string, options: { goalId?: string; day?: string } = {}) {
  const day = options.day ?? today();
  const first = addDays(weekOf(day).monday, -7 * (MOOD_WEEKS - 1));
  const where = [eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt), isNotNull(progressNotes.mood), gte(progressNotes.createdAt, startOfDay(first))];
  if (options.goalId) where.push(eq(progressNotes.goalId, options.goalId));
  const rows = db.select({ mood: progressNotes.mood, createdAt: progressNotes.createdAt }).from(progressNotes).where(and(...where)).all();
  const weeks = new Map<string, { sum: number; count: number }>();
  for (const row of rows) {
    const monday = weekOf(calendarDay(row.createdAt)).monday;
    const week = weeks.get(monday) ?? { sum: 0, count: 0 };
    week.sum += row.mood!;
    week.count += 1;
    weeks.set(monday, week);
  }
  return {
    from: first,
    to: weekOf(day).monday,
    weeks: [...weeks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([monday, week]) => ({ monday, average: Math.round((week.sum / week.count) * 10) / 10, count: week.count })),
  };
}

export type MoodWeeks = ReturnType<typeof moodByWeek>;
