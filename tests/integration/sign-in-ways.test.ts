import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, emailLinks, members, sessions, users } from "../../db/schema";
import * as forgot from "../../app/routes/forgot";
import * as reset from "../../app/routes/reset";
import * as signinLink from "../../app/routes/signin-link";
import * as login from "../../app/routes/login";
import * as memberEdit from "../../app/routes/family/member-edit";
import { validateSessionToken } from "../../app/auth/session.server";
import { checkCredentials } from "../../app/auth/accounts.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import { addMember } from "../../app/plan/members.server";
import { hashToken } from "../../consent/tokens";
import { call, makeRequest } from "../support/routes";
import { makeFamily, makeUser } from "../support/factories";
import { mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";

// The ways back in for a parent who forgot a password (ADR 014): a link by mail to
// choose a new one, an inloglink, and the family's own "opnieuw inloggen" link. The
// same answer whether or not an address has an account; tokens that cannot be
// guessed, reused, or used late; the person's other sessions end.

beforeAll(() => mailServer.listen({ onUnhandledRequest: "error" }));
beforeEach(() => resetRateLimits());
afterEach(() => {
  resetMail();
  vi.useRealTimers();
});
afterAll(() => mailServer.close());

const MINUTE = 60 * 1000;
const PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

function ask(email: string, intent: "reset" | "signin", ip = "192.0.2.30") {
  return call(forgot.action, makeRequest("/forgot", { form: { email, intent, redirectTo: "" }, headers: { "x-groeiplan-client-ip": ip } }));
}

function tokenIn(email: string, path: "reset" | "signin") {
  const mail = sentMails.filter((m) => m.body.to === email).at(-1);
  return mail?.body.text.match(new RegExp(`/${path}/([a-z2-7]+)`))?.[1] ?? null;
}

const setPassword = (token: string, password: string, cookie?: string) =>
  call(reset.action, makeRequest(`/reset/${token}`, { form: { password }, cookie, headers: { "User-Agent": PHONE } }), { token });

const sessionFrom = (result: { headers: Headers }) => result.headers.get("Set-Cookie")?.match(/gp_session=([^;]+)/)?.[1] ?? null;

describe("Wachtwoord vergeten?", () => {
  it("answers the same for an address with and without an account, and stores nothing for the stranger", async () => {
    useMailProvider();
    const samira = await makeUser({ name: "Samira" });
    const known = await ask(samira.email, "reset");
    const unknown = await ask("niemand@example.nl", "reset");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(Object.keys(known.data).sort()).toEqual(Object.keys(unknown.data).sort());
    expect(known.data.sentTo).toBe(samira.email);
    expect(unknown.data.sentTo).toBe("niemand@example.nl");
    // Each owner hears what fits; nobody else learns anything.
    expect(sentMails.find((m) => m.body.to === samira.email)?.body.subject).toBe("Kies een nieuw wachtwoord voor Groeiplan");
    expect(sentMails.find((m) => m.body.to === "niemand@example.nl")?.body.subject).toBe("Je hebt nog geen account bij Groeiplan");
    expect(getDb().select().from(emailLinks).where(eq(emailLinks.email, "niemand@example.nl")).all()).toEqual([]);
  });

  it("sets a new password once, ends every other session and signs in on this device", async () => {
    useMailProvider();
    const samira = await makeUser({ name: "Samira" });
    const oldSession = samira.cookie.split("=")[1];
    await ask(samira.email, "reset");
    const token = tokenIn(samira.email, "reset")!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const stored = getDb().select().from(emailLinks).where(eq(emailLinks.tokenHash, hashToken(token))).get()!;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt - stored.createdAt).toBe(30 * MINUTE);

    // Opening the link only shows the form.
    const opened = await call(reset.loader, makeRequest(`/reset/${token}`), { token });
    expect(opened.data).toEqual({ state: "open", name: "Samira", fromFamily: false });

    const done = await setPassword(token, "een nieuwe lange zin");
    expect(done.status).toBe(302);
    expect(done.location).toBe("/account?changed=1");
    const fresh = sessionFrom(done)!;
    expect(validateSessionToken(getDb(), fresh)?.user.id).toBe(samira.id);
    expect(validateSessionToken(getDb(), oldSession)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, samira.id)).all().map((s) => s.device)).toEqual(["Chrome · Android"]);
    expect(await checkCredentials(getDb(), samira.email, "een nieuwe lange zin")).not.toBeNull();
    expect(await checkCredentials(getDb(), samira.email, "een lang wachtwoord")).toBeNull();

    // A second use does nothing.
    const again = await setPassword(token, "nog een andere zin hier");
    expect(again.status).toBe(410);
    expect(await checkCredentials(getDb(), samira.email, "een nieuwe lange zin")).not.toBeNull();
  });

  it("keeps the link working after a too short password, and says why next to the field", async () => {
    useMailProvider();
    const samira = await makeUser();
    await ask(samira.email, "reset");
    const token = tokenIn(samira.email, "reset")!;
    const short = await setPassword(token, "kort");
    expect(short.status).toBe(400);
    expect(short.data.errors.password).toBe("errors.passwordShort");
    expect(JSON.stringify(short.data)).not.toContain("kort");
    expect((await setPassword(token, "nu wel een lange zin")).status).toBe(302);
  });

  it("does not take a link after 30 minutes, a guessed token, or a link made for another purpose", async () => {
    useMailProvider();
    const samira = await makeUser();
    await ask(samira.email, "reset");
    await ask(samira.email, "signin");
    const resetToken = tokenIn(samira.email, "reset")!;
    const signinToken = tokenIn(samira.email, "signin")!;
    expect((await setPassword("a".repeat(32), "een nieuwe lange zin")).status).toBe(410);
    expect((await setPassword(signinToken, "een nieuwe lange zin")).status).toBe(410);
    expect((await call(signinLink.action, makeRequest(`/signin/${resetToken}`, { method: "POST", form: {} }), { token: resetToken })).status).toBe(410);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 31 * MINUTE);
    expect((await call(reset.loader, makeRequest(`/reset/${resetToken}`), { token: resetToken })).status).toBe(410);
    expect((await setPassword(resetToken, "een nieuwe lange zin")).status).toBe(410);
    expect(await checkCredentials(getDb(), samira.email, "een lang wachtwoord")).not.toBeNull();
  });

  it("limits how often links are asked for one address, with or without an account", async () => {
    useMailProvider();
    const samira = await makeUser();
    for (let i = 0; i < 3; i += 1) expect((await ask(samira.email, "reset", `192.0.2.${40 + i}`)).status).toBe(200);
    expect((await ask(samira.email, "reset", "192.0.2.50")).status).toBe(429);
    for (let i = 0; i < 3; i += 1) expect((await ask("vreemd@example.nl", "reset", `192.0.2.${60 + i}`)).status).toBe(200);
    expect((await ask("vreemd@example.nl", "reset", "192.0.2.70")).status).toBe(429);
  });

  it("turns bad input into a message and sends nothing", async () => {
    useMailProvider();
    const answer = await ask("geen-adres", "reset");
    expect(answer.status).toBe(400);
    expect(answer.data.errors.email).toBe("errors.email");
    expect(answer.data.values.email).toBe("geen-adres");
    expect(sentMails).toEqual([]);
  });
});

