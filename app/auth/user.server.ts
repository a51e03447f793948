import { redirect } from "react-router";
import { getDb } from "../../db/client.server";
import { memberAccess, NoAccess, type MemberAccess } from "../../consent/gate";
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

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/** Signed-in member of this family, or a 404 that tells nothing about the family. */
export function requireMember(
  request: Request,
  familyId: string | undefined,
): { user: SessionUser; access: MemberAccess } {
  const user = requireUser(request);
  const access = familyId ? memberAccess(getDb(), user.id, familyId) : null;
  if (!access) throw notFound();
  return { user, access };
}

/** Runs gate-protected work and turns a refusal into the same 404. */
export function orNotFound<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NoAccess) throw notFound();
    throw error;
  }
}
