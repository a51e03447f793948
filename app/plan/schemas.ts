import { z } from "zod";
import { GOAL_STATUSES, GOAL_TERMS, LIFE_AREAS, LIVES_AT_HOME, MEMBER_ROLES, NETWORK_KINDS, REVIEW_NEXT, STRENGTH_KINDS } from "../../db/values";
import { choice, optionalDate, optionalText, phone, text } from "../lib/forms";

// Validation of everything a family writes in the plan. Shared by the pages and
// the tests so both speak about the same rules.

export const goalSchema = z.object({
  title: text(300),
  lifeArea: choice(LIFE_AREAS),
  term: choice(GOAL_TERMS),
  memberIds: z.array(z.string().max(40)).max(50).default([]),
});

export const goalStatusSchema = z.object({ status: choice(GOAL_STATUSES) });

export const stepFields = z.object({
  what: text(300),
  when: optionalText(100),
  who: z.string({ error: "errors.choose" }).min(1, "errors.choose").max(60, "errors.choose"),
  // A day, or from-to; both may stay empty.
  startsOn: optionalDate(),
  endsOn: optionalDate(),
});

/** A last day needs a first day, and comes after it. */
export function stepDaysRule(step: { startsOn: string | null; endsOn: string | null }, context: z.RefinementCtx) {
  if (step.endsOn && !step.startsOn) context.addIssue({ code: "custom", path: ["startsOn"], message: "errors.firstDayMissing" });
  else if (step.endsOn && step.startsOn && step.endsOn < step.startsOn) context.addIssue({ code: "custom", path: ["endsOn"], message: "errors.lastDayBeforeFirst" });
}

export const stepSchema = stepFields.superRefine(stepDaysRule);

export const progressSchema = z.object({
  text: text(1000),
  goalId: z
    .string()
    .max(40)
    .optional()
    .transform((value) => value || null),
  mood: z
    .string()
    .optional()
    .refine((value) => !value || ["1", "2", "3", "4", "5"].includes(value), "errors.choose")
    .transform((value) => (value ? Number(value) : null)),
});

// Old phones without a date picker send what was typed. Accept the way people in
// the Netherlands write a date (14-03-2026, 14/3/2026, 14.3.2026) and store it as
// 2026-03-14, so the example in the error message really works.
function fromDayMonthYear(value: unknown) {
  if (typeof value !== "string") return value;
  const match = value.trim().match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
  return match ? `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}` : value;
}

/** One wat-als agreement as stored and shown. */
export type WhatIfInput = {
  situation: string;
  earlySigns: string;
  actions: string;
  informs: string;
  phones: string;
  lastCheckedOn: string | null;
};

/** A stored agreement as it is shown: its words, not its bookkeeping. */
export type WhatIfView = WhatIfInput & { id: string };

export const whatIfSchema = z.object({
  situation: text(300),
  earlySigns: optionalText(1000),
  actions: optionalText(1000),
  informs: optionalText(1000),
  // Free text: families write several numbers with names ("Oma Ria 06 ...").
  phones: optionalText(300),
  lastCheckedOn: z.preprocess(fromDayMonthYear, optionalDate()),
});

export const networkSchema = z.object({
  name: text(100),
  kind: choice(NETWORK_KINDS),
  // Relation (informal) or role (professional), in the family's own words.
  relation: optionalText(100),
  organisation: optionalText(100),
  phone: phone(),
});

// "Wat gaat goed?" / "Waar zijn we trots op?": a short line, for the whole family
// ("" on the form) or one member. Whether the member is this family's is checked
// with the data (strengths.server.ts).
export const STRENGTH_WORDS_MAX = 300;

export const strengthSchema = z.object({
  kind: choice(STRENGTH_KINDS),
  memberId: z
    .string()
    .max(40, "errors.choose")
    .optional()
    .transform((value) => value || null),
  text: text(STRENGTH_WORDS_MAX),
});

export type StrengthInput = z.infer<typeof strengthSchema>;

export const memberSchema = z.object({
  name: text(100),
  relation: optionalText(100),
  livesAtHome: choice(LIVES_AT_HOME),
});

export const memberEditSchema = memberSchema.extend({
  // Only sent for members with an account; without one a role means nothing.
  role: choice(MEMBER_ROLES).optional(),
});

// ---------------------------------------------------------------------------
// "Samen terugkijken": the review's own fields, and per goal on the form how it went
// (`howItWent-<goalId>`) and what happens next (`next-<goalId>`). Field names carry the
// goal, so a message lands next to that goal's choice and what was typed comes back.

export const REVIEW_WORDS_MAX = { present: 300, note: 1000, howItWent: 1000 } as const;

const reviewDay = () => z.preprocess(fromDayMonthYear, optionalDate());

export function reviewSchema(goalIds: readonly string[]) {
  const perGoal: Record<string, z.ZodType> = {};
  for (const id of goalIds) {
    perGoal[`howItWent-${id}`] = optionalText(REVIEW_WORDS_MAX.howItWent);
    perGoal[`next-${id}`] = choice(REVIEW_NEXT);
  }
  return z.object({
    heldOn: reviewDay().refine((day) => day !== null, "errors.required"),
    present: optionalText(REVIEW_WORDS_MAX.present),
    note: optionalText(REVIEW_WORDS_MAX.note),
    // Empty: half a year after the day it was held (the page says so).
    nextOn: reviewDay(),
    ...perGoal,
  });
}

// The coach and the second coach: a consent's id, or "" for nobody. Whether the id is
// one of this family's open consents is checked with the data (team.server.ts).
const coachChoice = z
  .string()
  .max(40, "errors.choose")
  .transform((value) => value || null);
export const teamSchema = z.object({
  coach: coachChoice.default(""),
  second: coachChoice.default(""),
  teamPage: z.enum(["on", "off"], { error: "errors.choose" }),
});

// Coaching ends (ADR 021): to whom the coach role goes, and whether the old coach's
// access ends too; or waakvlam, with the monthly mail on or off. Which consents stay
// on waakvlam comes as a list ("keep"), checked against the family's own consents.
export const handOverSchema = z.object({
  to: z.string().min(1, "errors.choose").max(40, "errors.choose"),
  endOld: z.enum(["yes"]).optional(),
});
export const waakvlamSchema = z.object({
  checkinMail: z.enum(["yes"]).optional(),
});
