import type { i18n } from "i18next";
import { bundle, createI18n, LANGUAGES, registerTranslations, type Language } from "./i18n";

// The server has every language at hand: all translations are bundled into it.
const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { eager: true, import: "default" });
for (const lang of LANGUAGES) {
  registerTranslations(lang, bundle(Object.fromEntries(Object.entries(files).filter(([file]) => file.includes(`/locales/${lang}/`)))));
}

// Texts never change while the server runs, so one instance per language serves
// every mail, file and test; pages make their own in the root layout.
const instances = new Map<Language, i18n>();

export function serverI18n(lang: Language): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    instances.set(lang, instance);
  }
  return instance;
}
