import { isLanguage, DEFAULT_LANGUAGE } from "./i18n";
import { serverI18n } from "./i18n.server";
import { INVITATION_DAYS } from "../consent/grants";

// Sends the invitation link by email through a mail provider's HTTP API, when one
// is configured:
//   MAIL_API_URL  the provider's "send" endpoint (POST, JSON body {from, to, subject, text})
//   MAIL_API_KEY  sent as "Authorization: Bearer <key>"
//   MAIL_FROM     the sender address
// Without configuration the family only gets the link on screen. Mailing never
// throws: the link is always shown, so a failed mail only means "pass it on yourself".
// MAIL_API_URL=mock (not in production) sends to a local MSW handler that prints
// the mail on the console, for trying the flow on a laptop.

export type MailResult = "sent" | "not-configured" | "failed";

const TIMEOUT_MS = 10_000;

type MailConfig = { url: string; key: string; from: string };

async function mailConfig(): Promise<MailConfig | null> {
  const url = process.env.MAIL_API_URL?.trim();
  if (!url) return null;
  if (url === "mock") {
    if (process.env.NODE_ENV === "production") return null;
    const { startDevMail, DEV_MAIL_URL } = await import("./mocks/dev-mail.server");
    await startDevMail();
    return { url: DEV_MAIL_URL, key: process.env.MAIL_API_KEY || "dev", from: process.env.MAIL_FROM || "groeiplan@localhost" };
  }
  const key = process.env.MAIL_API_KEY?.trim();
  const from = process.env.MAIL_FROM?.trim();
  if (!key || !from) return null;
  return { url, key, from };
}

export async function sendInvitationEmail(input: { to: string; link: string; familyName: string; lang: string }): Promise<MailResult> {
  let config: MailConfig | null;
  try {
    config = await mailConfig();
  } catch (error) {
    console.error("mail: could not set up", error);
    return "failed";
  }
  if (!config) return "not-configured";

  const i18n = serverI18n(isLanguage(input.lang) ? input.lang : DEFAULT_LANGUAGE);
  const t = i18n.getFixedT(null, "mail");
  const values = { family: input.familyName, link: input.link, days: INVITATION_DAYS };
  const body = {
    from: config.from,
    to: input.to,
    subject: t("invitation.subject", values),
    text: t("invitation.text", values),
  };
  try {
    const response = await fetch(config.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.key}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return "sent";
    // Never log the body: it holds the one-time link.
    console.error(`mail: provider answered ${response.status}`);
    return "failed";
  } catch (error) {
    console.error("mail: provider not reachable", error instanceof Error ? error.message : error);
    return "failed";
  }
}
