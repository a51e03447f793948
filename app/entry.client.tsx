import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { DEFAULT_LANGUAGE, isLanguage } from "./i18n";
import { loadPageTranslations } from "./i18n.client";
import { PageLanguageContext } from "./page-language";

// The page is already on screen (rendered on the server); first fetch the texts it
// needs in its language, then make it interactive.
loadPageTranslations(window.location.pathname).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <PageLanguageContext.Provider value={isLanguage(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LANGUAGE}>
          <HydratedRouter />
        </PageLanguageContext.Provider>
      </StrictMode>,
    );
  });
});
