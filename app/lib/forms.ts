import { z } from "zod";
import { isCalendarDay } from "./dates";

// Zod messages are translation keys ("errors.required"); the page translates them,
// so the same validation serves Dutch and English.
export type FieldErrors = Record<string, string>;
export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

// Fields that are never sent back to the browser, whatever happens: a page that
// comes back with a message must not carry a password in its HTML or its route data.
const SECRET_FIELDS = new Set(["password", "current"]);

/** The first text value of every field, own keys only: a field named "constructor" or "__proto__" is just a field. */
export function textValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key !== "__proto__" && !Object.hasOwn(values, key)) values[key] = value;
  }
  return values;
}

// The longest text a family may write in one field is 1,000 characters.
const LONGEST_ECHO = 2 * 1000;

/**
 * What was typed, to put back in the form next to a message. Secrets are left out,
 * and so is a value more than twice its field's limit (from the issues), or longer
 * than any field may be: someone who typed a little too much gets it back to
 * shorten; a huge post is not sent back.
 */
export function formValues(formData: FormData, issues: readonly z.core.$ZodIssue[] = []): Record<string, string> {
  const values = textValues(formData);
  for (const key of SECRET_FIELDS) delete values[key];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (issue.code === "too_big" && Object.hasOwn(values, field) && [...values[field]].length > 2 * Number(issue.maximum)) delete values[field];
  }
  for (const [key, value] of Object.entries(values)) if (value.length > LONGEST_ECHO) delete values[key];
  return values;
}

/** The ticked boxes of a list field, to put back in the form: only values that can be ids. */
export function formList(formData: FormData, key: string, maxLength = 40, max = 50): string[] {
  return formData
    .getAll(key)
    .filter((value): value is string => typeof value === "string" && value.length <= maxLength)
    .slice(0, max);
}

export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  arrays: string[] = [],
): FormResult<z.infer<S>> {
  const input: Record<string, unknown> = textValues(formData);
  for (const key of arrays) input[key] = formData.getAll(key).filter((v) => typeof v === "string");
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, values: formValues(formData) };
  return { ok: false, errors: fieldErrors(result.error.issues), values: formValues(formData, result.error.issues) };
}

/** The first message per field, as a translation key. */
export function fieldErrors(issues: z.core.$ZodIssue[], errors: FieldErrors = {}): FieldErrors {
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return errors;
}

// Control characters other than newlines and tabs never belong in what a family writes.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Required text in the family's own words: trimmed, never otherwise changed. */
export function text(max: number) {
  return z
    .string({ error: "errors.required" })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .max(max, "errors.tooLong")
        .refine((value) => !CONTROL.test(value), "errors.invalidCharacters"),
    );
}

/** Optional text: empty becomes "". */
export function optionalText(max: number) {
  return z
    .string()
    .optional()
    .transform((value) => (value ?? "").trim())
    .pipe(
      z
        .string()
        .max(max, "errors.tooLong")
        .refine((value) => !CONTROL.test(value), "errors.invalidCharacters"),
    );
}

export function choice<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: "errors.choose" });
}

/** A calendar date as YYYY-MM-DD, or empty. */
export function optionalDate() {
  return z
    .string()
    .optional()
    .transform((value) => (value ?? "").trim())
    .refine((value) => value === "" || isCalendarDay(value), "errors.date")
    .transform((value) => (value === "" ? null : value));
}

export function phone() {
  return optionalText(40).refine((value) => value === "" || /^[+0-9 ()\-]{6,40}$/.test(value), "errors.phone");
}
