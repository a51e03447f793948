import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { sessions } from "../../db/schema";
import {
  SESSION_LIFETIME,
  clearSessionCookie,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  sessionCookie,
  validateSessionToken,
} from "../../app/auth/session.server";
import { hashPassword, verifyPassword } from "../../app/auth/password.server";
import { hashToken } from "../../consent/tokens";
import { makeUser } from "../support/factories";

const DAY = 24 * 60 * 60 * 1000;

describe("sessions", () => {
  it("store only the hash of the token", async () => {
    const user = await makeUser();
    const { token } = createSession(getDb(), user.id);
    const rows = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows.map((r) => r.id)).toContain(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("are valid until they expire, and an expired one is removed", async () => {
    const user = await makeUser();
    const now = Date.now();
    const { token } = createSession(getDb(), user.id, {}, now);
    expect(validateSessionToken(getDb(), token, now + 1000)?.user.id).toBe(user.id);
    expect(validateSessionToken(getDb(), token, now + SESSION_LIFETIME)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.id, hashToken(token))).get()).toBeUndefined();
  });

  it("slide forward when used in the second half of their life", async () => {
    const user = await makeUser();
    const now = Date.now();
    const { token } = createSession(getDb(), user.id, {}, now);
    const early = validateSessionToken(getDb(), token, now + 5 * DAY)!;
    expect(early.session.refreshed).toBe(false);
    expect(early.session.expiresAt).toBe(now + SESSION_LIFETIME);
    const later = validateSessionToken(getDb(), token, now + 20 * DAY)!;
    expect(later.session.refreshed).toBe(true);
    expect(later.session.expiresAt).toBe(now + 20 * DAY + SESSION_LIFETIME);
    // Still valid long after the first expiry because it was used.
    expect(validateSessionToken(getDb(), token, now + 40 * DAY)).not.toBeNull();
  });

  it("end on sign-out, and all of a user's sessions can be ended at once", async () => {
    const user = await makeUser();
    const a = createSession(getDb(), user.id).token;
    const b = createSession(getDb(), user.id).token;
    invalidateSession(getDb(), a);
    expect(validateSessionToken(getDb(), a)).toBeNull();
    expect(validateSessionToken(getDb(), b)).not.toBeNull();
    invalidateUserSessions(getDb(), user.id);
    expect(validateSessionToken(getDb(), b)).toBeNull();
  });

  it("an unknown or guessed token is no session", () => {
    expect(validateSessionToken(getDb(), "not-a-token")).toBeNull();
  });

  it("cookies are HttpOnly and SameSite=Lax, and Secure off localhost", () => {
    const local = sessionCookie(new Request("http://localhost:3000/"), "abc", Date.now() + DAY);
    expect(local).toMatch(/^gp_session=abc; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(local).not.toContain("Secure");
    expect(sessionCookie(new Request("https://groeiplan.example/"), "abc", Date.now() + DAY)).toContain("; Secure");
    // Plain http at a real host name is a server behind a TLS proxy that is not trusted
    // (TRUST_PROXIES): the browser still talks https, so the cookie must say Secure.
    expect(sessionCookie(new Request("http://groeiplan.example/"), "abc", Date.now() + DAY)).toContain("; Secure");
    expect(sessionCookie(new Request("http://127.0.0.1:3000/"), "abc", Date.now() + DAY)).not.toContain("Secure");
    expect(clearSessionCookie(new Request("http://localhost/"))).toContain("Max-Age=0");
  });
});

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const hash = await hashPassword("onze kat heet Pluis");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "onze kat heet Pluis")).toBe(true);
    expect(await verifyPassword(hash, "onze kat heet pluis")).toBe(false);
    expect(await verifyPassword("garbage", "x")).toBe(false);
  });
});
