import { createContext, redirect, type RouterContextProvider } from "react-router";
import { getDb } from "../../db/client.server";
import { SESSION_COOKIE, readCookie, validateSessionToken, type SessionUser, type ValidSession } from "./session.server";

// Who is signed in, worked out once per request: the root middleware reads the
// session cookie, checks it in the database and puts the answer in the request's
// context; loaders and actions read it from there.

export type SignedIn = { user: SessionUser; session: ValidSession };

export const sessionContext = createContext<SignedIn | null>(null);

type Args = { request: Request; context: Readonly<RouterContextProvider> };

/** The session the request's cookie names, checked (and slid forward) in the database. */
export function signInFromCookie(request: Request): SignedIn | null {
  const token = readCookie(request, SESSION_COOKIE);
  return token ? validateSessionToken(getDb(), token) : null;
}

/** The signed-in session itself (which device, whether it passed a second step). */
export function currentSession({ context }: Pick<Args, "context">): ValidSession | null {
  return context.get(sessionContext)?.session ?? null;
}

export function currentUser({ context }: Pick<Args, "context">): SessionUser | null {
  return context.get(sessionContext)?.user ?? null;
}

export function requireUser(args: Args): SessionUser {
  const user = currentUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/**
 * A professional's way to a family's plan: signed in with a second step in this
 * session (ADR 014). Without one they set it up, or type a code, and come back.
 */
export function requireSecondStep(args: Args): SessionUser {
  const user = requireUser(args);
  if (currentSession(args)?.secondStepAt == null) {
    const url = new URL(args.request.url);
    throw redirect(`/account/two-step?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}
