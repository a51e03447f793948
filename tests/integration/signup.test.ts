import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { emailLinks, sessions, users } from "../../db/schema";
import * as signup from "../../app/routes/signup";
import * as confirm from "../../app/routes/signup-confirm";
import * as families from "../../app/routes/families";
import { hashToken } from "../../consent/tokens";
import { call, makeRequest, submit } from "../support/routes";
import { makeUser } from "../support/factories";
import { mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";

// Signing up tells nobody whether an address has an account (ADR 008): the answer
// is "look in your mail" either way. A new address gets a one-time link that makes
// the account; an address that has one gets a mail that someone tried.

beforeAll(() => mailServer.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetMail();
  vi.useRealTimers();
});
afterAll(() => mailServer.close());

const DAY = 24 * 60 * 60 * 1000;

function signUp(form: Record<string, string>, ip = "192.0.2.20") {
  return call(signup.action, makeRequest("/signup", { form, headers: { "x-groeiplan-client-ip": ip } }));
}

/** The token in the link of the newest mail to this address. */
function linkTokenFor(email: string) {
  const mail = sentMails.filter((m) => m.body.to === email).at(-1);
  return mail?.body.text.match(/\/signup\/([a-z2-7]+)/)?.[1] ?? null;
}

function open(token: string) {
  return call(confirm.loader, makeRequest(`/signup/${token}`), { token });
}

function finish(token: string) {
  return call(confirm.action, makeRequest(`/signup/${token}`, { method: "POST", form: {} }), { token });
}

