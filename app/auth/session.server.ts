import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { skipOnStorageTrouble } from "../lib/storage.server";
import { sessions, users } from "../../db/schema";
import { generateToken, hashToken } from "../../consent/tokens";

// Lucia's session design: the cookie holds a random token, the database only its
// SHA-256 hash. Sessions last 30 days and slide forward when used in the last 15.
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const REFRESH_WHEN_LEFT = 15 * DAY;
export const SESSION_COOKIE = "gp_session";

export type SessionUser = { id: string; email: string; name: string; organisation: string | null };
export type ValidSession = typeof sessions.$inferSelect & { refreshed: boolean };

export type NewSession = {
  // A short name for the device, from deviceName(); shown in "Mijn account".
  device?: string;
  // The person passed a second step (or a passkey, which is two in one) just now.
  secondStep?: boolean;
};

export function createSession(db: DB, userId: string, options: NewSession = {}, now = Date.now()) {
  const token = generateToken();
  const session = {
    id: hashToken(token),
    userId,
    expiresAt: now + SESSION_LIFETIME,
    createdAt: now,
    lastUsedAt: now,
    device: options.device ?? "",
    secondStepAt: options.secondStep ? now : null,
  };
  db.insert(sessions).values(session).run();
  // Every way in (password, passkey, mail links, the second step, sign-up) ends
  // here, so this is where signing in again within 14 days undoes an asked
  // deletion (ADR 013). A removed account has no way in left to reach this.
  db.update(users).set({ deletingAt: null }).where(and(eq(users.id, userId), isNotNull(users.deletingAt), isNull(users.deletedAt))).run();
  return { token, expiresAt: session.expiresAt };
}

// "Last used" is kept to the hour: exact enough to recognise a device, and a busy
// session does not write on every page.
const LAST_USED_STEP = 60 * 60 * 1000;

export function validateSessionToken(
  db: DB,
  token: string,
  now = Date.now(),
): { session: ValidSession; user: SessionUser } | null {
  const id = hashToken(token);
  const row = db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, organisation: users.organisation },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  if (now >= row.session.expiresAt) {
    tidy(() => db.delete(sessions).where(eq(sessions.id, id)).run());
    return null;
  }
  let refreshed = false;
  const slide = row.session.expiresAt - now < REFRESH_WHEN_LEFT;
  const touch = row.session.lastUsedAt === null || now - row.session.lastUsedAt >= LAST_USED_STEP;
  if (slide || touch) {
    const expiresAt = slide ? now + SESSION_LIFETIME : row.session.expiresAt;
    const written = tidy(() => db.update(sessions).set({ expiresAt, lastUsedAt: now }).where(eq(sessions.id, id)).run());
    if (written) {
      row.session.expiresAt = expiresAt;
      row.session.lastUsedAt = now;
      refreshed = slide;
    }
  }
  return { session: { ...row.session, refreshed }, user: row.user };
}

/**
 * Housekeeping that may fail when the database cannot store (a full disk): the
 * session is still valid for this request, so reading the plan goes on. The next
 * request tries again.
 */
function tidy(write: () => unknown): boolean {
  try {
    write();
    return true;
  } catch (error) {
    skipOnStorageTrouble(error);
    return false;
  }
}

export function invalidateSession(db: DB, token: string) {
  db.delete(sessions).where(eq(sessions.id, hashToken(token))).run();
}

export function invalidateUserSessions(db: DB, userId: string) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Where a person is signed in, newest use first, for "Mijn account". */
export function sessionsOf(db: DB, userId: string, now = Date.now()) {
  return db
    .select({ id: sessions.id, device: sessions.device, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastUsedAt), desc(sessions.createdAt))
    .all();
}

/** Ends one of the person's own sessions; another person's id does nothing. */
export function endSessionOf(db: DB, userId: string, sessionId: string): boolean {
  return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).run().changes === 1;
}

// Secure everywhere except plain-http localhost, where the demo runs and some
// browsers (Safari) would otherwise drop the cookie.
function isLocalhost(request: Request): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(request.url).hostname);
}

/** A sign-in cookie: HttpOnly, SameSite=Lax, Secure but on plain-http localhost. `lifetime` is an end time or a Max-Age in seconds. */
export function authCookie(request: Request, name: string, value: string, lifetime: { expiresAt: number } | { maxAge: number }): string {
  const parts = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "expiresAt" in lifetime ? `Expires=${new Date(lifetime.expiresAt).toUTCString()}` : `Max-Age=${lifetime.maxAge}`,
  ];
  if (new URL(request.url).protocol === "https:" || !isLocalhost(request)) parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookie(request: Request, token: string, expiresAt: number): string {
  return authCookie(request, SESSION_COOKIE, token, { expiresAt });
}

export function clearSessionCookie(request: Request): string {
  return authCookie(request, SESSION_COOKIE, "", { maxAge: 0 });
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
