import i18next, { type i18n } from "i18next";

export const LANGUAGES = ["nl", "en", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nl";
export const LANGUAGE_COOKIE = "gp_lang";

/** One language's texts: namespace → nested keys. */
export type Translations = Record<string, Record<string, unknown>>;

/** Each language by its own name: someone who cannot read the current page still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: "Nederlands", en: "English", ar: "العربية" };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function textDirection(lang: string): "ltr" | "rtl" {
  return ["ar", "he", "fa", "ur"].includes(lang) ? "rtl" : "ltr";
}

/** Turns one language's JSON files (from import.meta.glob) into namespaces. */
export function bundle(files: Record<string, Record<string, unknown>>): Translations {
  const translations: Translations = {};
  for (const [file, content] of Object.entries(files)) translations[file.match(/([^/]+)\.json$/)![1]] = content;
  return translations;
}

// The server registers every language at start-up (i18n.server.ts); the browser
// registers the texts of the page's language and side (i18n.client.ts). This module
// itself loads nothing, so the command-line jobs (run by tsx, not Vite) can use it.
const registered = new Map<string, Translations>();
const instances = new Map<Language, i18n>();

/** Namespaces only a professional's pages use: they come in a chunk of their own. */
export const PROFESSIONAL_NAMESPACES = ["care", "invite"];

/** Whether a page at this path is a professional's (the invitation claim and /care). */
export function isProfessionalPath(pathname: string): boolean {
  return /^\/(care|invite)(\/|$)/.test(pathname);
}

export function registerTranslations(lang: string, translations: Translations) {
  registered.set(lang, { ...registered.get(lang), ...translations });
  // An instance made earlier keeps its own copy of the texts.
  const instance = instances.get(lang as Language);
  if (instance) for (const [ns, texts] of Object.entries(translations)) instance.addResourceBundle(lang, ns, texts);
}

// On a right-to-left page, a Dutch name in an Arabic sentence ("Sanne (De Linde)")
// would take the sentence's direction and show its brackets the wrong way round.
// Unicode isolates (FSI … PDI) give every inserted value its own direction. Links
// stay bare: a mail app would take the invisible marks into the link.
const FSI = "\u2068";
const PDI = "\u2069";
const isolateValues = {
  type: "formatter" as const,
  init() {},
  add() {},
  addCached() {},
  format: (value: unknown, _format: string | undefined, _lng: string | undefined, options?: { interpolationkey?: string }) =>
    typeof value === "string" && value !== "" && options?.interpolationkey !== "link" ? `${FSI}${value}${PDI}` : value,
};

/**
 * An i18next instance for one language. Every language has every key
 * (tests/unit/locales.test.ts), so no fallback language is needed.
 */
function createI18n(lang: Language): i18n {
  const translations = registered.get(lang) ?? {};
  const instance = i18next.createInstance();
  const rtl = textDirection(lang) === "rtl";
  if (rtl) instance.use(isolateValues);
  instance.init({
    lng: lang,
    resources: { [lang]: translations },
    ns: Object.keys(translations),
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: rtl },
    returnNull: false,
  });
  return instance;
}

export function languageFromRequest(request: Request): Language {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-z]{2})`));
  return match && isLanguage(match[1]) ? match[1] : DEFAULT_LANGUAGE;
}

// Texts never change while the app runs, so one instance per language serves every
// page, mail and file; making one per page render cost about a tenth of the server's
// time per page (npm run bench). A language whose texts are not registered yet is
// not kept, so it cannot stay empty.
export function i18nFor(lang: Language): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    if (registered.has(lang)) instances.set(lang, instance);
  }
  return instance;
}
