import { createContext, useContext } from "react";
import { DEFAULT_LANGUAGE, type Language } from "./i18n";

// The page's language, known before any loader runs: on the server from the request
// (entry.server.tsx), in the browser from the page the server sent (entry.client.tsx).
// So a page refused before its loaders ran (a post too large, a cross-site post) is
// in the reader's language too.
export const PageLanguageContext = createContext<Language>(DEFAULT_LANGUAGE);
export const usePageLanguage = () => useContext(PageLanguageContext);
