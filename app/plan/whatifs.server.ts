import { and, asc, count, desc, eq, gte, inArray, isNull, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DB } from "../../db/client.server";
import { whatIfs, whatIfUses } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { addMonths, calendarDay, today } from "../lib/dates";
import { optionalText, parseForm, type FormResult } from "../lib/forms";
import { recordChange } from "./history.server";
import { whatIfSchema, type WhatIfInput, type WhatIfView } from "./schemas";

export function whatIfView(w: typeof whatIfs.$inferSelect): WhatIfView {
  const { id, situation, earlySigns, actions, informs, phones, lastCheckedOn } = w;
  return { id, situation, earlySigns, actions, informs, phones, lastCheckedOn };
}

export function listWhatIfs(db: DB, familyId: string) {
  return db
    .select()
    .from(whatIfs)
    .where(and(eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt)))
    .orderBy(asc(whatIfs.createdAt))
    .all();
}

export function getWhatIf(db: DB, familyId: string, id: string) {
  return db
    .select()
    .from(whatIfs)
    .where(and(eq(whatIfs.id, id), eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt)))
    .get();
}

export function createWhatIf(db: DB, familyId: string, userId: string, input: WhatIfInput) {
  const row = { id: newId(), familyId, createdBy: userId, ...input };
  db.insert(whatIfs).values(row).run();
  recordChange(db, { familyId, entity: "whatif", entityId: row.id, action: "create", userId, after: row });
  return row.id;
}

export function updateWhatIf(db: DB, familyId: string, userId: string, id: string, input: WhatIfInput) {
  const before = getWhatIf(db, familyId, id);
  if (!before) return false;
  db.update(whatIfs).set(input).where(eq(whatIfs.id, id)).run();
  recordChange(db, { familyId, entity: "whatif", entityId: id, action: "update", userId, before, after: { ...before, ...input } });
  return true;
}

export function deleteWhatIf(db: DB, familyId: string, userId: string, id: string) {
  const before = getWhatIf(db, familyId, id);
  if (!before) return false;
  db.update(whatIfs).set({ deletedAt: Date.now() }).where(eq(whatIfs.id, id)).run();
  recordChange(db, { familyId, entity: "whatif", entityId: id, action: "delete", userId, before });
  return true;
}

/**
 * An agreement nobody went through for more than half a year (or ever, when it was
 * written more than half a year ago) may no longer fit the family: the page asks
 * gently for a look.
 */
export function needsLook(w: { lastCheckedOn: string | null; createdAt: number }, now = Date.now()): boolean {
  const since = w.lastCheckedOn ?? calendarDay(w.createdAt);
  return since < addMonths(today(now), -6);
}

// ---------------------------------------------------------------------------
// "We gebruikten deze afspraak": each use, its day and how it went in the family's
// own words. Over months the family sees hard moments come less often.

export const USE_WORDS_MAX = 300;
// The months a family sees its uses over: a year shows whether hard moments come less often.
export const USE_MONTHS = 12;


export type WhatIfUseInput = { usedOn: string; howItWent: string };
export type WhatIfUseCount = { count: number; lastUsedOn: string | null };
/** One calendar month ("2026-07") and how often the agreement was used in it. */
export type WhatIfUseMonth = { month: string; count: number };
export type WhatIfUseNote = { id: string; usedOn: string; howItWent: string };
/** What the family sees of its uses of one agreement; a professional sees only the count. */
export type WhatIfUses = WhatIfUseCount & { months: WhatIfUseMonth[]; notes: WhatIfUseNote[] };

const useSchema = z.object({
  // The same day rule as "samen nagelopen op": a date picker's 2026-03-14, or 14-3-2026 typed on an old phone.
  usedOn: whatIfSchema.shape.lastCheckedOn,
  howItWent: optionalText(USE_WORDS_MAX),
});

/** The posted use: empty day is today in the Netherlands; a day still to come is refused. */
export function parseWhatIfUse(formData: FormData, now = Date.now()): FormResult<WhatIfUseInput> {
  const parsed = parseForm(formData, useSchema);
  if (!parsed.ok) return parsed;
  const day = today(now);
  const usedOn = parsed.data.usedOn ?? day;
  if (usedOn > day) return { ok: false, errors: { usedOn: "whatifs:errors.futureDay" }, values: parsed.values };
  return { ok: true, data: { usedOn, howItWent: parsed.data.howItWent }, values: parsed.values };
}

