import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { passkeys, recoveryCodes, sessions, webauthnChallenges } from "../../db/schema";
import * as options from "../../app/routes/passkey-options";
import * as keysPage from "../../app/routes/account-passkeys";
import * as login from "../../app/routes/login";
import * as careGoals from "../../app/routes/care/goals";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import { hashToken } from "../../consent/tokens";
import { call, makeRequest } from "../support/routes";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { softAuthenticator } from "../support/authenticator";

// Passkeys (ADR 014): made in "Mijn account" with the device's own lock, used to sign
// in with one tap (both steps at once), each named and removable. Every challenge
// works once and for a few minutes; a key works only for its owner.

beforeEach(() => resetRateLimits());

async function askOptions(purpose: string, cookie?: string) {
  const result = await call(options.action, makeRequest("/passkeys/options", { form: { purpose }, cookie }));
  return result;
}

function passwordOnly(user: TestUser) {
  return `${SESSION_COOKIE}=${createSession(getDb(), user.id, { device: "Firefox · Windows" }).token}`;
}

const sessionOf = (cookie: string) => getDb().select().from(sessions).where(eq(sessions.id, hashToken(cookie.split("=")[1]))).get();
const keysOf = (user: TestUser) => getDb().select().from(passkeys).where(eq(passkeys.userId, user.id)).all();

/** Makes a passkey as the page does: options, the device, the post with a name. */
async function addKey(user: TestUser, device: ReturnType<typeof softAuthenticator>, name = "Mijn telefoon", cookie = user.cookie) {
  const asked = await askOptions("add", cookie);
  expect(asked.status).toBe(200);
  const answer = device.create(asked.data.options);
  return call(keysPage.action, makeRequest("/account/passkeys", { cookie, form: { intent: "add", name, challengeId: asked.data.challengeId, answer: JSON.stringify(answer) } }));
}

async function signInWith(device: ReturnType<typeof softAuthenticator>, redirectTo = "/care") {
  const asked = await askOptions("signin");
  const answer = device.get(asked.data.options);
  const form = { intent: "passkey", challengeId: asked.data.challengeId, answer: JSON.stringify(answer), redirectTo };
  return { result: await call(login.action, makeRequest("/login", { form })), form };
}

/** The challenge a device signed, read back from its answer. */
const challengeOf = (answer: string) => JSON.parse(Buffer.from(JSON.parse(answer).response.clientDataJSON, "base64url").toString()).challenge as string;

const cookieOf = (result: { headers: Headers }) => {
  const token = result.headers.get("Set-Cookie")?.match(/gp_session=([^;]+)/)?.[1];
  return token ? `${SESSION_COOKIE}=${token}` : null;
};

describe("making a passkey", () => {
  it("keeps a named key; the first one brings ten recovery codes once and counts as this session's second step", async () => {
    const dennis = await makeUser({ name: "Dennis" });
    const cookie = passwordOnly(dennis);
    const device = softAuthenticator();
    const first = await addKey(dennis, device, "Telefoon van Dennis", cookie);
    expect(first.status).toBe(200);
    expect(first.data.codes).toHaveLength(10);
    expect(sessionOf(cookie)!.secondStepAt).not.toBeNull();
    expect(keysOf(dennis).map((k) => k.name)).toEqual(["Telefoon van Dennis"]);

    const second = await addKey(dennis, softAuthenticator(), "Laptop", cookie);
    expect(second.status).toBe(302);
    expect(second.location).toBe("/account/passkeys?added=1");
    expect(getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, dennis.id)).all()).toHaveLength(10);

    const page = await call(keysPage.loader, makeRequest("/account/passkeys", { cookie }));
    expect(page.data.keys.map((k: { name: string }) => k.name)).toEqual(["Telefoon van Dennis", "Laptop"]);
    // Nothing of the key itself goes to the page.
    expect(JSON.stringify(page.data)).not.toContain(keysOf(dennis)[0].publicKey);
  });

  it("asks for a name next to the field, keeps nothing, and uses up no key", async () => {
    const dennis = await makeUser();
    const empty = await addKey(dennis, softAuthenticator(), "   ");
    expect(empty.status).toBe(400);
    expect(empty.data.errors.name).toBe("errors.required");
    expect(keysOf(dennis)).toHaveLength(0);
  });

  it("needs a signed-in person, and a challenge that is theirs, fresh and unused", async () => {
    expect((await askOptions("add")).status).toBe(400);
    expect((await askOptions("confirm")).status).toBe(400);
    expect((await askOptions("nonsense")).status).toBe(400);

    const dennis = await makeUser();
    const lisa = await makeUser();
    const device = softAuthenticator();
    // Lisa's challenge cannot make a key for Dennis.
    const lisas = await askOptions("add", lisa.cookie);
    const stolen = await call(keysPage.action, makeRequest("/account/passkeys", { cookie: dennis.cookie, form: { intent: "add", name: "x", challengeId: lisas.data.challengeId, answer: JSON.stringify(device.create(lisas.data.options)) } }));
    expect(stolen.status).toBe(400);
    expect(stolen.data.errors.form).toBe("auth:passkey.failed");

    // A challenge works once.
    const asked = await askOptions("add", dennis.cookie);
    const form = { intent: "add", name: "Telefoon", challengeId: asked.data.challengeId, answer: JSON.stringify(device.create(asked.data.options)) };
    expect((await call(keysPage.action, makeRequest("/account/passkeys", { cookie: dennis.cookie, form }))).status).toBe(200);
    expect((await call(keysPage.action, makeRequest("/account/passkeys", { cookie: dennis.cookie, form }))).status).toBe(400);

    // And for five minutes.
    const late = await askOptions("add", dennis.cookie);
    getDb().update(webauthnChallenges).set({ expiresAt: Date.now() - 1 }).where(eq(webauthnChallenges.id, late.data.challengeId)).run();
    const tooLate = await call(keysPage.action, makeRequest("/account/passkeys", { cookie: dennis.cookie, form: { intent: "add", name: "Laptop", challengeId: late.data.challengeId, answer: JSON.stringify(softAuthenticator().create(late.data.options)) } }));
    expect(tooLate.status).toBe(400);
    expect(keysOf(dennis)).toHaveLength(1);
  });

  it("refuses a device that does not ask for its lock, and an answer for another site", async () => {
    const dennis = await makeUser();
    expect((await addKey(dennis, softAuthenticator("http://localhost", { verifiesUser: false }))).status).toBe(400);
    expect((await addKey(dennis, softAuthenticator("https://elders.example"))).status).toBe(400);
    expect(keysOf(dennis)).toHaveLength(0);
  });
});

