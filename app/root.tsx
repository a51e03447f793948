import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { LANGUAGE_NAMES, LANGUAGES, textDirection, type Language } from "./i18n";
import { loadPageTranslations } from "./i18n.client";
import { useNonce } from "./nonce";
import { bodyLimit, originGuard, session } from "./middleware.server";
import { currentUser } from "./auth/user.server";
import { usePageLanguage } from "./page-language";
import { useTranslation } from "./use-translation";
import { SiteMenu } from "./components/site-menu";
import stylesUrl from "./styles.css?url";

export const middleware: Route.MiddlewareFunction[] = [originGuard, bodyLimit, session];

// In the browser: before a page of the other side of the app opens (a family member
// who is also a professional), fetch the texts it needs.
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async ({ request }, next) => {
    await loadPageTranslations(new URL(request.url).pathname);
    return next();
  },
];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function loader({ context }: Route.LoaderArgs) {
  const user = currentUser({ context });
  return { user: user ? { name: user.name } : null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang = usePageLanguage();
  const nonce = useNonce();
  return (
    <html lang={lang} dir={textDirection(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {/* No nonce on links: style-src 'self' allows them, and the browser hides a
            nonce's value, so React would find the hydrated page differing. */}
        <Links nonce="" />
      </head>
      <body>
        <SiteHeader signedIn={Boolean(data?.user)} lang={lang} />
        <main id="main" className="page">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ signedIn, lang }: { signedIn: boolean; lang: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Link to="/" className="brand">
        {t("appName")}
      </Link>
      <SiteMenu label={t("nav.menu")}>
        {/* A full page load, so the browser fetches the new language's texts. */}
        <Form method="post" action="/language" className="language-switch" reloadDocument aria-label={t("nav.language")}>
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          {LANGUAGES.filter((l) => l !== lang).map((l) => (
            <button key={l} type="submit" name="lang" value={l} className="button-link" lang={l} dir={textDirection(l)}>
              {LANGUAGE_NAMES[l]}
            </button>
          ))}
        </Form>
        {signedIn ? (
          <Link to="/account" className="button-link">
            {t("nav.account")}
          </Link>
        ) : null}
        {signedIn ? (
          <Form method="post" action="/logout">
            <button type="submit" className="button-link">
              {t("nav.logout")}
            </button>
          </Form>
        ) : null}
      </SiteMenu>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

export function meta() {
  return [{ title: "Groeiplan" }];
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  let kind = "unknown";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) kind = "notFound";
    else if (error.status === 403) kind = "forbidden";
    else if (error.status === 429) kind = "tooMany";
    else if (error.status === 413 || error.status === 411) kind = "tooLarge";
    else if (error.status === 503) kind = "unavailable";
  }
  return (
    <section className="card">
      <h1>{t(`errors.page.${kind}.title`)}</h1>
      <p>{t(`errors.page.${kind}.text`)}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.page.home")}
        </Link>
      </p>
    </section>
  );
}
