import { and, eq, isNull, or } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "../i18n";
import { hashPassword, verifyPassword } from "./password.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createAccount(
  db: DB,
  input: { email: string; name: string; password: string; organisation?: string | null },
): Promise<{ id: string } | { error: "emailTaken" }> {
  const email = normaliseEmail(input.email);
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    return { error: "emailTaken" };
  }
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  db.insert(users)
    .values({ id, email, name: input.name, passwordHash, organisation: input.organisation ?? null })
    .run();
  return { id };
}

// A fixed hash to verify against when the email is unknown, so both cases take as
// long and the answer does not reveal who has an account.
let dummyHash: Promise<string> | undefined;

export async function checkCredentials(db: DB, email: string, password: string) {
  const user = db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
  // A removed account (ADR 013) answers like an unknown address, also in time.
  if (!user || user.deletedAt !== null) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** A professional's organisation, shown to families next to what they write. Set once, if it was empty. */
export function setOrganisationIfEmpty(db: DB, userId: string, organisation: string) {
  db.update(users)
    .set({ organisation })
    .where(and(eq(users.id, userId), or(isNull(users.organisation), eq(users.organisation, ""))))
    .run();
}

/** The language the person chose last; mails no page asked for (the weekly summary) come in it. */
export function rememberLanguage(db: DB, userId: string, language: Language) {
  db.update(users).set({ language }).where(eq(users.id, userId)).run();
}

/** The language for a mail to this person; Dutch when they never chose one. */
export function mailLanguage(language: string | null): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
