import { setupServer } from "msw/node";
import { mailProvider, MOCK_MAIL_URL, type ProviderMail } from "../../app/mocks/mail-provider";

// The mail provider for the tests: the app's own stand-in (app/mocks/mail-provider.ts),
// recording what was "sent". Tests point MAIL_API_URL at it, start the server and read
// sentMails. Any other outbound request fails the test.

export const MAIL_API_URL = MOCK_MAIL_URL;

export type SentMail = { authorization: string | null; body: ProviderMail };

export const sentMails: SentMail[] = [];
let nextStatus = 200;

/** Makes the provider answer the next requests with this status (500: it is down). */
export function mailProviderAnswers(status: number) {
  nextStatus = status;
}

export const mailServer = setupServer(
  mailProvider((body, authorization) => {
    sentMails.push({ authorization, body });
    return nextStatus;
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
