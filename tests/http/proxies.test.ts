import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog } from "../../db/schema";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { startServer, type RunningServer } from "../support/server";

// Behind a reverse proxy every connection comes from the proxy. With TRUST_PROXIES=1
// the server believes the one proxy in front of it about the client's address and
// about https; without it (the default) X-Forwarded-* is whatever a client sent,
// and is ignored. Both ways, on the real server.

let trusting: RunningServer;
let plain: RunningServer;
let familyId = "";
let proCookie = "";

beforeAll(async () => {
  const { familyId: id, admin } = await makeFamily();
  familyId = id;
  const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
  proCookie = professional.cookie;
  await makeUser({ email: "ouder@proxy.test" });
  [trusting, plain] = await Promise.all([
    startServer({ dbFile: process.env.DATABASE_PATH, env: { TRUST_PROXIES: "1" } }),
    startServer({ dbFile: process.env.DATABASE_PATH }),
  ]);
});

afterAll(() => {
  trusting?.stop();
  plain?.stop();
});

function lastLoggedAddress() {
  return getDb().select({ ip: accessLog.ip }).from(accessLog).where(eq(accessLog.familyId, familyId)).orderBy(desc(accessLog.seq)).get()?.ip;
}

// What a proxy set up as docs/operations.md says sends on: the public host, https, the client.
const behindTls = { Host: "groeiplan.example", "X-Forwarded-For": "203.0.113.77", "X-Forwarded-Proto": "https" };

/** A post as the proxy passes it on: fetch() will not send our own Host header, node:http does. */
function viaProxy(server: RunningServer, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; setCookie: string }>((resolve, reject) => {
    const request = http.request(new URL(path, server.base), { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode!, setCookie: String(response.headers["set-cookie"] ?? "") });
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("TRUST_PROXIES", () => {
  it("with one trusted proxy the log keeps the client's address the proxy names", async () => {
    const response = await fetch(`${trusting.base}/care/${familyId}/goals`, { headers: { Cookie: proCookie, ...behindTls } });
    expect(response.status).toBe(200);
    expect(lastLoggedAddress()).toBe("203.0.113.77");
  });

  it("without it, a forwarded address sent by anyone is ignored", async () => {
    const response = await fetch(`${plain.base}/care/${familyId}/goals`, { headers: { Cookie: proCookie, ...behindTls } });
    expect(response.status).toBe(200);
    expect(lastLoggedAddress()).toBe("127.0.0.1");
  });

  it("behind a TLS proxy that is trusted, a sign-in from the public address works and its cookie is Secure", async () => {
    const form = new URLSearchParams({ email: "ouder@proxy.test", password: "een lang wachtwoord" }).toString();
    const headers = { ...behindTls, Origin: "https://groeiplan.example", "Content-Type": "application/x-www-form-urlencoded" };
    const trusted = await viaProxy(trusting, "/login", headers, form);
    expect(trusted.status).toBe(302);
    expect(trusted.setCookie).toMatch(/; Secure/);
    // Not believing the proxy, the server sees a post from another site, and refuses it.
    const untrusted = await viaProxy(plain, "/login", headers, form);
    expect(untrusted.status).toBeGreaterThanOrEqual(400);
    expect(untrusted.setCookie).not.toMatch(/gp_session=[a-z2-7]/);
  });

  it("a setting that is not a small whole number stops the server with a clear message", async () => {
    await expect(startServer({ env: { TRUST_PROXIES: "yes" } })).rejects.toThrow(/TRUST_PROXIES must be a whole number/);
  });
});
