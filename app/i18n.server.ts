import type { i18n } from "i18next";
import { bundle, i18nFor, LANGUAGES, registerTranslations, type Language } from "./i18n";

// The server has every language at hand: all translations are bundled into it.
const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { eager: true, import: "default" });
for (const lang of LANGUAGES) {
  registerTranslations(lang, bundle(Object.fromEntries(Object.entries(files).filter(([file]) => file.includes(`/locales/${lang}/`)))));
}

/** The instance for a language; importing this module makes sure all are registered. */
export function serverI18n(lang: Language): i18n {
  return i18nFor(lang);
}
