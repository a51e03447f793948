// Families are in the Netherlands; a fixed time zone also keeps server and browser
// rendering the same text.
const TIME_ZONE = "Europe/Amsterdam";

const DATE_TIME: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE };
const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE };

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

function formatter(lang: string, style: "dateTime" | "date"): Intl.DateTimeFormat {
  const key = `${style}:${lang}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(dateLocale(lang), style === "date" ? DATE : DATE_TIME);
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(ms: number, lang: string): string {
  return formatter(lang, "dateTime").format(new Date(ms));
}

export function formatDate(value: number | string, lang: string): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return formatter(lang, "date").format(date);
}
