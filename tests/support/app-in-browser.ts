import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "./server";
import { mockMailbox } from "./mailbox";
import { launchBrowser } from "./browser";

/**
 * The built app on a port of its own, with its stand-in mailbox, and one Chromium,
 * for one test file: started before its tests, stopped after. Read `server` and
 * `browser` inside the tests, once they are there.
 */
export function appInBrowser() {
  const mailbox = mockMailbox();
  const app = { mailbox, server: undefined as unknown as RunningServer, browser: undefined as unknown as Browser };
  beforeAll(async () => {
    [app.server, app.browser] = await Promise.all([startServer({ env: mailbox.env }), launchBrowser()]);
  });
  afterAll(async () => {
    await app.browser?.close();
    app.server?.stop();
    mailbox.remove();
  });
  return app;
}