describe("the inloglink", () => {
  it("signs in once on the device that uses it; opening the link alone uses nothing", async () => {
    useMailProvider();
    const dennis = await makeUser({ name: "Dennis" });
    await ask(dennis.email, "signin");
    const token = tokenIn(dennis.email, "signin")!;
    expect((await call(signinLink.loader, makeRequest(`/signin/${token}`), { token })).data).toEqual({ state: "open" });
    expect((await call(signinLink.loader, makeRequest(`/signin/${token}`), { token })).data).toEqual({ state: "open" });
    const used = await call(signinLink.action, makeRequest(`/signin/${token}`, { method: "POST", form: {}, headers: { "User-Agent": PHONE } }), { token });
    expect(used.status).toBe(302);
    expect(validateSessionToken(getDb(), sessionFrom(used)!)?.user.id).toBe(dennis.id);
    expect((await call(signinLink.action, makeRequest(`/signin/${token}`, { method: "POST", form: {} }), { token })).status).toBe(410);
  });

  it("stops working after 30 minutes", async () => {
    useMailProvider();
    const dennis = await makeUser();
    await ask(dennis.email, "signin");
    const token = tokenIn(dennis.email, "signin")!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30 * MINUTE + 1);
    expect((await call(signinLink.action, makeRequest(`/signin/${token}`, { method: "POST", form: {} }), { token })).status).toBe(410);
  });
});

