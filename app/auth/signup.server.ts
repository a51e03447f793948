import { eq } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { isLanguage } from "../i18n";
import { sendAccountExistsMail, sendSignupMail } from "../mail.server";
import { normaliseEmail } from "./accounts.server";
import { createEmailLink, findEmailLink, useEmailLink } from "./email-links.server";
import { hashPassword } from "./password.server";
import { createSession } from "./session.server";

// Signing up without telling anyone whether an address has an account (ADR 008).
// Whatever address is typed, the answer is "look in your mail". The owner of a new
// address gets a link that finishes the account; the owner of an address that has
// one hears that someone tried, with a link to sign in. Nothing is made before the
// link is used.

export async function requestSignup(
  db: DB,
  input: { name: string; email: string; password: string; redirectTo: string },
  reply: { origin: string; lang: string },
) {
  const email = normaliseEmail(input.email);
  // Always the same work, so the time an answer takes says nothing either.
  const passwordHash = await hashPassword(input.password);
  const existing = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (existing) {
    await sendAccountExistsMail({ to: email, loginLink: `${reply.origin}/login`, lang: reply.lang });
    return;
  }
  const token = createEmailLink(db, { purpose: "signup", email, payload: { name: input.name, passwordHash, redirectTo: input.redirectTo, language: reply.lang } });
  await sendSignupMail({ to: email, link: `${reply.origin}/signup/${token}`, lang: reply.lang });
}

export type FinishedSignup =
  | { state: "made"; session: { token: string; expiresAt: number }; redirectTo: string }
  // The address got an account in the meantime (a second link, used first).
  | { state: "exists" };

/** Uses a sign-up link: the account is made and signed in, once. Null when the link does not work. */
export function finishSignup(db: DB, token: string): FinishedSignup | null {
  return useEmailLink(db, token, "signup", (link): FinishedSignup => {
    if (db.select({ id: users.id }).from(users).where(eq(users.email, link.email)).get()) return { state: "exists" };
    const payload = link.payload ?? {};
    const id = newId();
    const language = isLanguage(payload.language) ? payload.language : null;
    db.insert(users).values({ id, email: link.email, name: payload.name ?? "", passwordHash: payload.passwordHash ?? "", language }).run();
    return { state: "made", session: createSession(db, id), redirectTo: payload.redirectTo ?? "/" };
  });
}

/** Whose account a sign-up link finishes, shown before its button; null when it does not work. */
export function inspectSignupLink(db: DB, token: string): { name: string } | null {
  const link = findEmailLink(db, token, "signup");
  return link ? { name: link.payload?.name ?? "" } : null;
}
