// Families are in the Netherlands; a fixed time zone also keeps server and browser
// rendering the same text.
const TIME_ZONE = "Europe/Amsterdam";

export function formatDateTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: "short",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  }).format(new Date(ms));
}

export function formatDate(value: number | string, lang: string): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(date);
}