describe("opnieuw inloggen, from the family", () => {
  async function familyWithLisa() {
    const { familyId, admin } = await makeFamily(await makeUser({ name: "Samira" }));
    const lisa = await makeUser({ name: "Lisa" });
    // Lisa has her own account in the family, as after a join link.
    const lisaMemberId = addMember(getDb(), familyId, admin.id, { name: "Lisa", relation: "dochter", livesAtHome: "yes" });
    getDb().update(members).set({ userId: lisa.id }).where(eq(members.id, lisaMemberId)).run();
    return { familyId, admin, lisa, lisaMemberId };
  }

  const make = (familyId: string, memberId: string, cookie: string) =>
    call(memberEdit.action, makeRequest(`/f/${familyId}/members/${memberId}`, { form: { intent: "relogin" }, cookie }), { familyId, memberId });

  it("lets an admin make a one-time link that sets only that member's password, and records it", async () => {
    const { familyId, admin, lisa, lisaMemberId } = await familyWithLisa();
    const made = await make(familyId, lisaMemberId, admin.cookie);
    expect(made.status).toBe(200);
    const token = made.data.relogin.link.match(/\/reset\/([a-z2-7]{32})$/)[1];
    expect(made.data.relogin.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const recorded = getDb().select().from(changes).where(eq(changes.familyId, familyId)).all().filter((c) => c.entity === "relogin");
    expect(recorded).toHaveLength(1);
    expect(recorded[0].userId).toBe(admin.id);
    expect(JSON.stringify(recorded)).not.toContain(token);

    const opened = await call(reset.loader, makeRequest(`/reset/${token}`), { token });
    expect(opened.data).toEqual({ state: "open", name: "Lisa", fromFamily: true });
    const done = await setPassword(token, "lisa kiest een zin");
    expect(done.status).toBe(302);
    expect(validateSessionToken(getDb(), lisa.cookie.split("=")[1])).toBeNull();
    expect(await checkCredentials(getDb(), lisa.email, "lisa kiest een zin")).not.toBeNull();
    // The admin's own password and session are untouched.
    expect(validateSessionToken(getDb(), admin.cookie.split("=")[1])?.user.id).toBe(admin.id);
    expect((await setPassword(token, "nog een keer proberen")).status).toBe(410);
  });

  it("lets the member make a passkey instead: signed in here once, every other session ended, on to making the key", async () => {
    const { familyId, admin, lisa, lisaMemberId } = await familyWithLisa();
    const made = await make(familyId, lisaMemberId, admin.cookie);
    const token = made.data.relogin.link.match(/\/reset\/([a-z2-7]{32})$/)[1];
    const passkeyInstead = () => call(reset.action, makeRequest(`/reset/${token}`, { form: { intent: "passkey" }, headers: { "User-Agent": PHONE } }), { token });
    const done = await passkeyInstead();
    expect(done.status).toBe(302);
    expect(done.location).toBe("/account/passkeys?from=link");
    expect(validateSessionToken(getDb(), sessionFrom(done)!)?.user.id).toBe(lisa.id);
    expect(validateSessionToken(getDb(), lisa.cookie.split("=")[1])).toBeNull();
    // The password stays as it was, and the link works once.
    expect(await checkCredentials(getDb(), lisa.email, "een lang wachtwoord")).not.toBeNull();
    expect((await passkeyInstead()).status).toBe(410);
    expect((await setPassword(token, "nog een keer proberen")).status).toBe(410);
  });

  it("is for admins only, and not for oneself or a member without an account", async () => {
    const { familyId, admin, lisa, lisaMemberId } = await familyWithLisa();
    const stranger = await makeUser();
    expect((await make(familyId, lisaMemberId, lisa.cookie)).status).toBe(404);
    expect((await make(familyId, lisaMemberId, stranger.cookie)).status).toBe(404);
    const adminMember = getDb().select().from(members).where(eq(members.userId, admin.id)).get()!;
    expect((await make(familyId, adminMember.id, admin.cookie)).status).toBe(404);
    const child = addMember(getDb(), familyId, admin.id, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
    expect((await make(familyId, child, admin.cookie)).status).toBe(404);
    const made = getDb().select().from(emailLinks).where(eq(emailLinks.purpose, "relogin")).all();
    expect(made.filter((link) => link.userId === lisa.id || link.userId === admin.id)).toEqual([]);
  });
});

describe("signing in with a password", () => {
  it("names the device in the new session", async () => {
    const dennis = await makeUser();
    const done = await call(login.action, makeRequest("/login", { form: { email: dennis.email, password: "een lang wachtwoord" }, headers: { "User-Agent": PHONE } }));
    expect(done.status).toBe(302);
    const row = getDb().select().from(sessions).where(eq(sessions.id, hashToken(sessionFrom(done)!))).get()!;
    expect(row.device).toBe("Chrome · Android");
    expect(row.secondStepAt).toBeNull();
  });
});

describe("users table", () => {
  it("keeps no token of a link in any column", async () => {
    useMailProvider();
    const samira = await makeUser();
    await ask(samira.email, "signin");
    const token = tokenIn(samira.email, "signin")!;
    expect(JSON.stringify(getDb().select().from(users).all())).not.toContain(token);
    expect(JSON.stringify(getDb().select().from(emailLinks).all())).not.toContain(token);
  });
});