/** Keeps one use of this family's agreement; null when the agreement is not theirs (or deleted). */
export function recordWhatIfUse(db: DB, familyId: string, userId: string, whatIfId: string, input: WhatIfUseInput): string | null {
  if (!getWhatIf(db, familyId, whatIfId)) return null;
  const row = { id: newId(), familyId, whatIfId, createdBy: userId, usedOn: input.usedOn, howItWent: input.howItWent };
  db.insert(whatIfUses).values(row).run();
  recordChange(db, { familyId, entity: "whatifuse", entityId: row.id, action: "create", userId, after: row });
  return row.id;
}

const liveUse = (familyId: string) => and(eq(whatIfUses.familyId, familyId), isNull(whatIfUses.deletedAt));

/** The uses of one agreement, newest day first; `withWords` keeps only those with a "hoe ging het?". */
export function listWhatIfUses(db: DB, familyId: string, whatIfId: string, options: { limit?: number; withWords?: boolean } = {}) {
  return db
    .select({ id: whatIfUses.id, usedOn: whatIfUses.usedOn, howItWent: whatIfUses.howItWent, createdBy: whatIfUses.createdBy, createdAt: whatIfUses.createdAt })
    .from(whatIfUses)
    .where(and(liveUse(familyId), eq(whatIfUses.whatIfId, whatIfId), options.withWords ? ne(whatIfUses.howItWent, "") : undefined))
    .orderBy(desc(whatIfUses.usedOn), desc(whatIfUses.createdAt), desc(whatIfUses.id))
    .limit(options.limit ?? 200)
    .all();
}

/**
 * How often each agreement was used and on which day last. Only counts and days:
 * this is all a professional sees, so the family's words are never read here.
 */
export function countWhatIfUses(db: DB, familyId: string, whatIfIds: string[]): Map<string, WhatIfUseCount> {
  const found = new Map<string, WhatIfUseCount>(whatIfIds.map((id) => [id, { count: 0, lastUsedOn: null }]));
  if (whatIfIds.length === 0) return found;
  const rows = db
    .select({ whatIfId: whatIfUses.whatIfId, count: count(), lastUsedOn: max(whatIfUses.usedOn) })
    .from(whatIfUses)
    .where(and(liveUse(familyId), inArray(whatIfUses.whatIfId, whatIfIds)))
    .groupBy(whatIfUses.whatIfId)
    .all();
  for (const row of rows) found.set(row.whatIfId, { count: row.count, lastUsedOn: row.lastUsedOn });
  return found;
}

/** The last USE_MONTHS calendar months up to this one, oldest first ("2026-01" … "2026-12"). */
export function lastMonths(now = Date.now(), months = USE_MONTHS): string[] {
  const thisMonth = `${today(now).slice(0, 7)}-01`;
  return Array.from({ length: months }, (_, i) => addMonths(thisMonth, i - months + 1).slice(0, 7));
}

/** Per agreement, the uses in each of the last USE_MONTHS months, oldest first; months without a use count 0. */
export function monthlyWhatIfUses(db: DB, familyId: string, whatIfIds: string[], now = Date.now()): Map<string, WhatIfUseMonth[]> {
  const months = lastMonths(now);
  const counts = new Map<string, number>();
  if (whatIfIds.length > 0) {
    const month = sql<string>`substr(${whatIfUses.usedOn}, 1, 7)`;
    const rows = db
      .select({ whatIfId: whatIfUses.whatIfId, month, count: count() })
      .from(whatIfUses)
      .where(and(liveUse(familyId), inArray(whatIfUses.whatIfId, whatIfIds), gte(whatIfUses.usedOn, `${months[0]}-01`)))
      .groupBy(whatIfUses.whatIfId, month)
      .all();
    for (const row of rows) counts.set(`${row.whatIfId} ${row.month}`, row.count);
  }
  return new Map(whatIfIds.map((id) => [id, months.map((m) => ({ month: m, count: counts.get(`${id} ${m}`) ?? 0 }))]));
}

// A few notes are enough to remember how it went; the count and the months tell the rest.
const NOTES_SHOWN = 3;

/** Everything the family's own page shows of the uses of these agreements. */
export function whatIfUsesOf(db: DB, familyId: string, whatIfIds: string[], now = Date.now()): Map<string, WhatIfUses> {
  const counts = countWhatIfUses(db, familyId, whatIfIds);
  const months = monthlyWhatIfUses(db, familyId, whatIfIds, now);
  return new Map(
    whatIfIds.map((id) => [
      id,
      {
        ...counts.get(id)!,
        months: months.get(id)!,
        notes: listWhatIfUses(db, familyId, id, { limit: NOTES_SHOWN, withWords: true }).map(({ id: useId, usedOn, howItWent }) => ({ id: useId, usedOn, howItWent })),
      },
    ]),
  );
}
