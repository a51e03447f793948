import { z } from "zod";
import { GOAL_STATUSES, GOAL_TERMS, LIFE_AREAS } from "../../db/values";
import { choice, optionalText, text } from "../lib/forms";

// Validation of everything a family writes in the plan. Shared by the pages and
// the tests so both speak about the same rules.

export const goalSchema = z.object({
  title: text(300),
  lifeArea: choice(LIFE_AREAS),
  term: choice(GOAL_TERMS),
  memberIds: z.array(z.string().max(40)).max(50).default([]),
});

export const goalStatusSchema = z.object({ status: choice(GOAL_STATUSES) });

export const stepSchema = z.object({
  what: text(300),
  when: optionalText(100),
  who: z.string({ error: "errors.choose" }).min(1, "errors.choose").max(60, "errors.choose"),
});

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
