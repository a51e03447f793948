import { isLanguage, DEFAULT_LANGUAGE } from "./i18n";
import { serverI18n } from "./i18n.server";
import { INVITATION_DAYS } from "../consent/grants";
import { formatDate } from "./lib/dates";
import type { WeekSummary } from "./sharing/visits.server";

// Sends mail (invitation links, sign-up links) through a mail provider's HTTP API,
// when one is configured:
//   MAIL_API_URL  the provider's "send" endpoint (POST, JSON body {from, to, subject, text})
//   MAIL_API_KEY  sent as "Authorization: Bearer <key>"
//   MAIL_FROM     the sender address
// Without configuration a family only gets an invitation link on screen, and
// nobody can sign up (ADR 008). Mailing never throws.
// MAIL_API_URL=mock sends to a local MSW handler that prints the mail on the
// console (and adds it to MAIL_MOCK_OUTBOX, a file, when that is set), for the demo,
// a laptop and the browser tests. It sends nothing: never use it for real families.

export type MailResult = "sent" | "not-configured" | "failed";

const TIMEOUT_MS = 10_000;

type MailConfig = { url: string; key: string; from: string };

async function mailConfig(): Promise<MailConfig | null> {
  const url = process.env.MAIL_API_URL?.trim();
  if (!url) return null;
  if (url === "mock") {
    const { startDevMail, DEV_MAIL_URL } = await import("./mocks/dev-mail.server");
    await startDevMail();
    return { url: DEV_MAIL_URL, key: process.env.MAIL_API_KEY || "dev", from: process.env.MAIL_FROM || "groeiplan@localhost" };
  }
  const key = process.env.MAIL_API_KEY?.trim();
  const from = process.env.MAIL_FROM?.trim();
  if (!key || !from) return null;
  return { url, key, from };
}

/** Whether mail can be sent at all: sign-up needs it (ADR 008). */
export async function mailIsSetUp(): Promise<boolean> {
  try {
    return (await mailConfig()) !== null;
  } catch {
    return false;
  }
}

// subject and text are keys in locales/*/mail.json.
type Mail = { to: string; lang: string; subject: string; text: string; values: Record<string, string | number> };

/** Sends one mail in the reader's language through the provider. Never throws. */
async function sendMail({ to, lang, subject, text, values }: Mail): Promise<MailResult> {
  let config: MailConfig | null;
  try {
    config = await mailConfig();
  } catch (error) {
    console.error("mail: could not set up", error);
    return "failed";
  }
  if (!config) return "not-configured";

  const t = serverI18n(isLanguage(lang) ? lang : DEFAULT_LANGUAGE).getFixedT(null, "mail");
  const body = { from: config.from, to, subject: t(subject, values), text: t(text, values) };
  try {
    const response = await fetch(config.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.key}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return "sent";
    // Never log the body: it holds a one-time link.
    console.error(`mail: provider answered ${response.status}`);
    return "failed";
  } catch (error) {
    console.error("mail: provider not reachable", error instanceof Error ? error.message : error);
    return "failed";
  }
}

export function sendInvitationEmail(input: { to: string; link: string; familyName: string; lang: string }): Promise<MailResult> {
  const values = { family: input.familyName, link: input.link, days: INVITATION_DAYS };
  return sendMail({ to: input.to, lang: input.lang, subject: "invitation.subject", text: "invitation.text", values });
}

/** The link that finishes a sign-up, to the address that was typed. */
export function sendSignupMail(input: { to: string; link: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "signup.subject", text: "signup.text", values: { link: input.link } });
}

/** Someone tried to sign up with an address that has an account: only its owner hears of it. */
export function sendAccountExistsMail(input: { to: string; loginLink: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "accountExists.subject", text: "accountExists.text", values: { link: input.loginLink } });
}

/** A link to choose a new password: 30 minutes, once. */
export function sendResetMail(input: { to: string; link: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "reset.subject", text: "reset.text", values: { link: input.link } });
}

/** An inloglink: one tap, signed in on that device. */
export function sendSignInLinkMail(input: { to: string; link: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "signInLink.subject", text: "signInLink.text", values: { link: input.link } });
}

/** Someone asked for a link for an address without an account: its owner hears so, nobody else. */
export function sendNoAccountMail(input: { to: string; signupLink: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "noAccount.subject", text: "noAccount.text", values: { link: input.signupLink } });
}

function mailTexts(lang: string) {
  return serverI18n(isLanguage(lang) ? lang : DEFAULT_LANGUAGE).getFixedT(null, "mail");
}

/** An admin's weekly summary of looks: the same words as on "Wie keek mee?". */
export function sendWeeklySummaryMail(input: { to: string; familyName: string; summary: WeekSummary; lang: string }): Promise<MailResult> {
  const t = mailTexts(input.lang);
  const lines = input.summary.people.map((person) => t("weekly.line", { who: person.role ? `${person.name} (${person.role})` : person.name, count: person.visits }));
  const values = {
    family: input.familyName,
    from: formatDate(input.summary.monday, input.lang),
    to: formatDate(input.summary.sunday, input.lang),
    lines: lines.length > 0 ? lines.join("\n") : t("weekly.none"),
  };
  return sendMail({ to: input.to, lang: input.lang, subject: "weekly.subject", text: "weekly.text", values });
}

/** Access ends within 14 days: told to the family's admins and to the professional. */
export function sendEndsSoonMail(input: { to: string; side: "family" | "professional"; name: string; familyName: string; lastDay: string; lang: string }): Promise<MailResult> {
  const values = { name: input.name, family: input.familyName, date: formatDate(input.lastDay, input.lang) };
  const texts =
    input.side === "family"
      ? { subject: "endsSoon.family.subject", text: "endsSoon.family.text" }
      : { subject: "endsSoon.professional.subject", text: "endsSoon.professional.text" };
  return sendMail({ to: input.to, lang: input.lang, ...texts, values });
}

/** The next "samen terugkijken" comes near: told to each of the family's admins. */
export function sendReviewDueMail(input: { to: string; familyName: string; heldOn: string; nextOn: string; lang: string }): Promise<MailResult> {
  const values = { family: input.familyName, held: formatDate(input.heldOn, input.lang), date: formatDate(input.nextOn, input.lang) };
  return sendMail({ to: input.to, lang: input.lang, subject: "reviewDue.subject", text: "reviewDue.text", values });
}

/** A family on waakvlam asked their last coach back, and gave them access again. */
export function sendCoachBackMail(input: { to: string; name: string; familyName: string; lastDay: string; lang: string }): Promise<MailResult> {
  const values = { name: input.name, family: input.familyName, date: formatDate(input.lastDay, input.lang) };
  return sendMail({ to: input.to, lang: input.lang, subject: "coachBack.subject", text: "coachBack.text", values });
}

/** The monthly "Hoe gaat het?" for a family on waakvlam that asked for it by mail. */
export function sendCheckinMail(input: { to: string; familyName: string; lang: string }): Promise<MailResult> {
  return sendMail({ to: input.to, lang: input.lang, subject: "checkin.subject", text: "checkin.text", values: { family: input.familyName } });
}
