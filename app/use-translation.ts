import type { i18n as I18n, TFunction } from "i18next";
import { i18nFor } from "./i18n";
import { usePageLanguage } from "./page-language";

// Our own hook instead of react-i18next's: that one copies the whole i18next
// instance for every component on every server render, which cost a fifth of the
// time of a page with many small components ("Wie keek mee?", npm run bench). A
// page's language never changes while it is open (switching it loads the page
// again, root.tsx), and its texts are loaded before it renders (i18n.ts), so one
// fixed t per language and namespace serves every component.

const fixedTs = new WeakMap<I18n, Map<string, TFunction>>();

/** The page language's texts of one namespace (default "common"), and the i18next instance. */
export function useTranslation(ns = "common"): { t: TFunction; i18n: I18n } {
  const i18n = i18nFor(usePageLanguage());
  let byNamespace = fixedTs.get(i18n);
  if (!byNamespace) {
    byNamespace = new Map();
    fixedTs.set(i18n, byNamespace);
  }
  let t = byNamespace.get(ns);
  if (!t) {
    t = i18n.getFixedT(null, ns);
    byNamespace.set(ns, t);
  }
  return { t, i18n };
}
