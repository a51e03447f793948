import { beforeEach, afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { getDb } from "../../db/client.server";
import { accessLog, sessions, totpApps } from "../../db/schema";
import * as twoStep from "../../app/routes/account-two-step";
import * as login from "../../app/routes/login";
import * as loginStep from "../../app/routes/login-step";
import * as account from "../../app/routes/account";
import * as careHome from "../../app/routes/care/home";
import * as careGoals from "../../app/routes/care/goals";
import { createSession, SESSION_COOKIE, validateSessionToken } from "../../app/auth/session.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import { hashToken } from "../../consent/tokens";
import { call, makeRequest } from "../support/routes";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";

// The second step (ADR 014): a code app with recovery codes. A professional looks at
// no family before their session passed it; a person who has one is asked for it
// after the password, and each code works once.

beforeEach(() => resetRateLimits());
afterEach(() => vi.useRealTimers());

const PERIOD = 30_000;

/** A code as the person's phone shows it at `at`. */
function codeFor(secret: string, at = Date.now()) {
  return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, "")), BigInt(Math.floor(at / PERIOD)), 6);
}

/** A session on a new device that did only the password. */
function passwordOnly(user: TestUser) {
  return `${SESSION_COOKIE}=${createSession(getDb(), user.id, { device: "Firefox · Windows" }).token}`;
}

const post = (cookie: string, form: Record<string, string>) => call(twoStep.action, makeRequest("/account/two-step", { form, cookie }));

/** Sets up a code app the way the page does; returns the secret and the recovery codes. */
async function setUpApp(user: TestUser, cookie = user.cookie) {
  await post(cookie, { intent: "start" });
  const page = await call(twoStep.loader, makeRequest("/account/two-step", { cookie }));
  const secret: string = page.data.setup.secret;
  const confirmed = await post(cookie, { intent: "confirm", code: codeFor(secret) });
  expect(confirmed.status).toBe(200);
  return { secret, codes: confirmed.data.codes as string[] };
}

function stepCookieOf(result: { headers: Headers }) {
  return result.headers.get("Set-Cookie")?.match(/gp_step=([^;]+)/)?.[1] ?? null;
}

async function signInWithPassword(user: TestUser) {
  const done = await call(login.action, makeRequest("/login", { form: { email: user.email, password: "een lang wachtwoord", redirectTo: "/care" } }));
  return { done, step: stepCookieOf(done) };
}

const typeCode = (step: string, code: string) => call(loginStep.action, makeRequest("/login/step", { form: { code }, cookie: `gp_step=${step}` }));

