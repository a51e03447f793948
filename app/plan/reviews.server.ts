import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { goals, reviewGoals, reviews } from "../../db/schema";
import type { REVIEW_NEXT } from "../../db/values";
import { newId } from "../../consent/tokens";
import { addMonths, daysUntil, today } from "../lib/dates";
import { parseForm, textValues, type FormResult } from "../lib/forms";
import { reviewSchema } from "./schemas";
import { setGoalStatus, type GoalStatus } from "./goals.server";
import { recordChange } from "./history.server";

// "Samen terugkijken" (ADR 017): every six months the family looks back on its goals
// together, often with the coach. Per goal: how it went in their own words, and
// what happens next. The outcome is also the goal's new status, in the same write,
// so the plan never says something else than the review the family just held.

export type ReviewNext = (typeof REVIEW_NEXT)[number];
export type ReviewOutcome = { goalId: string; howItWent: string; next: ReviewNext };
export type ReviewInput = { heldOn: string; present: string; note: string; nextOn: string; goals: ReviewOutcome[] };

/** How long after a review the next one is, unless the family chooses a day. */
export const REVIEW_MONTHS = 6;
/** From this many days before the next review the plan says it is time, and the admins get a mail. */
export const REVIEW_DUE_DAYS = 14;

// What each outcome does to the goal. "change" keeps working on it, in another way:
// the goal stays active and the review's page points to editing it.
const STATUS_AFTER: Record<ReviewNext, GoalStatus> = { reached: "reached", continue: "active", change: "active", stop: "stopped" };

/** The goals a review asks about: those the family is working on or has paused, in the family's order. */
export function reviewableGoals(db: DB, familyId: string) {
  return db
    .select({ id: goals.id, title: goals.title, status: goals.status })
    .from(goals)
    .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt), or(eq(goals.status, "active"), eq(goals.status, "paused"))))
    .orderBy(asc(goals.priority), asc(goals.createdAt))
    .all();
}

/**
 * The posted review, checked against the goals on the form. A day still to come, or a
 * next day that is not after it, is refused next to its field; what was typed comes back.
 */
export function parseReview(formData: FormData, goalIds: readonly string[], now = Date.now()): FormResult<ReviewInput> {
  const parsed = parseForm(formData, reviewSchema(goalIds));
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  // The day rules need both days. Each day that reads as a day is checked even when
  // another field failed, so the family sees every message at once.
  const typed = textValues(formData);
  const shape = reviewSchema([]).shape;
  const held = shape.heldOn.safeParse(typed.heldOn);
  const next = shape.nextOn.safeParse(typed.nextOn);
  const heldOn = held.success ? held.data : null;
  const nextOn = next.success ? next.data : null;
  if (heldOn && !errors.heldOn && heldOn > today(now)) errors.heldOn = "reviews:errors.futureDay";
  if (heldOn && nextOn && !errors.heldOn && !errors.nextOn && nextOn <= heldOn) errors.nextOn = "reviews:errors.nextNotAfter";
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, values: parsed.values };
  const data = parsed.data as Record<string, string>;
  return {
    ok: true,
    values: parsed.values,
    data: {
      heldOn: parsed.data.heldOn!,
      present: parsed.data.present,
      note: parsed.data.note,
      nextOn: parsed.data.nextOn ?? addMonths(parsed.data.heldOn!, REVIEW_MONTHS),
      goals: goalIds.map((goalId) => ({ goalId, howItWent: data[`howItWent-${goalId}`], next: data[`next-${goalId}`] as ReviewNext })),
    },
  };
}

/**
 * Keeps a review and applies each outcome to its goal. Call it inside one write
 * transaction (writeSection). Outcomes for goals that are not this family's, or are
 * gone, are left out.
 */
