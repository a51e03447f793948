import { z } from "zod";

// Zod messages are translation keys ("errors.required"); the page translates them,
// so the same validation serves Dutch and English.
export type FieldErrors = Record<string, string>;
export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    // Own keys only: a field named "constructor" or "__proto__" is just a field.
    if (typeof value === "string" && key !== "__proto__" && !Object.hasOwn(values, key)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  arrays: string[] = [],
): FormResult<z.infer<S>> {
  const input: Record<string, unknown> = formValues(formData);
  for (const key of arrays) input[key] = formData.getAll(key).filter((v) => typeof v === "string");
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, values: formValues(formData) };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return { ok: false, errors, values: formValues(formData) };
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
    .refine((value) => value === "" || isCalendarDate(value), "errors.date")
    .transform((value) => (value === "" ? null : value));
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function phone() {
  return optionalText(40).refine((value) => value === "" || /^[+0-9 ()\-]{6,40}$/.test(value), "errors.phone");
}
