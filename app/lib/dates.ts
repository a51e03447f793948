// Families are in the Netherlands; a fixed time zone also keeps server and browser
// rendering the same text.
const TIME_ZONE = "Europe/Amsterdam";

const DATE_TIME: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE };
const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE };
const DAY_OF_WEEK: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", timeZone: TIME_ZONE };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE };
const MONTH: Intl.DateTimeFormatOptions = { month: "short", timeZone: TIME_ZONE };
const MONTH_LONG: Intl.DateTimeFormatOptions = { month: "long", timeZone: TIME_ZONE };
const MONTH_YEAR: Intl.DateTimeFormatOptions = { month: "long", year: "numeric", timeZone: TIME_ZONE };
const STYLES = { dateTime: DATE_TIME, date: DATE, dayOfWeek: DAY_OF_WEEK, time: TIME, month: MONTH, monthLong: MONTH_LONG, monthYear: MONTH_YEAR };

// The language of the page decides how a date reads; where the families live decides
// the rest: the day before the month and the 24-hour clock, as in the Netherlands
// ("di 3 maart om 14:02", "Tue 3 March at 14:02", not the American "March 3 at
// 02:02 PM"). Arabic keeps the digits of Dutch phones and letters (1, 2, 3), so a
// date matches the times and phone numbers the family types themselves.
const LOCALES: Record<string, string> = { nl: "nl-NL", en: "en-GB", ar: "ar-u-nu-latn" };

/** The locale Intl formats a page language with. */
export function dateLocale(lang: string): string {
  return LOCALES[lang] ?? lang;
}

// Building a formatter costs about a tenth of a millisecond; "Wie keek mee?" shows
// two hundred dates. One formatter per language and style is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${style}:${lang}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(dateLocale(lang), STYLES[style]);
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(ms: number, lang: string): string {
  return formatter(lang, "dateTime").format(new Date(ms));
}

/** A visit's time: "dinsdag 3 maart 14:02–14:09", or one time when it took a minute. */
export function formatTimeRange(start: number, end: number, lang: string): string {
  const day = formatter(lang, "dayOfWeek").format(new Date(start));
  const from = formatter(lang, "time").format(new Date(start));
  const to = formatter(lang, "time").format(new Date(end));
  return from === to ? `${day} ${from}` : `${day} ${from}–${to}`;
}

/** A month, short: "dec", for the labels of a chart. */
export function formatMonth(day: string, lang: string): string {
  return formatter(lang, "month").format(new Date(`${day}T12:00:00Z`));
}

/** A calendar month ("2026-07") in words: "juli", or "juli 2026". */
export function formatMonthName(month: string, lang: string, withYear = false): string {
  return formatter(lang, withYear ? "monthYear" : "monthLong").format(new Date(`${month}-15T12:00:00Z`));
}

/** A calendar day with its weekday: "dinsdag 8 december". */
export function formatDay(day: string, lang: string): string {
  return formatter(lang, "dayOfWeek").format(new Date(`${day}T12:00:00Z`));
}

export function formatDate(value: number | string, lang: string): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return formatter(lang, "date").format(date);
}

// ---------------------------------------------------------------------------
// Calendar days where the families live: "until 3 September" means until the end
// of that day in Amsterdam, whatever the server's own clock says.
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

/** Today's calendar day (YYYY-MM-DD) in the Netherlands. */
export function today(now = Date.now()): string {
  return calendarDay(now);
}

/** Calendar days from today to `day`: 0 on the day itself, 1 the day before. */
export function daysUntil(day: string, now = Date.now()): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today(now)}T00:00:00Z`)) / DAY);
}

/** The calendar day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The Monday and Sunday of the week `day` is in. */
export function weekOf(day: string): { monday: string; sunday: string } {
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(day, -weekday);
  return { monday, sunday: addDays(monday, 6) };
}
