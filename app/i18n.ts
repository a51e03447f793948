import i18next, { type i18n } from "i18next";

export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nl";
export const LANGUAGE_COOKIE = "gp_lang";

// All translations are bundled: they are small, and it keeps rendering synchronous
// on the server and in the browser.
const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", {
  eager: true,
  import: "default",
});

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(files)) {
  const [, lang, ns] = file.match(/locales\/([^/]+)\/([^/]+)\.json$/)!;
  (resources[lang] ??= {})[ns] = content;
}
export const NAMESPACES = Object.keys(resources[DEFAULT_LANGUAGE] ?? {});

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function textDirection(lang: string): "ltr" | "rtl" {
  return ["ar", "he", "fa", "ur"].includes(lang) ? "rtl" : "ltr";
}

export function createI18n(lang: Language): i18n {
  const instance = i18next.createInstance();
  instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    resources,
    ns: NAMESPACES,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function languageFromRequest(request: Request): Language {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-z]{2})`));
  return match && isLanguage(match[1]) ? match[1] : DEFAULT_LANGUAGE;
}
