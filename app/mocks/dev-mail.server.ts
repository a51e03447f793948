import fs from "node:fs";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

// MAIL_API_URL=mock: a stand-in for the mail provider, for the demo, a laptop and
// the browser tests. It catches the provider call inside this process and prints
// the mail, so the whole flow can be tried without an account anywhere; with
// MAIL_MOCK_OUTBOX set it also adds each mail as a line of JSON to that file, where
// a browser test reads the link. Every other request goes out untouched.

export const DEV_MAIL_URL = "https://mail.mock.groeiplan.invalid/send";

let started: Promise<void> | null = null;

export function startDevMail(): Promise<void> {
  started ??= Promise.resolve().then(() => {
    if (process.env.NODE_ENV === "production") console.warn("mail: MAIL_API_URL=mock: mails are printed here, not sent. Never use this for real families.");
    const outbox = process.env.MAIL_MOCK_OUTBOX;
    const server = setupServer(
      http.post(DEV_MAIL_URL, async ({ request }) => {
        const mail = (await request.json()) as { to?: string; subject?: string; text?: string };
        console.log(`\n[dev mail] to: ${mail.to}\n[dev mail] subject: ${mail.subject}\n${mail.text}\n`);
        if (outbox) fs.appendFileSync(outbox, `${JSON.stringify(mail)}\n`);
        return HttpResponse.json({ id: crypto.randomUUID() });
      }),
    );
    server.listen({ onUnhandledRequest: "bypass" });
  });
  return started;
}
