import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

// Local development only (MAIL_API_URL=mock): a stand-in for the mail provider.
// It catches the provider call inside this process and prints the mail, so the
// whole "send by email" flow can be tried without an account anywhere.
// Every other request goes out untouched.

export const DEV_MAIL_URL = "https://mail.mock.groeiplan.invalid/send";

let started: Promise<void> | null = null;

export function startDevMail(): Promise<void> {
  started ??= Promise.resolve().then(() => {
    const server = setupServer(
      http.post(DEV_MAIL_URL, async ({ request }) => {
        const mail = (await request.json()) as { to?: string; subject?: string; text?: string };
        console.log(`\n[dev mail] to: ${mail.to}\n[dev mail] subject: ${mail.subject}\n${mail.text}\n`);
        return HttpResponse.json({ id: crypto.randomUUID() });
      }),
    );
    server.listen({ onUnhandledRequest: "bypass" });
  });
  return started;
}
