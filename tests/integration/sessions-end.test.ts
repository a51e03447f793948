import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { sessions } from "../../db/schema";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as account from "../../app/routes/account";
import * as families from "../../app/routes/families";
import { hashToken } from "../../consent/tokens";
import { makeUser, type TestUser } from "../support/factories";
import { call, load, makeRequest, submit } from "../support/routes";

// Sessions end when the person says so: signing out and changing the password end
// every other session too, and nobody can plant a session id before sign-in.

const PASSWORD = "een lang wachtwoord";
const tokenFrom = (setCookie: string | null) => setCookie?.match(/gp_session=([^;]*)/)?.[1] ?? null;

async function signIn(user: TestUser, cookie?: string) {
  const result = await call(login.action, makeRequest("/login", { cookie, form: { email: user.email, password: PASSWORD } }));
  expect(result.status).toBe(302);
  return `gp_session=${tokenFrom(result.headers.get("Set-Cookie"))}`;
}

const signedIn = async (cookie: string) => (await load(families.loader, "/families", {}, cookie)).status === 200;

describe("ending sessions", () => {
  it("signing out on one phone signs you out on every device", async () => {
    const user = await makeUser();
    const phone = await signIn(user);
    const laptop = await signIn(user);
    const someoneElse = await makeUser();
    expect(await signedIn(phone)).toBe(true);
    await call(logout.action, makeRequest("/logout", { method: "POST", cookie: phone }));
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(false);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    // Another person's session is not touched.
    expect(await signedIn(someoneElse.cookie)).toBe(true);
  });

  it("a new password ends the other sessions, keeps you signed in here, and the old password stops working", async () => {
    const user = await makeUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const changed = await submit(account.action, "/account", {}, { current: PASSWORD, password: "een heel nieuw wachtwoord" }, here);
    expect(changed.status).toBe(302);
    expect(changed.location).toBe("/account?changed=1");
    const fresh = `gp_session=${tokenFrom(changed.headers.get("Set-Cookie"))}`;
    expect(fresh).not.toBe(here);
    expect(await signedIn(fresh)).toBe(true);
    expect(await signedIn(here)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);
    expect((await submit(login.action, "/login", {}, { email: user.email, password: PASSWORD })).status).toBe(400);
    expect((await submit(login.action, "/login", {}, { email: user.email, password: "een heel nieuw wachtwoord" })).status).toBe(302);
  });

  it("a wrong current password or a short new one gets a message next to the field, and changes nothing", async () => {
    const user = await makeUser();
    const here = await signIn(user);
    const wrong = await submit(account.action, "/account", {}, { current: "niet mijn wachtwoord", password: "een heel nieuw wachtwoord" }, here);
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ current: "auth:account.wrongCurrent" });
    const short = await submit(account.action, "/account", {}, { current: PASSWORD, password: "kort" }, here);
    expect(short.status).toBe(400);
    expect(short.data.errors).toEqual({ password: "errors.passwordShort" });
    expect(await signedIn(here)).toBe(true);
    expect((await submit(login.action, "/login", {}, { email: user.email, password: PASSWORD })).status).toBe(302);
  });

  it("guessing the current password on the account page is limited like signing in", async () => {
    const user = await makeUser();
    const here = await signIn(user);
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await submit(account.action, "/account", {}, { current: `gok ${i}`, password: "een heel nieuw wachtwoord" }, here)).status;
    }
    expect(last).toBe(429);
  });

  it("'overal uitloggen' ends every session, this one too", async () => {
    const user = await makeUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const out = await submit(account.action, "/account", {}, { intent: "everywhere" }, here);
    expect(out.status).toBe(302);
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await signedIn(here)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);
  });

  it("the account page is only for someone signed in", async () => {
    const page = await load(account.loader, "/account", {});
    expect(page.status).toBe(302);
    expect(page.location).toBe("/login?redirectTo=%2Faccount");
    const post = await submit(account.action, "/account", {}, { intent: "everywhere" });
    expect(post.status).toBe(302);
    expect(post.location).toMatch(/^\/login/);
  });
});

describe("session fixation", () => {
  it("a session id planted before sign-in is never used: sign-in always makes a new one", async () => {
    const user = await makeUser();
    const planted = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const cookie = await signIn(user, `gp_session=${planted}`);
    expect(cookie).not.toBe(`gp_session=${planted}`);
    expect(getDb().select().from(sessions).where(eq(sessions.id, hashToken(planted))).get()).toBeUndefined();
    expect(await signedIn(`gp_session=${planted}`)).toBe(false);
    expect(await signedIn(cookie)).toBe(true);
  });

  it("signing in again while signed in also gives a new id", async () => {
    const user = await makeUser();
    const first = await signIn(user);
    const second = await signIn(user, first);
    expect(second).not.toBe(first);
  });
});
