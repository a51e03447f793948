import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { sessions } from "../../db/schema";
import * as signup from "../../app/routes/signup";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as families from "../../app/routes/families";
import { isSameOrigin } from "../../app/middleware.server";
import { hashToken } from "../../consent/tokens";
import { call, makeRequest, submit } from "../support/routes";
import { makeUser } from "../support/factories";
import * as account from "../../app/routes/account";

function tokenFrom(setCookie: string | null) {
  return setCookie?.match(/gp_session=([^;]*)/)?.[1] ?? null;
}

describe("sign in, sign out", () => {
  it("signing in with the right password works; a wrong one says so without telling which part", async () => {
    await makeUser({ name: "Dennis", email: "dennis@example.nl" });
    const wrong = await submit(login.action, "/login", {}, { email: "dennis@example.nl", password: "fout wachtwoord" });
    const unknown = await submit(login.action, "/login", {}, { email: "niemand@example.nl", password: "fout wachtwoord" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ form: "errors.wrongLogin" });
    expect(unknown.data.errors).toEqual(wrong.data.errors);

    const ok = await submit(login.action, "/login", {}, { email: "dennis@example.nl", password: "een lang wachtwoord", redirectTo: "/f/abc" });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/f/abc");
    expect(tokenFrom(ok.headers.get("Set-Cookie"))).toBeTruthy();
  });

  it("never redirects to another site after signing in", async () => {
    await makeUser({ name: "Lisa", email: "lisa@example.nl" });
    const ok = await submit(login.action, "/login", {}, { email: "lisa@example.nl", password: "een lang wachtwoord", redirectTo: "https://evil.example/" });
    expect(ok.location).toBe("/");
  });

  it("ten wrong passwords stop that address for that account; her own phone still gets in", async () => {
    await makeUser({ name: "Opa", email: "opa@example.nl" });
    const from = (ip: string, password: string) =>
      call(login.action, makeRequest("/login", { form: { email: "opa@example.nl", password }, headers: { "x-groeiplan-client-ip": ip } }));
    for (let i = 0; i < 10; i++) expect((await from("198.51.100.66", `gok ${i}`)).status).toBe(400);
    const blocked = await from("198.51.100.66", "een lang wachtwoord");
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.form).toBe("errors.tooManyAttempts");
    expect(blocked.headers.get("Set-Cookie")).toBeNull();
    // The stranger cannot keep the owner out: from an address that was not failing the right password works.
    const own = await from("203.0.113.5", "een lang wachtwoord");
    expect(own.status).toBe(302);
    expect(tokenFrom(own.headers.get("Set-Cookie"))).toBeTruthy();
  });

  it("signing in well never counts: a school office behind one address is not locked out by its teachers", async () => {
    const office = { "x-groeiplan-client-ip": "192.0.2.10" };
    await makeUser({ name: "Juf", email: "juf@example.nl" });
    for (let i = 0; i < 60; i++) {
      const ok = await call(login.action, makeRequest("/login", { form: { email: "juf@example.nl", password: "een lang wachtwoord" }, headers: office }));
      expect(ok.status, `sign-in ${i + 1}`).toBe(302);
    }
  });

  it("one address guessing many accounts is stopped as well", async () => {
    const guesser = { "x-groeiplan-client-ip": "198.51.100.99" };
    for (let i = 0; i < 50; i++) {
      const wrong = await call(login.action, makeRequest("/login", { form: { email: `iemand${i}@example.nl`, password: "raden" }, headers: guesser }));
      expect(wrong.status).toBe(400);
    }
    await makeUser({ name: "Nieuw", email: "nieuw@example.nl" });
    const next = await call(login.action, makeRequest("/login", { form: { email: "nieuw@example.nl", password: "een lang wachtwoord" }, headers: guesser }));
    expect(next.status).toBe(429);
  });

  it("signing out ends the session in the database", async () => {
    const up = await makeUser({ name: "Oma", email: "oma@example.nl" });
    const token = up.cookie.split("=")[1];
    const out = await call(logout.action, makeRequest("/logout", { method: "POST", cookie: `gp_session=${token}` }));
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(getDb().select().from(sessions).where(eq(sessions.id, hashToken(token))).get()).toBeUndefined();
    const page = await call(families.loader, makeRequest("/families", { cookie: `gp_session=${token}` }));
    expect(page.status).toBe(302);
  });
});

describe("secrets are never sent back", () => {
  it("a refused sign-in, sign-up or password change carries no password in its route data", async () => {
    const secret = "mijn-geheime-wachtwoord-123";
    const cases = [
      await submit(login.action, "/login", {}, { email: "", password: secret }),
      await submit(login.action, "/login", {}, { email: "x".repeat(300), password: secret }),
      await submit(signup.action, "/signup", {}, { name: "", email: "geen-mail", password: secret }),
      await submit(signup.action, "/signup", {}, { name: "Samira", email: "samira@example.nl", password: "kort" }),
    ];
    const user = await makeUser();
    cases.push(await submit(account.action, "/account", {}, { current: secret, password: "kort" }, user.cookie));
    for (const result of cases) {
      expect(result.status).toBeGreaterThanOrEqual(400);
      const sent = JSON.stringify(result.data);
      expect(sent).not.toContain(secret);
      expect(sent).not.toContain('"kort"');
    }
  });
});

describe("cross-site requests", () => {
  it("writes from another site are refused; same-site and non-browser clients pass", () => {
    const post = (headers: Record<string, string>) => new Request("http://localhost:3000/families", { method: "POST", headers });
    expect(isSameOrigin(post({ Origin: "http://localhost:3000" }))).toBe(true);
    expect(isSameOrigin(post({ Origin: "https://evil.example" }))).toBe(false);
    // Not by prefix: another host that starts with ours, or another port.
    expect(isSameOrigin(post({ Origin: "http://localhost:3000.evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "http://localhost:30001" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "https://localhost:3000" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "same-site" }))).toBe(false);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(post({}))).toBe(true);
  });
});
