import fs from "node:fs";
import { setupServer } from "msw/node";
import { mailProvider, MOCK_MAIL_URL } from "./mail-provider";

// MAIL_API_URL=mock: the mail provider's stand-in (mail-provider.ts) inside this
// process, for the demo, a laptop and the browser tests. It prints each mail, so the
// whole flow can be tried without an account anywhere; with MAIL_MOCK_OUTBOX set it
// also adds each mail as a line of JSON to that file, where a browser test reads the
// link. Every other request goes out untouched.

export const DEV_MAIL_URL = MOCK_MAIL_URL;

let started: Promise<void> | null = null;

export function startDevMail(): Promise<void> {
  started ??= Promise.resolve().then(() => {
    if (process.env.NODE_ENV === "production") console.warn("mail: MAIL_API_URL=mock: mails are printed here, not sent. Never use this for real families.");
    const outbox = process.env.MAIL_MOCK_OUTBOX;
    const server = setupServer(
      mailProvider((mail) => {
        console.log(`\n[dev mail] to: ${mail.to}\n[dev mail] subject: ${mail.subject}\n${mail.text}\n`);
        if (outbox) fs.appendFileSync(outbox, `${JSON.stringify(mail)}\n`);
      }),
    );
    server.listen({ onUnhandledRequest: "bypass" });
  });
  return started;
}