describe("setting up a code app", () => {
  it("counts only after a right code from it, and then gives ten recovery codes once", async () => {
    const marco = await makeUser({ name: "Marco" });
    const cookie = passwordOnly(marco);
    await post(cookie, { intent: "start" });
    const page = await call(twoStep.loader, makeRequest("/account/two-step", { cookie }));
    expect(page.data.setup.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = page.data.setup.secret;

    const wrong = await post(cookie, { intent: "confirm", code: "000000" === codeFor(secret) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toBe("auth:step.wrong");
    expect(getDb().select().from(totpApps).where(eq(totpApps.userId, marco.id)).get()!.confirmedAt).toBeNull();

    const right = await post(cookie, { intent: "confirm", code: codeFor(secret) });
    expect(right.data.codes).toHaveLength(10);
    for (const code of right.data.codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    // This device just proved it has the phone.
    expect(getDb().select().from(sessions).where(eq(sessions.id, hashToken(cookie.split("=")[1]))).get()!.secondStepAt).not.toBeNull();
    // The secret is not shown again once it is in use.
    expect((await call(twoStep.loader, makeRequest("/account/two-step", { cookie }))).data.setup).toBeNull();
  });
});

describe("signing in with a second step", () => {
  it("asks for a code after the password, and a right code signs in with both steps", async () => {
    const marco = await makeUser();
    const { secret } = await setUpApp(marco);
    const { done, step } = await signInWithPassword(marco);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/login/step?redirectTo=%2Fcare");
    expect(done.headers.get("Set-Cookie")).not.toContain("gp_session=");
    expect(step).toMatch(/^[a-z2-7]{32}$/);

    const wrong = await typeCode(step!, "123456" === codeFor(secret) ? "654321" : "123456");
    expect(wrong.status).toBe(400);
    // A later code than the one used to set up (each code works once).
    const finished = await typeCode(step!, codeFor(secret, Date.now() + PERIOD));
    expect(finished.status).toBe(302);
    expect(finished.location).toBe("/care");
    const token = finished.headers.get("Set-Cookie")!.match(/gp_session=([^;]+)/)![1];
    expect(validateSessionToken(getDb(), token)!.session.secondStepAt).not.toBeNull();
    // The step token is used up.
    expect((await typeCode(step!, codeFor(secret, Date.now() + PERIOD))).status).toBe(302);
    expect((await typeCode(step!, codeFor(secret, Date.now() + PERIOD))).location).toBe("/login");
  });

  it("does not take a code twice, and takes each recovery code once", async () => {
    const marco = await makeUser();
    const { secret, codes } = await setUpApp(marco);
    const first = await signInWithPassword(marco);
    expect((await typeCode(first.step!, codeFor(secret, Date.now() + PERIOD))).status).toBe(302);
    const second = await signInWithPassword(marco);
    // The same code, seen by someone looking over a shoulder, does not work again.
    expect((await typeCode(second.step!, codeFor(secret, Date.now() + PERIOD))).status).toBe(400);
    expect((await typeCode(second.step!, codes[0].toUpperCase())).status).toBe(302);
    const third = await signInWithPassword(marco);
    expect((await typeCode(third.step!, codes[0])).status).toBe(400);
    expect((await typeCode(third.step!, codes[1].replace("-", ""))).status).toBe(302);
  });

  it("lets the step wait ten minutes, not longer, and stops guessing after ten tries", async () => {
    const marco = await makeUser();
    const { secret } = await setUpApp(marco);
    const { step } = await signInWithPassword(marco);
    for (let i = 0; i < 10; i += 1) expect((await typeCode(step!, "000000" === codeFor(secret, Date.now() + PERIOD) ? "111111" : "000000")).status).toBe(400);
    expect((await typeCode(step!, codeFor(secret, Date.now() + PERIOD))).status).toBe(429);
    resetRateLimits();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1);
    const late = await typeCode(step!, codeFor(secret));
    expect(late.status).toBe(302);
    expect(late.location).toBe("/login");
  });
});

describe("a professional's first look", () => {
  it("waits for a second step in this session, and nothing is logged before it", async () => {
    const family = await makeFamily(undefined, "Gezin Tweede-Stap");
    const { professional } = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" } });
    const cookie = passwordOnly(professional);
    const path = `/care/${family.familyId}/goals`;
    const refused = await call(careGoals.loader, makeRequest(path, { cookie }), { familyId: family.familyId });
    expect(refused.status).toBe(302);
    expect(refused.location).toBe(`/account/two-step?redirectTo=${encodeURIComponent(path)}`);
    expect(getDb().select().from(accessLog).where(eq(accessLog.familyId, family.familyId)).all()).toEqual([]);
    const home = await call(careHome.loader, makeRequest("/care", { cookie }));
    expect(home.data.secondStep).toBe(false);

    await setUpApp(professional, cookie);
    const allowed = await call(careGoals.loader, makeRequest(path, { cookie }), { familyId: family.familyId });
    expect(allowed.status).toBe(200);
    expect(getDb().select().from(accessLog).where(eq(accessLog.familyId, family.familyId)).all().length).toBeGreaterThan(0);
  });

  it("says nothing of a family before the second step: the same answer for a real family and a made-up one", async () => {
    const family = await makeFamily(undefined, "Gezin Zonder-Spoor");
    const stranger = await makeUser({ name: "Vreemde Hulpverlener" });
    const cookie = passwordOnly(stranger);
    const real = await call(careGoals.loader, makeRequest(`/care/${family.familyId}/goals`, { cookie }), { familyId: family.familyId });
    const made = await call(careGoals.loader, makeRequest("/care/aaaaaaaaaaaaaaaa/goals", { cookie }), { familyId: "aaaaaaaaaaaaaaaa" });
    expect([real.status, made.status]).toEqual([302, 302]);
    expect(real.location!.replace(family.familyId, "X")).toBe(made.location!.replace("aaaaaaaaaaaaaaaa", "X"));
    expect(JSON.stringify(real)).not.toContain("Zonder-Spoor");
  });

  it("an old session of someone with a code app confirms a code on the same page", async () => {
    const marco = await makeUser();
    const { secret } = await setUpApp(marco);
    const old = passwordOnly(marco);
    const page = await call(twoStep.loader, makeRequest("/account/two-step", { cookie: old }));
    expect(page.data.passedHere).toBe(false);
    const verified = await post(old, { intent: "verify", code: codeFor(secret, Date.now() + PERIOD) });
    expect(verified.status).toBe(302);
    expect((await call(twoStep.loader, makeRequest("/account/two-step", { cookie: old }))).data.passedHere).toBe(true);
  });
});

describe("Mijn account: where you are signed in", () => {
  it("lists each device and ends one, never another person's", async () => {
    const samira = await makeUser();
    const phone = passwordOnly(samira);
    const other = await makeUser();
    const page = await call(account.loader, makeRequest("/account", { cookie: samira.cookie }));
    const devices = page.data.devices as { id: string; device: string; here: boolean }[];
    expect(devices.map((d) => d.device).sort()).toEqual(["", "Firefox · Windows"]);
    expect(devices.filter((d) => d.here)).toHaveLength(1);
    const phoneId = devices.find((d) => d.device === "Firefox · Windows")!.id;

    // Someone else cannot end Samira's session, even knowing its id.
    await call(account.action, makeRequest("/account", { form: { intent: "end", session: phoneId }, cookie: other.cookie }));
    expect(validateSessionToken(getDb(), phone.split("=")[1])).not.toBeNull();

    const ended = await call(account.action, makeRequest("/account", { form: { intent: "end", session: phoneId }, cookie: samira.cookie }));
    expect(ended.location).toBe("/account?ended=1#account-devices");
    expect(validateSessionToken(getDb(), phone.split("=")[1])).toBeNull();
    expect(validateSessionToken(getDb(), samira.cookie.split("=")[1])).not.toBeNull();
  });
});
