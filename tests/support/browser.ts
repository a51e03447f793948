import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

// Debian's Chromium driven by playwright-core: no browser downloads work on these
// machines, so the tests use the system browser (CI installs it in .ci/run).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };
export const SCREENSHOTS = path.resolve("artifacts/screenshots");

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A phone-sized context in Dutch, as most families use the app. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    ...options,
  });
  if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
  else await context.addInitScript(watchReact);
  // Chromium on 2 shared cores is slow; a stuck page should fail the test, not hang it.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

const withoutJavaScript = new WeakSet<BrowserContext>();

type Watch = { commits: number; root?: { pendingLanes: number } };

/**
 * Runs in every page before the app's own scripts. React reports each commit, with
 * its root, to a DevTools hook; this keeps the root, so settled() can ask React
 * whether it still has work it has not drawn.
 */
function watchReact() {
  const seen: Watch = { commits: 0 };
  const w = window as unknown as Record<string, unknown>;
  w.__e2eWatch = seen;
  const noop = () => {};
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: noop,
    onScheduleFiberRoot: noop,
    onCommitFiberUnmount: noop,
    onPostCommitFiberRoot: noop,
    onCommitFiberRoot: (_renderer: number, root: { pendingLanes: number }) => {
      seen.commits += 1;
      seen.root = root;
    },
  };
}

/**
 * Waits until the page is the one the address bar names, drawn and working, as a
 * person would see it before the next tap. Two moments look ready and are not:
 * after a page load the server's HTML is on screen but React has not hydrated it
 * yet, and after a client-side navigation React Router has already put the new
 * address in the bar while React still shows the old page. A step taken then acts
 * on the page that is going away (typing into the sign-up form instead of the
 * family form) or changes a page React is about to hydrate (a screenshot hides the
 * inputs' caret with an inline style). Without JavaScript every page arrives whole.
 *
 * React Router hands each of its states to React in a transition, and React may
 * commit an older transition while a newer one still waits (a navigation that
 * redirects gives several states quickly). So "a commit happened after the last
 * router change" is not enough: that commit can still show the old page. The root's
 * pendingLanes is React's own answer to "is anything scheduled and not yet drawn?".
 */
export async function settled(page: Page): Promise<void> {
  if (withoutJavaScript.has(page.context())) return;
  const watched = await page.evaluate(() => "__e2eWatch" in window);
  if (!watched) throw new Error("settled() needs a page from a context made with newContext()");
  await page.waitForFunction(() => {
    const seen = (window as unknown as { __e2eWatch: Watch }).__e2eWatch;
    type State = { navigation: { state: string }; revalidation: string; fetchers: Map<string, { state: string }>; location: { pathname: string; search: string } };
    const router = (window as unknown as { __reactRouterDataRouter?: { state: State } }).__reactRouterDataRouter;
    if (!router || seen.commits === 0 || !seen.root) return false;
    const { navigation, revalidation, fetchers, location } = router.state;
    if (navigation.state !== "idle" || revalidation !== "idle" || [...fetchers.values()].some((f) => f.state !== "idle")) return false;
    if (location.pathname + location.search !== window.location.pathname + window.location.search) return false;
    return seen.root.pendingLanes === 0;
  });
}

/**
 * Lets a test see that reading aloud and printing really start: the page's
 * speechSynthesis.speak() and print() are replaced, before the app's scripts run,
 * by ones that note what was asked (nothing is spoken, no print dialog opens).
 */
export async function recordSpeechAndPrint(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const asked = { spoken: [] as { text: string; lang: string }[], printed: 0 };
    (window as unknown as { __asked: typeof asked }).__asked = asked;
    window.print = () => {
      asked.printed += 1;
    };
    // Noted, not spoken: a headless browser's speech may end or fail at any moment,
    // and the test must not depend on when.
    if ("speechSynthesis" in window) {
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        asked.spoken.push({ text: utterance.text, lang: utterance.lang });
      };
    }
  });
}

/** What the page asked to be read aloud and how often it asked to print (see recordSpeechAndPrint). */
export function askedOf(page: Page): Promise<{ spoken: { text: string; lang: string }[]; printed: number }> {
  return page.evaluate(() => (window as unknown as { __asked: { spoken: { text: string; lang: string }[]; printed: number } }).__asked);
}

/** Opens a page by its address, as typing it or following a bookmark would, and waits until it is ready. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settled(page);
}

/**
 * What went wrong in the page that a user would not see but would suffer from: an
 * uncaught error, a console error (a hydration mismatch, a CSP block of our own
 * script), or a response of 400 and up. Collected for an assert at the end.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on("pageerror", (error) => errors.push(`${where()} pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    // Reported below with its address, which the console message lacks.
    if (text.startsWith("Failed to load resource")) return;
    // React's note when the root error page replaces a page in the browser: the
    // layout's ScrollRestoration script is rendered again and (rightly) not run.
    if (text.startsWith("Encountered a script tag while rendering React component")) return;
    errors.push(`${where()} console: ${text.slice(0, 300)}`);
  });
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400) errors.push(`${response.status()} ${url.pathname}`);
  });
  return errors;
}

export type AxeProblem = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core on the current page and returns the serious and critical problems.
 * axe is evaluated over the DevTools protocol rather than added as a script tag:
 * the app's CSP (script-src with a per-request nonce) rightly blocks an inline tag,
 * and turning the CSP off for the test would hide real CSP breakage.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  await settled(page);
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** A phone and a desktop picture of the page as it is now, full length. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await settled(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? PHONE;
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(before);
}
