import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { mockMailbox, signUpOverHttp } from "../support/mailbox";

// Starts the real production server with its own SQLite file and talks HTTP to it
// like a browser would.

let server: RunningServer;
let base = "";
const mailbox = mockMailbox();

beforeAll(async () => {
  server = await startServer({ env: mailbox.env });
  base = server.base;
});

afterAll(() => {
  server?.stop();
  mailbox.remove();
});

/** A tiny browser: keeps its cookie, sends same-origin form posts. */
function browser() {
  let cookie = "";
  async function request(pathname: string, init: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (cookie) headers.Cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers.Origin ??= base;
    }
    const response = await fetch(base + pathname, { method: init.form ? "POST" : "GET", headers, body, redirect: "manual" });
    const set = response.headers.get("set-cookie")?.match(/gp_session=([^;]*)/);
    if (set) cookie = set[1] ? `gp_session=${set[1]}` : "";
    return response;
  }
  /** Signs up through the mail, and keeps the session. */
  async function signUp(person: { name: string; email: string; password: string }) {
    cookie = await signUpOverHttp(base, mailbox, person);
  }
  return { request, signUp };
}

describe("the built server over HTTP", () => {
  it("a family signs up through the mail, starts a family, adds a goal and reads it back; another user gets 404", async () => {
    const mother = browser();
    await mother.signUp({ name: "Samira", email: "samira@http.test", password: "een lang wachtwoord" });

    const family = await mother.request("/families", { form: { name: "Ons gezin", memberName: "Samira", relation: "mama" } });
    expect(family.status).toBe(302);
    const familyPath = new URL(family.headers.get("location")!, base).pathname;
    expect(familyPath).toMatch(/^\/f\/[a-z2-7]{16}$/);

    const goal = await mother.request(`${familyPath}/goals/new`, { form: { title: "Op tijd naar school <script>alert(1)</script>", lifeArea: "school", term: "short" } });
    expect(goal.status).toBe(302);

    const plan = await mother.request(familyPath);
    expect(plan.status).toBe(200);
    const html = await plan.text();
    expect(html).toContain("Op tijd naar school &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain('lang="nl"');

    const neighbour = browser();
    await neighbour.signUp({ name: "Buurman", email: "buurman@http.test", password: "een lang wachtwoord" });
    const peek = await neighbour.request(familyPath);
    expect(peek.status).toBe(404);
    const peekHtml = await peek.text();
    expect(peekHtml).not.toContain("Ons gezin");
    expect(peekHtml).not.toContain("Op tijd naar school");
    const write = await neighbour.request(`${familyPath}/goals/new`, { form: { title: "Ingebroken", lifeArea: "school", term: "short" } });
    expect(write.status).toBe(404);

    const signedOut = await fetch(base + familyPath, { redirect: "manual" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toContain("/login");
  });

  it("every page carries a CSP with a nonce and the usual security headers", async () => {
    const response = await fetch(base + "/");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = csp.match(/nonce-([^']+)/)![1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const again = await fetch(base + "/");
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("a form posted from another site is refused and stores nothing", async () => {
    const victim = browser();
    await victim.signUp({ name: "Dennis", email: "dennis@http.test", password: "een lang wachtwoord" });
    const attack = await victim.request("/families", { form: { name: "Nep", memberName: "x", relation: "" }, headers: { Origin: "https://evil.example" } });
    expect([400, 403]).toContain(attack.status);
    const fromSite = await victim.request("/families", { form: { name: "Nep", memberName: "x", relation: "" }, headers: { Origin: "", "Sec-Fetch-Site": "cross-site" } });
    expect(fromSite.status).toBe(403);
    const list = await (await victim.request("/families")).text();
    expect(list).not.toContain("Nep");
  });

  it("switches to English and back, without JavaScript", async () => {
    const visitor = browser();
    const switched = await fetch(base + "/language", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: "lang=en&redirectTo=/login",
      redirect: "manual",
    });
    expect(switched.status).toBe(302);
    const cookie = switched.headers.get("set-cookie")!.split(";")[0];
    const english = await (await fetch(base + "/login", { headers: { Cookie: cookie } })).text();
    expect(english).toContain('lang="en"');
    expect(english).toContain("Sign in");
    const dutch = await (await visitor.request("/login")).text();
    expect(dutch).toContain("Inloggen");
  });
});
