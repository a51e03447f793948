import { DEFAULT_LANGUAGE, isLanguage, isProfessionalPath, registerTranslations, type Translations } from "./i18n";

// The browser loads only the language of the page, and only the texts for its side
// of the app, before it hydrates (entry.client.tsx) and before it opens a page on the
// other side (root.tsx's clientMiddleware): a family's phone never downloads the
// professional pages' texts, nor another language (ADR 006).
const chunks = import.meta.glob<{ default: Translations }>("./translations/*.ts");
const loadedChunks = new Set<string>();

/** The texts a page at `pathname` needs in the page's language, fetched once. */
export async function loadPageTranslations(pathname: string): Promise<void> {
  const pageLang = document.documentElement.lang;
  const lang = isLanguage(pageLang) ? pageLang : DEFAULT_LANGUAGE;
  const names = [`./translations/${lang}.ts`];
  if (isProfessionalPath(pathname)) names.push(`./translations/${lang}-care.ts`);
  for (const name of names) {
    if (loadedChunks.has(name) || !chunks[name]) continue;
    registerTranslations(lang, (await chunks[name]()).default);
    loadedChunks.add(name);
  }
}
