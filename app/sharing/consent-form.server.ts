import { z } from "zod";
import { latestEnd, DEFAULT_MONTHS, MAX_MONTHS, type Scopes } from "../../consent/grants";
import { SECTIONS } from "../../consent/sections";
import type { Selection } from "../../db/values";
import type { DB } from "../../db/client.server";
import { listGoals } from "../plan/goals.server";
import { listWhatIfs } from "../plan/whatifs.server";
import { listStrengths, strengthTitle } from "../plan/strengths.server";
import { listNetwork } from "../plan/network.server";
import { fieldErrors, formList, optionalText, text, formValues, textValues, type FieldErrors } from "../lib/forms";
import { addMonths, calendarDay, endOfDay, isCalendarDay, lastDay } from "../lib/dates";

// The consent form of "Wie mag meekijken?": who, why, which parts, until when.
// Errors are keys in the "access" namespace ("access:errors.noParts") or the shared
// "errors.*" keys.

export function defaultEndDay(now = Date.now()): string {
  return addMonths(calendarDay(now), DEFAULT_MONTHS);
}

export function maxEndDay(now = Date.now()): string {
  return addMonths(calendarDay(now), MAX_MONTHS);
}

/** "Verlengen" in one tap: to the usual end from today, never past the engine's limit. */
export function extendedEnd(now = Date.now()): number {
  return Math.min(endOfDay(defaultEndDay(now)), latestEnd(now));
}

export const LEVELS = ["none", "read", "write"] as const;

const level = z.enum(LEVELS, { error: "errors.choose" }).default("none");

const partsShape = Object.fromEntries(SECTIONS.map((section) => [section, level])) as Record<(typeof SECTIONS)[number], typeof level>;

const scopeSchema = z.object({
  ...partsShape,
  endsOn: z
    .string({ error: "errors.date" })
    .transform((value) => value.trim())
    .refine(isCalendarDay, "errors.date"),
});

const inviteSchema = scopeSchema.extend({
  name: text(120),
  organisation: optionalText(160),
  role: optionalText(160),
  purpose: text(1000),
  email: optionalText(254).refine((value) => value === "" || z.email().safeParse(value).success, "errors.email"),
});

// The role is asked only on a request link; an empty one is fine.
const askSchema = scopeSchema.extend({ note: text(1000), role: optionalText(160) });

export type AskForm = { scopes: Scopes; endsAt: number; note: string; role: string };

/**
 * A professional's ask for more: the parts and levels they ask for, until when, and
 * why in their own words; for a request link also who they are to the family.
 * Records are not picked here: the professional cannot see the ones not shared, so
 * the words say which, and the family picks.
 */
export function parseAskForm(formData: FormData, now = Date.now()): Parsed<AskForm> {
  const result = askSchema.safeParse(textValues(formData));
  const values = formValues(formData, result.error?.issues);
  const errors = fieldErrors(result.error?.issues ?? []);
  const { scopes, endsAt } = checkScopes(values, errors, now);
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { scopes, endsAt, note: result.data.note, role: result.data.role }, values };
}

export type ScopeForm = { scopes: Scopes; selection: Selection; endsAt: number };
export type InviteForm = ScopeForm & { name: string; organisation: string; role: string; purpose: string; email: string };

type Parsed<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Checks the parts and the end date. Errors from this module are keys in the
 * "access" namespace ("access:errors.noParts") or the shared "errors.*" keys.
 */
type Keep = { day: string; endsAt: number };

function checkScopes(values: Record<string, string>, errors: FieldErrors, now: number, keep?: Keep) {
  const scopes: Scopes = {};
  for (const section of SECTIONS) {
    const value = values[section] ?? "none";
    if (value === "read" || value === "write") scopes[section] = value;
  }
  if (Object.keys(scopes).length === 0 && !SECTIONS.some((s) => errors[s])) errors.parts = "access:errors.noParts";
  let endsAt = 0;
  const endsOn = (values.endsOn ?? "").trim();
  if (!errors.endsOn && isCalendarDay(endsOn)) {
    if (endsOn <= calendarDay(now)) errors.endsOn = "access:errors.endPast";
    // An end date the family did not touch stays exactly as it was.
    else if (keep && endsOn === keep.day) endsAt = keep.endsAt;
    else if (endsOn > maxEndDay(now)) errors.endsOn = "access:errors.endTooLate";
    // Never past the engine's own limit, whatever the calendar says.
    else endsAt = Math.min(endOfDay(endsOn), latestEnd(now));
  }
  return { scopes, endsAt };
}

