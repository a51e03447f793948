import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { makeFamily } from "../support/factories";

// Every response carries a Content-Security-Policy and the usual security
// headers: pages, redirects, errors, the API, the health check and refused posts.

let server: RunningServer;
let family = { familyId: "", cookie: "" };

beforeAll(async () => {
  const made = await makeFamily();
  family = { familyId: made.familyId, cookie: made.admin.cookie };
  server = await startServer({ dbFile: process.env.DATABASE_PATH });
});

afterAll(() => {
  server?.stop();
});

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy");
  expect(csp, what).toBeTruthy();
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain("unsafe-inline");
  expect(response.headers.get("content-security-policy")!.split(",").length, `${what}: one policy`).toBe(1);
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("are on every kind of response", async () => {
    const base = server.base;
    const get = (path: string, init: RequestInit = {}) => fetch(base + path, { redirect: "manual", ...init });
    const cases: [string, Response, number | number[]][] = [
      ["start page", await get("/"), 200],
      ["sign-in page", await get("/login"), 200],
      ["a page that does not exist", await get("/bestaat-niet"), 404],
      ["a family page when signed out (redirect)", await get("/f/abcdefghijklmnop"), 302],
      ["an unknown invitation", await get("/invite/abcdefghijklmnopqrstuvwxyz234567"), 404],
      ["the API without a key", await get("/api/v1/plan"), 401],
      ["the API with a guessed key", await get("/api/v1/plan", { headers: { Authorization: "Bearer gp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } }), 401],
      ["the health check", await get("/healthz"), 200],
      ["'Wie keek mee?' as a file", await get(`/f/${family.familyId}/looks.csv`, { headers: { Cookie: family.cookie } }), 200],
      [
        "a post that is too large",
        await get(`/f/${family.familyId}/progress`, {
          method: "POST",
          headers: { Cookie: family.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
          body: `text=${"a".repeat(70_000)}`,
        }),
        413,
      ],
      [
        "a post from another site",
        await get("/families", { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "name=x" }),
        // React Router's own origin check (400) or ours (403): refused either way.
        [400, 403],
      ],
      [
        "a post marked cross-site by the browser",
        await get("/families", { method: "POST", headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" }, body: "name=x" }),
        403,
      ],
    ];
    for (const [what, response, status] of cases) {
      expect([status].flat(), what).toContain(response.status);
      expectSecurityHeaders(response, what);
    }
  });

  it("pages get a fresh nonce each time and private caching only", async () => {
    const first = await fetch(server.base + "/login");
    const second = await fetch(server.base + "/login");
    const nonce = (r: Response) => r.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    expect(nonce(first)).not.toBe(nonce(second));
    expect(nonce(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
  });
});
