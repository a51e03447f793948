import type { MiddlewareFunction } from "react-router";
import { readCookie, sessionCookie, SESSION_COOKIE } from "./auth/session.server";
import { sessionContext, signInFromCookie } from "./auth/user.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses writes that a page on another site started (cross-site request forgery). */
export const originGuard: MiddlewareFunction<Response> = ({ request }, next) => {
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOrigin(request)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return next();
};

// The largest valid form (a wat-als agreement: 3,600 characters) takes at most
// 43 kB even when every character is an emoji, percent-encoded. Nothing here takes
// files. The API takes no body at all.
export const FORM_BODY_LIMIT = 64 * 1024;
const API_BODY_LIMIT = 1024;

/**
 * Refuses a body that is too large before anything reads it: a 100 MB post is
 * answered at once with 413 (the error page says so in the reader's language),
 * not read into memory first. A body without a declared length cannot be measured
 * up front; browsers always declare it for a form, so such a post is refused too.
 */
export const bodyLimit: MiddlewareFunction<Response> = ({ request }, next) => {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return next();
  const limit = new URL(request.url).pathname.startsWith("/api/") ? API_BODY_LIMIT : FORM_BODY_LIMIT;
  const declared = request.headers.get("Content-Length");
  if (declared === null) {
    // Without a length and without chunks there is no body at all (HTTP/1.1).
    if (!request.headers.has("Transfer-Encoding")) return next();
    throw new Response("Length Required", { status: 411 });
  }
  if (!/^\d{1,15}$/.test(declared) || Number(declared) > limit) throw new Response("Payload Too Large", { status: 413 });
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

/**
 * Checks the session once for the whole request and puts it in the context, then
 * slides the cookie forward together with the session in the database.
 */
export const session: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const signedIn = signInFromCookie(request);
  context.set(sessionContext, signedIn);
  const response = await next();
  if (signedIn?.session.refreshed) {
    response.headers.append("Set-Cookie", sessionCookie(request, readCookie(request, SESSION_COOKIE)!, signedIn.session.expiresAt));
  }
  return response;
};