/** The parts where the family can pick single records ("alleen deze"). */
export const PICKABLE = ["goals", "strengths", "whatifs", "network"] as const;
type Pickable = (typeof PICKABLE)[number];

/** What the family can choose from, as the consent form lists it. */
export function sharingChoices(db: DB, familyId: string) {
  return {
    goals: listGoals(db, familyId).map((goal) => ({
      id: goal.id,
      title: goal.title,
      lifeArea: goal.lifeArea,
      members: goal.members.map((member) => member.name),
    })),
    strengths: listStrengths(db, familyId).map((strength) => ({ id: strength.id, title: strengthTitle(strength) })),
    whatifs: listWhatIfs(db, familyId).map((whatIf) => ({ id: whatIf.id, title: whatIf.situation })),
    network: listNetwork(db, familyId).map((person) => ({ id: person.id, title: person.name })),
  };
}

export type SharingChoices = ReturnType<typeof sharingChoices>;

/**
 * "Alles" or "alleen deze" for each shared part. Only this family's records can
 * be picked; anything else in the form is left out. The picks go back into the
 * form's values (space-separated ids) so a refused form keeps them.
 */
function checkSelection(formData: FormData, values: Record<string, string>, scopes: Scopes, errors: FieldErrors, choices: SharingChoices): Selection {
  const selection: Selection = {};
  for (const section of PICKABLE) {
    const known = new Set(choices[section].map((record) => record.id));
    const picked = [...new Set(formList(formData, `${section}.pick`, 40, 5000))].filter((id) => known.has(id));
    values[`${section}.pick`] = picked.join(" ");
    if (!scopes[section] || values[`${section}.which`] !== "chosen") continue;
    if (picked.length === 0) errors[`${section}.which`] = "access:errors.nonePicked";
    selection[section as Pickable] = picked;
  }
  if (scopes.progress && values["progress.which"] === "goals") {
    selection.progress = { withoutGoal: values["progress.withoutGoal"] === "yes" };
  }
  return selection;
}

/** The form's values for a consent as it stands: levels, picks and end day. */
export function selectionValues(scopes: Scopes, selection: Selection): Record<string, string> {
  const values: Record<string, string> = Object.fromEntries(SECTIONS.map((section) => [section, scopes[section] ?? "none"]));
  for (const section of PICKABLE) {
    const picked = selection[section];
    values[`${section}.which`] = picked ? "chosen" : "all";
    values[`${section}.pick`] = (picked ?? []).join(" ");
  }
  values["progress.which"] = selection.progress ? "goals" : "all";
  if (selection.progress?.withoutGoal) values["progress.withoutGoal"] = "yes";
  return values;
}

/** The "change" form. `current` is the consent's end now, kept when the day is unchanged. */
export function parseScopeForm(formData: FormData, choices: SharingChoices, current?: { endsAt: number }, now = Date.now()): Parsed<ScopeForm> {
  const result = scopeSchema.safeParse(textValues(formData));
  const values = formValues(formData, result.error?.issues);
  const errors = fieldErrors(result.error?.issues ?? []);
  const keep = current ? { day: lastDay(current.endsAt), endsAt: current.endsAt } : undefined;
  const { scopes, endsAt } = checkScopes(values, errors, now, keep);
  const selection = checkSelection(formData, values, scopes, errors, choices);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { scopes, selection, endsAt }, values };
}

export function parseInviteForm(formData: FormData, choices: SharingChoices, now = Date.now()): Parsed<InviteForm> {
  const result = inviteSchema.safeParse(textValues(formData));
  const values = formValues(formData, result.error?.issues);
  const errors = fieldErrors(result.error?.issues ?? []);
  const { scopes, endsAt } = checkScopes(values, errors, now);
  const selection = checkSelection(formData, values, scopes, errors, choices);
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const { name, organisation, role, purpose, email } = result.data;
  return { ok: true, data: { name, organisation, role, purpose, email, scopes, selection, endsAt }, values };
}
