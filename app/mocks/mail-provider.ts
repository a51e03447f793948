import { http, HttpResponse } from "msw";

// The mail provider's HTTP API as MSW plays it: one stand-in for the demo, a laptop
// and the tests. It takes a mail the way the provider does ({from, to, subject,
// text} with a Bearer key) and hands it to whoever runs it.

export const MOCK_MAIL_URL = "https://mail.mock.groeiplan.invalid/send";

export type ProviderMail = { from: string; to: string; subject: string; text: string };

/**
 * The handler. `deliver` gets each mail; it may return a status to answer with
 * (500: the provider is down), else the provider accepts it.
 */
export function mailProvider(deliver: (mail: ProviderMail, authorization: string | null) => number | void) {
  return http.post(MOCK_MAIL_URL, async ({ request }) => {
    const status = deliver((await request.json()) as ProviderMail, request.headers.get("Authorization")) ?? 200;
    if (status >= 400) return HttpResponse.json({ error: "provider error" }, { status });
    return HttpResponse.json({ id: crypto.randomUUID() }, { status });
  });
}