describe("signing up", () => {
  it("a new address gets a mail; its link makes the account with a hashed password and signs in", async () => {
    useMailProvider();
    const answer = await signUp({ name: "Samira", email: " Samira@Example.NL ", password: "onze kat heet Pluis", redirectTo: "/invite/abc" });
    expect(answer.status).toBe(200);
    expect(answer.data.sentTo).toBe("samira@example.nl");
    expect(JSON.stringify(answer.data)).not.toContain("onze kat heet Pluis");
    // Nothing exists yet but the link.
    expect(getDb().select().from(users).where(eq(users.email, "samira@example.nl")).get()).toBeUndefined();
    expect(sentMails[0].body.subject).toBe("Maak je account bij Groeiplan af");

    const token = linkTokenFor("samira@example.nl")!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    // Only the hash of the token is stored.
    const stored = getDb().select().from(emailLinks).where(eq(emailLinks.email, "samira@example.nl")).get()!;
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.payload?.passwordHash).toMatch(/^\$argon2id\$/);

    // Opening the link only shows a button (a mail scanner opening it uses nothing up).
    expect((await open(token)).data).toEqual({ state: "open", name: "Samira" });
    expect((await open(token)).data.state).toBe("open");
    const done = await finish(token);
    expect(done.status).toBe(302);
    // A passkey is offered once, on the way to where she was going.
    expect(done.location).toBe(`/account/passkeys?${new URLSearchParams({ welcome: "1", redirectTo: "/invite/abc" })}`);
    const session = done.headers.get("Set-Cookie")!.match(/gp_session=([^;]*)/)![1];

    const user = getDb().select().from(users).where(eq(users.email, "samira@example.nl")).get()!;
    expect(user.name).toBe("Samira");
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(getDb().select().from(sessions).where(eq(sessions.id, hashToken(session))).get()?.userId).toBe(user.id);
    const page = await call(families.loader, makeRequest("/families", { cookie: `gp_session=${session}` }));
    expect(page.data.user.name).toBe("Samira");
  });

  it("an address that has an account gets exactly the same answer, and only its owner hears of it", async () => {
    useMailProvider();
    const owner = await makeUser({ name: "Dennis", email: "dennis@example.nl" });
    const fresh = await signUp({ name: "Iemand", email: "nieuw-adres@example.nl", password: "een ander wachtwoord" }, "192.0.2.21");
    const taken = await signUp({ name: "Iemand", email: "DENNIS@example.nl", password: "een ander wachtwoord" }, "192.0.2.21");
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.data)).toEqual(Object.keys(fresh.data));
    expect(taken.data.sentTo).toBe("dennis@example.nl");
    expect(JSON.stringify(taken.data)).not.toContain("een ander wachtwoord");

    const toOwner = sentMails.filter((m) => m.body.to === "dennis@example.nl");
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0].body.subject).toBe("Je hebt al een account bij Groeiplan");
    expect(toOwner[0].body.text).toContain("http://localhost/login");
    expect(toOwner[0].body.text).not.toMatch(/\/signup\//);
    // No link was made for the taken address, and the account is as it was.
    expect(getDb().select().from(emailLinks).where(eq(emailLinks.email, "dennis@example.nl")).all()).toHaveLength(0);
    expect(getDb().select().from(users).where(eq(users.email, "dennis@example.nl")).all()).toEqual([expect.objectContaining({ id: owner.id, name: "Dennis" })]);
  });

  it("bad input gets messages next to the fields, keeps what was typed but the password, and sends nothing", async () => {
    useMailProvider();
    const bad = await signUp({ name: "", email: "geen-mail", password: "kort" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ name: "errors.required", email: "errors.email", password: "errors.passwordShort" });
    expect(bad.data.values).toEqual({ name: "", email: "geen-mail" });
    expect(sentMails).toHaveLength(0);
  });

  it("a link works once, only for 24 hours, and a guessed one not at all", async () => {
    useMailProvider();
    await signUp({ name: "Lisa", email: "lisa@example.nl", password: "een lang wachtwoord" });
    const token = linkTokenFor("lisa@example.nl")!;
    expect((await finish(token)).status).toBe(302);
    // Used: a second tap finds a closed link and makes nothing more.
    expect((await open(token)).status).toBe(410);
    expect((await finish(token)).status).toBe(410);
    expect(getDb().select().from(users).where(eq(users.email, "lisa@example.nl")).all()).toHaveLength(1);

    await signUp({ name: "Opa", email: "opa@example.nl", password: "een lang wachtwoord" });
    const late = linkTokenFor("opa@example.nl")!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + DAY);
    expect((await open(late)).status).toBe(410);
    expect((await finish(late)).status).toBe(410);
    vi.useRealTimers();
    expect(getDb().select().from(users).where(eq(users.email, "opa@example.nl")).get()).toBeUndefined();

    for (const guess of ["a".repeat(32), "niet-een-token", late.replace(/.$/, (c) => (c === "a" ? "b" : "a"))]) {
      expect((await open(guess)).status).toBe(410);
      expect((await finish(guess)).status).toBe(410);
    }
  });

  it("the account keeps the language the sign-up page was in, for the mails no page asks for", async () => {
    useMailProvider();
    const form = { name: "Amal", email: "amal@example.nl", password: "een lang wachtwoord" };
    await call(signup.action, makeRequest("/signup", { form, headers: { "x-groeiplan-client-ip": "192.0.2.21", Cookie: "gp_lang=ar" } }));
    expect(sentMails.at(-1)!.body.to).toBe("amal@example.nl");
    expect((await finish(linkTokenFor("amal@example.nl")!)).status).toBe(302);
    expect(getDb().select().from(users).where(eq(users.email, "amal@example.nl")).get()!.language).toBe("ar");
    // Without a language cookie the sign-up page was Dutch, and so is the account.
    await signUp({ name: "Kees", email: "kees@example.nl", password: "een lang wachtwoord" });
    await finish(linkTokenFor("kees@example.nl")!);
    expect(getDb().select().from(users).where(eq(users.email, "kees@example.nl")).get()!.language).toBe("nl");
  });

  it("two links for one address make one account: the second goes to signing in", async () => {
    useMailProvider();
    await signUp({ name: "Oma", email: "oma@example.nl", password: "een lang wachtwoord" });
    const first = linkTokenFor("oma@example.nl")!;
    await signUp({ name: "Oma", email: "oma@example.nl", password: "een lang wachtwoord" });
    const second = linkTokenFor("oma@example.nl")!;
    expect(second).not.toBe(first);
    expect((await finish(second)).status).toBe(302);
    const other = await finish(first);
    expect(other.location).toBe("/login");
    expect(other.headers.get("Set-Cookie")).toBeNull();
    expect(getDb().select().from(users).where(eq(users.email, "oma@example.nl")).all()).toHaveLength(1);
  });

  it("is limited per address, the same for an address with and without an account", async () => {
    useMailProvider();
    await makeUser({ email: "bestaat@example.nl" });
    for (const email of ["bestaat@example.nl", "bestaat-niet@example.nl"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await signUp({ name: "X", email, password: "een lang wachtwoord" }, `198.51.100.${i}`)).status);
      expect(statuses, email).toEqual([200, 200, 200, 429]);
    }
  });

  it("without a mail provider the page says that no account can be made here", async () => {
    const page = await call(signup.loader, makeRequest("/signup"));
    expect(page.data).toEqual({ mail: false });
    useMailProvider();
    expect((await call(signup.loader, makeRequest("/signup"))).data).toEqual({ mail: true });
  });
});

describe("the sign-up form's secrets", () => {
  it("never come back: not in the answer, not for a refused form", async () => {
    useMailProvider();
    const refused = await submit(signup.action, "/signup", {}, { name: "", email: "x@example.nl", password: "mijn-geheim-1234" });
    expect(JSON.stringify(refused.data)).not.toContain("mijn-geheim-1234");
  });
});
