import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

// The mail provider, as MSW sees it. Tests point MAIL_API_URL here, start the
// server, and read what was "sent". Any other outbound request fails the test.

export const MAIL_API_URL = "https://mail.test/send";

export type SentMail = { authorization: string | null; body: { from: string; to: string; subject: string; text: string } };

export const sentMails: SentMail[] = [];
let nextStatus = 200;

/** Makes the provider answer the next requests with this status (500: it is down). */
export function mailProviderAnswers(status: number) {
  nextStatus = status;
}

export const mailServer = setupServer(
  http.post(MAIL_API_URL, async ({ request }) => {
    sentMails.push({ authorization: request.headers.get("Authorization"), body: (await request.json()) as SentMail["body"] });
    if (nextStatus >= 400) return HttpResponse.json({ error: "provider error" }, { status: nextStatus });
    return HttpResponse.json({ id: `mail-${sentMails.length}` }, { status: nextStatus });
  }),
);

/** Configures the app to use the mocked provider. */
export function useMailProvider() {
  process.env.MAIL_API_URL = MAIL_API_URL;
  process.env.MAIL_API_KEY = "test-key";
  process.env.MAIL_FROM = "groeiplan@example.nl";
}

export function resetMail() {
  sentMails.length = 0;
  nextStatus = 200;
  delete process.env.MAIL_API_URL;
  delete process.env.MAIL_API_KEY;
  delete process.env.MAIL_FROM;
}
