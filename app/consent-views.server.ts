import { and, asc, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import QRCode from "qrcode";
import { z } from "zod";
import type { DB } from "../db/client.server";
import { accessLog, consents, consentVersions, users } from "../db/schema";
import { latestEnd, DEFAULT_MONTHS, MAX_MONTHS, type Scopes } from "../consent/grants";
import { SECTIONS } from "../consent/sections";
import { fieldErrors, optionalText, text, formValues, textValues, type FieldErrors } from "./lib/forms";

// Server-side helpers for the family's consent pages ("Wie mag meekijken?") and the
// access log pages ("Wie keek mee?"): the consent form, calendar days in the
// family's time zone, and the log queries with their filters.

// ---------------------------------------------------------------------------
// Calendar days. Families are in the Netherlands (see app/lib/dates.ts), so "until
// 3 September" means until the end of that day in Amsterdam.

const TIME_ZONE = "Europe/Amsterdam";
const DAY = 24 * 60 * 60 * 1000;

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (YYYY-MM-DD) in Amsterdam at this moment. */
export function calendarDay(ms: number): string {
  return dayFormat.format(new Date(ms));
}

export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Adds calendar months; 31 August + 6 months is the last day of February. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget))).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Milliseconds Amsterdam is ahead of UTC at this moment. */
function zoneOffset(ms: number): number {
  const parts = Object.fromEntries(offsetFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The moment a calendar day starts in Amsterdam. */
export function startOfDay(day: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Clocks change at 02:00/03:00 local time, so the offset at UTC midnight is the one at local midnight.
  return utcMidnight - zoneOffset(utcMidnight);
}

/** The moment a calendar day ends (the start of the next one). */
export function endOfDay(day: string): number {
  return startOfDay(nextDay(day));
}

/** The last calendar day on which a consent ending at `endsAt` still gives access. */
export function lastDay(endsAt: number): string {
  return calendarDay(endsAt - 1);
}

export function defaultEndDay(now = Date.now()): string {
  return addMonths(calendarDay(now), DEFAULT_MONTHS);
}

export function maxEndDay(now = Date.now()): string {
  return addMonths(calendarDay(now), MAX_MONTHS);
}

// ---------------------------------------------------------------------------
// The consent form: who, why, which parts, until when.

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

export type ScopeForm = { scopes: Scopes; endsAt: number };
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

/** The "change" form. `current` is the consent's end now, kept when the day is unchanged. */
export function parseScopeForm(formData: FormData, current?: { endsAt: number }, now = Date.now()): Parsed<ScopeForm> {
  const result = scopeSchema.safeParse(textValues(formData));
  const values = formValues(formData, result.error?.issues);
  const errors = fieldErrors(result.error?.issues ?? []);
  const keep = current ? { day: lastDay(current.endsAt), endsAt: current.endsAt } : undefined;
  const { scopes, endsAt } = checkScopes(values, errors, now, keep);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { scopes, endsAt }, values };
}

export function parseInviteForm(formData: FormData, now = Date.now()): Parsed<InviteForm> {
  const result = inviteSchema.safeParse(textValues(formData));
  const values = formValues(formData, result.error?.issues);
  const errors = fieldErrors(result.error?.issues ?? []);
  const { scopes, endsAt } = checkScopes(values, errors, now);
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const { name, organisation, role, purpose, email } = result.data;
  return { ok: true, data: { name, organisation, role, purpose, email, scopes, endsAt }, values };
}

// ---------------------------------------------------------------------------
// Invitation link and QR code, made once right after the token exists.

export async function invitationView(request: Request, token: string) {
  const link = `${new URL(request.url).origin}/invite/${token}`;
  const svg = await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { link, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

// ---------------------------------------------------------------------------
// Consent details.

export function listConsentVersions(db: DB, consentId: string) {
  return db
    .select({
      version: consentVersions.version,
      scopes: consentVersions.scopes,
      endsAt: consentVersions.endsAt,
      changedAt: consentVersions.changedAt,
      changedByName: users.name,
    })
    .from(consentVersions)
    .innerJoin(users, eq(users.id, consentVersions.changedBy))
    .where(eq(consentVersions.consentId, consentId))
    .orderBy(desc(consentVersions.version))
    .all();
}

export function userName(db: DB, userId: string | null) {
  if (!userId) return null;
  return db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, userId)).get() ?? null;
}

// ---------------------------------------------------------------------------
// The access log, read by the family.

export const PAGE_SIZE = 200;

export type LogFilters = {
  consentId: string | null;
  from: string | null;
  to: string | null;
  /** Keyset cursor for "show older": entries strictly before (at, id). */
  before: { at: number; id: number } | null;
};

/** Reads the filters from the query string; a wrong date is ignored and reported. */
export function parseLogFilters(url: URL): { filters: LogFilters; values: Record<string, string>; errors: FieldErrors } {
  const get = (key: string) => (url.searchParams.get(key) ?? "").trim();
  const errors: FieldErrors = {};
  const day = (key: "from" | "to") => {
    const value = get(key);
    if (value === "") return null;
    if (isCalendarDay(value)) return value;
    errors[key] = "errors.date";
    return null;
  };
  const person = get("person");
  const before = get("before").match(/^(\d{1,15})-(\d{1,15})$/);
  const filters: LogFilters = {
    consentId: person && person.length <= 40 ? person : null,
    from: day("from"),
    to: day("to"),
    before: before ? { at: Number(before[1]), id: Number(before[2]) } : null,
  };
  return { filters, values: { person: filters.consentId ?? "", from: get("from"), to: get("to") }, errors };
}

/** The query string for the same filters (without the page cursor). */
export function filterQuery(filters: LogFilters): string {
  const params = new URLSearchParams();
  if (filters.consentId) params.set("person", filters.consentId);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params.toString();
}

/**
 * Log entries of one family, newest first, with who looked and under which consent.
 * Family and period are filtered in SQL on the (family_id, at) index; the order
 * (at, id) matches that index, so no sort step is needed.
 */
export function listLogEntries(db: DB, familyId: string, filters: LogFilters, limit?: number) {
  const where: (SQL | undefined)[] = [eq(accessLog.familyId, familyId)];
  if (filters.consentId) where.push(eq(accessLog.consentId, filters.consentId));
  if (filters.from) where.push(gte(accessLog.at, startOfDay(filters.from)));
  if (filters.to) where.push(lt(accessLog.at, endOfDay(filters.to)));
  if (filters.before) {
    where.push(lte(accessLog.at, filters.before.at));
    where.push(or(lt(accessLog.at, filters.before.at), lt(accessLog.id, filters.before.id)));
  }
  const query = db
    .select({
      id: accessLog.id,
      seq: accessLog.seq,
      at: accessLog.at,
      section: accessLog.section,
      action: accessLog.action,
      channel: accessLog.channel,
      recordIds: accessLog.recordIds,
      consentId: accessLog.consentId,
      consentVersion: accessLog.consentVersion,
      ip: accessLog.ip,
      actorName: users.name,
      actorOrganisation: users.organisation,
      consentName: consents.name,
      consentOrganisation: consents.organisation,
      consentRole: consents.role,
    })
    .from(accessLog)
    .innerJoin(users, eq(users.id, accessLog.actorUserId))
    .innerJoin(consents, eq(consents.id, accessLog.consentId))
    .where(and(...where))
    .orderBy(desc(accessLog.at), desc(accessLog.id));
  const rows = limit ? query.limit(limit).all() : query.all();
  return rows.map((row) => ({
    ...row,
    // The organisation as the family wrote it, else as the professional wrote it.
    organisation: row.consentOrganisation || row.actorOrganisation || "",
    recordIds: parseIds(row.recordIds),
  }));
}

export type LogEntry = ReturnType<typeof listLogEntries>[number];

function parseIds(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** The people a family can filter on: everyone they ever gave consent to. */
export function consentChoices(db: DB, familyId: string) {
  return db
    .select({ id: consents.id, name: consents.name, organisation: consents.organisation })
    .from(consents)
    .where(eq(consents.familyId, familyId))
    .orderBy(asc(consents.name), asc(consents.createdAt))
    .all();
}

// ---------------------------------------------------------------------------
// CSV

/**
 * One CSV cell: always quoted, quotes doubled, and a cell a spreadsheet would run
 * as a formula (= + - @, tab, carriage return) gets a leading single quote.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