export function createReview(db: DB, familyId: string, userId: string, input: ReviewInput): string {
  const wanted = [...new Map(input.goals.map((outcome) => [outcome.goalId, outcome])).values()];
  const known = new Set(
    wanted.length
      ? db
          .select({ id: goals.id })
          .from(goals)
          .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt), inArray(goals.id, wanted.map((o) => o.goalId))))
          .all()
          .map((g) => g.id)
      : [],
  );
  const outcomes = wanted.filter((outcome) => known.has(outcome.goalId));
  const review = { id: newId(), familyId, heldOn: input.heldOn, present: input.present, note: input.note, nextOn: input.nextOn, createdBy: userId };
  db.insert(reviews).values(review).run();
  if (outcomes.length) db.insert(reviewGoals).values(outcomes.map((o) => ({ reviewId: review.id, ...o }))).run();
  recordChange(db, { familyId, entity: "review", entityId: review.id, action: "create", userId, after: { ...review, goals: outcomes } });
  // setGoalStatus keeps the goal's own history and its reachedAt, as a change on the goal's page would.
  for (const outcome of outcomes) setGoalStatus(db, familyId, userId, outcome.goalId, STATUS_AFTER[outcome.next]);
  return review.id;
}

const liveReview = (familyId: string) => and(eq(reviews.familyId, familyId), isNull(reviews.deletedAt));

/** The family's reviews, the newest day first, with how many goals each looked at and how many were reached. */
export function listReviews(db: DB, familyId: string) {
  const rows = db
    .select({ id: reviews.id, heldOn: reviews.heldOn, present: reviews.present, nextOn: reviews.nextOn, createdAt: reviews.createdAt })
    .from(reviews)
    .where(liveReview(familyId))
    .orderBy(desc(reviews.heldOn), desc(reviews.createdAt), desc(reviews.id))
    .all();
  const outcomes = rows.length
    ? db.select({ reviewId: reviewGoals.reviewId, next: reviewGoals.next }).from(reviewGoals).where(inArray(reviewGoals.reviewId, rows.map((r) => r.id))).all()
    : [];
  return rows.map((review) => {
    const mine = outcomes.filter((o) => o.reviewId === review.id);
    return { ...review, goalCount: mine.length, reachedCount: mine.filter((o) => o.next === "reached").length };
  });
}

/** One review with its goals (their titles as they are now), in the family's order; null when it is not this family's. */
export function getReview(db: DB, familyId: string, reviewId: string) {
  const review = db
    .select()
    .from(reviews)
    .where(and(liveReview(familyId), eq(reviews.id, reviewId)))
    .get();
  if (!review) return null;
  const outcomes = db
    .select({
      goalId: reviewGoals.goalId,
      howItWent: reviewGoals.howItWent,
      next: reviewGoals.next,
      title: goals.title,
      status: goals.status,
      goalDeletedAt: goals.deletedAt,
    })
    .from(reviewGoals)
    .innerJoin(goals, eq(goals.id, reviewGoals.goalId))
    .where(eq(reviewGoals.reviewId, review.id))
    .orderBy(asc(goals.priority), asc(goals.createdAt))
    .all();
  return {
    id: review.id,
    familyId: review.familyId,
    heldOn: review.heldOn,
    present: review.present,
    note: review.note,
    nextOn: review.nextOn,
    createdAt: review.createdAt,
    // A goal removed since still belongs to what was said then; it only has no page to go to.
    goals: outcomes.map(({ goalDeletedAt, ...outcome }) => ({ ...outcome, removed: goalDeletedAt !== null })),
  };
}

/** The family's last review (the latest day it was held), or null. */
export function lastReview(db: DB, familyId: string) {
  return (
    db
      .select({ id: reviews.id, heldOn: reviews.heldOn, nextOn: reviews.nextOn })
      .from(reviews)
      .where(liveReview(familyId))
      .orderBy(desc(reviews.heldOn), desc(reviews.createdAt), desc(reviews.id))
      .limit(1)
      .get() ?? null
  );
}

export type ReviewDue = "later" | "soon" | "overdue";

/** When the next review is due as seen on `day`: later, soon (within REVIEW_DUE_DAYS) or overdue. */
export function reviewDue(nextOn: string, now = Date.now()): ReviewDue {
  const days = daysUntil(nextOn, now);
  if (days < 0) return "overdue";
  return days <= REVIEW_DUE_DAYS ? "soon" : "later";
}

/** What the plan page says about reviews: the last one, when the next is, and whether it is time. */
export function reviewDates(db: DB, familyId: string, now = Date.now()) {
  const last = lastReview(db, familyId);
  if (!last) return { lastId: null, lastOn: null, nextOn: null, due: null };
  return { lastId: last.id, lastOn: last.heldOn, nextOn: last.nextOn, due: reviewDue(last.nextOn, now) };
}

export type ReviewDates = ReturnType<typeof reviewDates>;
