import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { mockMailbox, signUpOverHttp } from "../support/mailbox";

// Whatever a family or professional types is shown as text on every page, never
// run as code: script and markup payloads go into every part of the plan through
// the real server, and each page must show them escaped.

let server: RunningServer;
const mailbox = mockMailbox();

beforeAll(async () => {
  server = await startServer({ env: mailbox.env });
});

afterAll(() => {
  server?.stop();
  mailbox.remove();
});

const PAYLOADS = ["<script>alert('gp')</script>", '"><img src=x onerror=alert(1)>', "<a href=\"javascript:alert(1)\">klik</a>"];

function escaped(value: string) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

function browser(base: string, signedIn: string) {
  let cookie = signedIn;
  return async function request(pathname: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {};
    if (cookie) headers.Cookie = cookie;
    if (form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers.Origin = base;
    }
    const response = await fetch(base + pathname, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: "manual" });
    const set = response.headers.get("set-cookie")?.match(/gp_session=([^;]*)/);
    if (set) cookie = `gp_session=${set[1]}`;
    return response;
  };
}

describe("script payloads", () => {
  it("render as text on every page of the plan", async () => {
    const cookie = await signUpOverHttp(server.base, mailbox, { name: PAYLOADS[0], email: "xss@http.test", password: "een lang wachtwoord" });
    const request = browser(server.base, cookie);
    const started = await request("/families", { name: PAYLOADS[1], memberName: PAYLOADS[2], relation: PAYLOADS[0] });
    const family = new URL(started.headers.get("location")!, server.base).pathname;

    const goal = await request(`${family}/goals/new`, { title: PAYLOADS[0], lifeArea: "school", term: "short" });
    expect(goal.status).toBe(302);
    const goalPath = new URL(goal.headers.get("location")!, server.base).pathname;
    expect(goalPath).toMatch(/\/goals\/[a-z2-7]+$/);
    expect((await request(goalPath, { intent: "step", what: PAYLOADS[1], who: "together", when: PAYLOADS[2] })).status).toBe(302);
    expect(
      (await request(`${family}/what-ifs/new`, { situation: PAYLOADS[2], earlySigns: PAYLOADS[0], actions: PAYLOADS[1], informs: PAYLOADS[0], phones: `${PAYLOADS[1]} 06 12345678`, lastCheckedOn: "" })).status,
    ).toBe(302);
    expect((await request(`${family}/progress`, { intent: "progress", text: PAYLOADS[1], mood: "3" })).status).toBe(302);
    expect((await request(`${family}/network/new`, { name: PAYLOADS[0], kind: "informal", relation: PAYLOADS[1], organisation: PAYLOADS[2], phone: "" })).status).toBe(302);
    expect((await request(`${family}/members/new`, { name: PAYLOADS[2], relation: PAYLOADS[0], livesAtHome: "yes" })).status).toBe(302);

    const pages = ["", goalPath.slice(family.length), "/what-ifs", "/progress", "/network", "/members", "/history"];
    for (const page of pages) {
      const response = await request(family + page);
      expect(response.status, page).toBe(200);
      const html = await response.text();
      for (const payload of PAYLOADS) expect(html, `${page} runs ${payload}`).not.toContain(payload);
      // Every script on the page carries the nonce: nothing a user typed became a script.
      const nonce = response.headers.get("content-security-policy")!.match(/nonce-([^']+)/)![1];
      for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag, page).toContain(`nonce="${nonce}"`);
    }
    const plan = await (await request(family)).text();
    expect(plan).toContain(escaped(PAYLOADS[0]));
    expect(plan).toContain(escaped(PAYLOADS[1]));
  });
});
