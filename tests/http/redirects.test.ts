import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../support/factories";
import { startServer, type RunningServer } from "../support/server";

// After signing in and after a language switch the app sends the browser on to
// `redirectTo`. Whatever a link or a form puts there, the real server answers with
// a redirect that stays on this site, and never with a 500 (a newline cannot go in
// a header).

let server: RunningServer;

beforeAll(async () => {
  await makeUser({ email: "ouder@redirect.test" });
  server = await startServer({ dbFile: process.env.DATABASE_PATH });
});

afterAll(() => {
  server?.stop();
});

const HOSTILE = ["//evil.example/", "/\t/evil.example/", "/\n/evil.example", "/a\r\nSet-Cookie: x=1", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", `/${"x".repeat(10_000)}`];

function post(path: string, form: Record<string, string>) {
  return fetch(server.base + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
}

describe("redirectTo", () => {
  it("on the language switch stays on this site for every hostile value", async () => {
    for (const redirectTo of HOSTILE) {
      const response = await post("/language", { lang: "en", redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(response.headers.get("location")!, server.base).origin, JSON.stringify(redirectTo)).toBe(server.base);
    }
  });

  it("after signing in stays on this site for every hostile value, and still follows a good one", async () => {
    for (const redirectTo of HOSTILE) {
      const response = await post("/login", { email: "ouder@redirect.test", password: "een lang wachtwoord", redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(response.headers.get("location")!, server.base).origin, JSON.stringify(redirectTo)).toBe(server.base);
    }
    const good = await post("/login", { email: "ouder@redirect.test", password: "een lang wachtwoord", redirectTo: "/families?x=1" });
    expect(good.headers.get("location")).toBe("/families?x=1");
  });
});
