import { redirect } from "react-router";
import { getDb } from "../../db/client.server";
import { SESSION_COOKIE, readCookie, validateSessionToken, type SessionUser } from "./session.server";

export function getSessionUser(request: Request): SessionUser | null {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  return validateSessionToken(getDb(), token)?.user ?? null;
}

export function requireUser(request: Request): SessionUser {
  const user = getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params}`);
  }
  return user;
}
