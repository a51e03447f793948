import { z } from "zod";
import { text } from "../lib/forms";

// The rules for the fields of an account, in one place: sign-up, sign-in and
// "Mijn account" ask the same things the same way. Messages are translation keys.

export const nameField = text(100);

/** An address as typed to sign in: any text, so a typo gets "wrong" rather than a rule. */
export const emailField = z.string().trim().min(1, "errors.required").max(200, "errors.tooLong");

/** An address to send mail to. */
export const newEmailField = emailField.pipe(z.email("errors.email"));

/** A password as typed to prove who you are. */
export const passwordField = z.string().min(1, "errors.required").max(200, "errors.tooLong");

/** A password chosen now: long enough to be safe; a sentence works well. */
export const newPasswordField = z.string().min(10, "errors.passwordShort").max(200, "errors.tooLong");
