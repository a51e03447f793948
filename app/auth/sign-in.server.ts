import { eq } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { users } from "../../db/schema";
import { sendNoAccountMail, sendResetMail, sendSignInLinkMail } from "../mail.server";
import { normaliseEmail } from "./accounts.server";
import { LINK_LIFETIME, createEmailLink, findEmailLink, useEmailLink, type EmailLink, type EmailLinkPurpose } from "./email-links.server";
import { hashPassword } from "./password.server";
import { redirect } from "react-router";
import { authCookie, createSession, invalidateUserSessions, sessionCookie } from "./session.server";
import { safeRedirect } from "./redirect";
import { checkSecondStepCode, hasTotp } from "./second-step.server";
import { checkPasskey } from "./passkeys.server";

// Ways in besides the password (ADR 014): a link by mail to choose a new password,
// an inloglink by mail, a family admin's "opnieuw inloggen" link, and the step
// between a first step and a second one. Every way ends in signedIn(): a session,
// or, for a person with a second step, a short-lived step token first.

export type MailLinkKind = "reset" | "signin";

/**
 * Sends a link to the address typed: to choose a new password, or to sign in. An
 * address without an account gets a mail that says so, so the answer on screen and
 * the work done are the same either way (ADR 008).
 */
export async function requestMailLink(db: DB, input: { email: string; kind: MailLinkKind; redirectTo: string }, reply: { origin: string; lang: string }) {
  const email = normaliseEmail(input.email);
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) {
    await sendNoAccountMail({ to: email, signupLink: `${reply.origin}/signup`, lang: reply.lang });
    return;
  }
  const token = createEmailLink(db, { purpose: input.kind, email, userId: user.id, payload: { redirectTo: input.redirectTo } });
  if (input.kind === "reset") await sendResetMail({ to: email, link: `${reply.origin}/reset/${token}`, lang: reply.lang });
  else await sendSignInLinkMail({ to: email, link: `${reply.origin}/signin/${token}`, lang: reply.lang });
}

export type SignedIn =
  | { kind: "session"; token: string; expiresAt: number; redirectTo: string }
  | { kind: "step"; token: string; expiresAt: number; redirectTo: string };

/**
 * The first step is done: a session, or the step token when the person chose a code
 * app. A passkey is not asked for here: it is a way in of its own (signInWithPasskey),
 * so a parent who made one on her phone can still use her password elsewhere.
 */
export function signedIn(db: DB, userId: string, input: { device: string; redirectTo: string }, now = Date.now()): SignedIn {
  if (hasTotp(db, userId)) {
    const email = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()!.email;
    const token = createEmailLink(db, { purpose: "step", email, userId, payload: { device: input.device, redirectTo: input.redirectTo } }, now);
    return { kind: "step", token, expiresAt: now + LINK_LIFETIME.step, redirectTo: input.redirectTo };
  }
  return { kind: "session", ...createSession(db, userId, { device: input.device }, now), redirectTo: input.redirectTo };
}

/** One tap with a passkey: both steps at once, so the session passed the second step. */
export async function signInWithPasskey(db: DB, request: Request, input: { challengeId: string; answer: unknown; device: string; redirectTo: string }, now = Date.now()): Promise<SignedIn | null> {
  const userId = await checkPasskey(db, request, input, null, now);
  if (!userId) return null;
  return { kind: "session", ...createSession(db, userId, { device: input.device, secondStep: true }, now), redirectTo: input.redirectTo };
}

const NEW_PASSWORD_PURPOSES: EmailLinkPurpose[] = ["reset", "relogin"];

/** Whose password a reset or "opnieuw inloggen" link sets, shown above the form; null when it does not work. */
export function inspectNewPasswordLink(db: DB, token: string): { name: string; purpose: EmailLinkPurpose } | null {
  const link = findEmailLink(db, token, NEW_PASSWORD_PURPOSES);
  if (!link?.userId) return null;
  const user = db.select({ name: users.name }).from(users).where(eq(users.id, link.userId)).get();
  return user ? { name: user.name, purpose: link.purpose as EmailLinkPurpose } : null;
}

/**
 * Sets a new password through a reset or "opnieuw inloggen" link, once. Every other
 * session of the person ends: whoever knew the old password is out.
 */
export async function setPasswordByLink(db: DB, token: string, password: string, device: string): Promise<SignedIn | null> {
  if (!findEmailLink(db, token, NEW_PASSWORD_PURPOSES)) return null;
  const passwordHash = await hashPassword(password);
  return useEmailLink(db, token, NEW_PASSWORD_PURPOSES, (link) => {
    const userId = link.userId!;
    db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    invalidateUserSessions(db, userId);
    // "Mijn account" says the new password is kept and the other devices are out.
    return signedIn(db, userId, { device, redirectTo: "/account?changed=1" });
  });
}

/**
 * A reset or "opnieuw inloggen" link used to make a passkey instead of a password:
 * the same rules (once, in time, every other session ends), then signed in here and
 * on to making the key.
 */
export function signInToAddPasskey(db: DB, token: string, device: string): SignedIn | null {
  return useEmailLink(db, token, NEW_PASSWORD_PURPOSES, (link) => {
    invalidateUserSessions(db, link.userId!);
    return signedIn(db, link.userId!, { device, redirectTo: "/account/passkeys?from=link" });
  });
}

/** Whether an inloglink works, before its button is pressed. */
export function signInLinkWorks(db: DB, token: string): boolean {
  return findEmailLink(db, token, "signin") !== null;
}

/** Uses an inloglink: signed in on this device, once. */
export function signInByLink(db: DB, token: string, device: string): SignedIn | null {
  return useEmailLink(db, token, "signin", (link) => signedIn(db, link.userId!, { device, redirectTo: link.payload?.redirectTo ?? "/" }));
}

/** The person a step token belongs to, while it works. */
export function stepOf(db: DB, token: string): EmailLink | null {
  return findEmailLink(db, token, "step");
}

/**
 * The second step: a right code uses the step token and makes a session that
 * passed both steps. Null when the code or the token does not work.
 */
export function finishSecondStep(db: DB, token: string, code: string, now = Date.now()) {
  const step = stepOf(db, token);
  if (!step?.userId || !checkSecondStepCode(db, step.userId, code, now)) return null;
  return useEmailLink(
    db,
    token,
    "step",
    (link) => ({
      ...createSession(db, link.userId!, { device: link.payload?.device ?? "", secondStep: true }, now),
      redirectTo: link.payload?.redirectTo ?? "/",
    }),
    now,
  );
}

export const STEP_COOKIE = "gp_step";

export function clearStepCookie(request: Request): string {
  return authCookie(request, STEP_COOKIE, "", { maxAge: 0 });
}

/** The answer after a first step: signed in and on to where the person was going, or on to the second step. */
export function signedInRedirect(request: Request, signed: SignedIn): Response {
  if (signed.kind === "step") {
    const params = signed.redirectTo && signed.redirectTo !== "/" ? `?${new URLSearchParams({ redirectTo: signed.redirectTo })}` : "";
    const cookie = authCookie(request, STEP_COOKIE, signed.token, { maxAge: Math.round(LINK_LIFETIME.step / 1000) });
    return redirect(`/login/step${params}`, { headers: { "Set-Cookie": cookie } });
  }
  return redirect(safeRedirect(signed.redirectTo), { headers: { "Set-Cookie": sessionCookie(request, signed.token, signed.expiresAt) } });
}