describe("signing in with a passkey", () => {
  it("is one tap: a session that passed both steps, so a professional can look at once", async () => {
    const marco = await makeUser({ name: "Marco", organisation: "Gezinscoach" });
    const { familyId, admin } = await makeFamily();
    await makeConsent(familyId, admin.id, { scopes: { goals: "read" }, professional: marco });
    const device = softAuthenticator();
    await addKey(marco, device);

    const { result } = await signInWith(device, `/care/${familyId}/goals`);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/care/${familyId}/goals`);
    const cookie = cookieOf(result)!;
    expect(sessionOf(cookie)!.secondStepAt).not.toBeNull();
    expect(keysOf(marco)[0].lastUsedAt).not.toBeNull();
    const goals = await call(careGoals.loader, makeRequest(`/care/${familyId}/goals`, { cookie }), { familyId });
    expect(goals.status).toBe(200);
  });

  it("works once per challenge, refuses a copied key whose counter goes back, and nonsense without a 500", async () => {
    const dennis = await makeUser();
    const device = softAuthenticator();
    await addKey(dennis, device);
    const { result, form } = await signInWith(device);
    expect(result.status).toBe(302);
    const replay = await call(login.action, makeRequest("/login", { form }));
    expect(replay.status).toBe(400);
    // Not even with a fresh signature over the same challenge: a challenge is used up.
    const resigned = { ...form, answer: JSON.stringify(device.get({ challenge: challengeOf(form.answer), rpId: "localhost", allowCredentials: [] })) };
    expect((await call(login.action, makeRequest("/login", { form: resigned }))).status).toBe(400);
    expect(replay.data.errors.form).toBe("auth:passkey.failed");
    expect(cookieOf(replay)).toBeNull();

    // A copy of the key that signs with an older counter is not the key.
    device.keys[0].counter = 0;
    expect((await signInWith(device)).result.status).toBe(400);

    for (const answer of ["", "{", "[]", JSON.stringify({ id: "x", rawId: "x", type: "public-key", response: {} }), "x".repeat(20_000)]) {
      const asked = await askOptions("signin");
      const nonsense = await call(login.action, makeRequest("/login", { form: { intent: "passkey", challengeId: asked.data.challengeId, answer } }));
      expect(nonsense.status).toBe(400);
    }
  });

  it("stops working the moment its owner removes it; another person cannot remove it", async () => {
    const dennis = await makeUser();
    const lisa = await makeUser();
    const device = softAuthenticator();
    await addKey(dennis, device);
    const id = keysOf(dennis)[0].id;
    await call(keysPage.action, makeRequest("/account/passkeys", { cookie: lisa.cookie, form: { intent: "remove", passkey: id } }));
    expect(keysOf(dennis)).toHaveLength(1);

    const removed = await call(keysPage.action, makeRequest("/account/passkeys", { cookie: dennis.cookie, form: { intent: "remove", passkey: id } }));
    expect(removed.location).toBe("/account/passkeys?removed=1");
    expect(keysOf(dennis)).toHaveLength(0);
    expect((await signInWith(device)).result.status).toBe(400);
  });

  it("leaves the password a way in of its own: no second step asked for a passkey", async () => {
    const dennis = await makeUser();
    await addKey(dennis, softAuthenticator());
    const done = await call(login.action, makeRequest("/login", { form: { email: dennis.email, password: "een lang wachtwoord" } }));
    expect(done.location).toBe("/");
    expect(cookieOf(done)).not.toBeNull();
  });
});

describe("confirming a session with a passkey", () => {
  it("gives a password-only session its second step with the person's own key only", async () => {
    const marco = await makeUser();
    const lisa = await makeUser();
    const marcosDevice = softAuthenticator();
    await addKey(marco, marcosDevice);
    const lisasDevice = softAuthenticator();
    await addKey(lisa, lisasDevice);
    const cookie = passwordOnly(marco);

    const asked = await askOptions("confirm", cookie);
    // The options name only Marco's key.
    expect(asked.data.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([keysOf(marco)[0].id]);
    const wrongKey = lisasDevice.get({ ...asked.data.options, allowCredentials: [] });
    const refused = await call(keysPage.action, makeRequest("/account/passkeys", { cookie, form: { intent: "confirm", challengeId: asked.data.challengeId, answer: JSON.stringify(wrongKey) } }));
    expect(refused.status).toBe(400);
    expect(sessionOf(cookie)!.secondStepAt).toBeNull();

    const again = await askOptions("confirm", cookie);
    const ok = await call(keysPage.action, makeRequest("/account/passkeys?redirectTo=%2Fcare", { cookie, form: { intent: "confirm", challengeId: again.data.challengeId, answer: JSON.stringify(marcosDevice.get(again.data.options)) } }));
    expect(ok.location).toBe("/care");
    expect(sessionOf(cookie)!.secondStepAt).not.toBeNull();
  });
});
