import type { MiddlewareFunction } from "react-router";
import { getDb } from "../db/client.server";
import { SESSION_COOKIE, readCookie, sessionCookie, validateSessionToken } from "./auth/session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses writes that a page on another site started (cross-site request forgery). */
export const originGuard: MiddlewareFunction<Response> = ({ request }, next) => {
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOrigin(request)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return next();
};

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (origin) return origin === new URL(request.url).origin;
  const site = request.headers.get("Sec-Fetch-Site");
  // Browsers send one of the two; tools such as curl send neither and carry no cookies
  // a victim could lend them.
  return site === null || site === "same-origin" || site === "none";
}

/** Slides the session cookie forward together with the session in the database. */
export const sessionRefresh: MiddlewareFunction<Response> = async ({ request }, next) => {
  const token = readCookie(request, SESSION_COOKIE);
  const refreshed = token ? validateSessionToken(getDb(), token) : null;
  const response = await next();
  if (token && refreshed?.session.refreshed) {
    response.headers.append("Set-Cookie", sessionCookie(request, token, refreshed.session.expiresAt));
  }
  return response;
};
