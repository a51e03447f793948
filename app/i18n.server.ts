import fs from "node:fs";
import path from "node:path";
import type { i18n } from "i18next";
import { i18nFor, LANGUAGES, registerTranslations, type Language } from "./i18n";

// The server has every language at hand: it reads locales/<lang>/*.json once, at
// start-up, from the folder it runs in (as server.js finds build/). Read from disk
// rather than bundled by Vite, so the command-line jobs that mail (npm run
// mail-jobs, run by tsx) have the same texts as the server.
const LOCALES = path.resolve("locales");
for (const lang of LANGUAGES) {
  const folder = path.join(LOCALES, lang);
  const texts = Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(".json"))
      .map((file) => [file.slice(0, -".json".length), JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Record<string, unknown>]),
  );
  registerTranslations(lang, texts);
}

/** The instance for a language; importing this module makes sure all are registered. */
export function serverI18n(lang: Language): i18n {
  return i18nFor(lang);
}
