import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { DEFAULT_LANGUAGE, isLanguage, loadTranslations } from "./i18n";

// The page is already on screen (rendered on the server); first fetch the texts it
// needs in its language, then make it interactive.
const lang = document.documentElement.lang;

loadTranslations(isLanguage(lang) ? lang : DEFAULT_LANGUAGE, window.location.pathname).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
