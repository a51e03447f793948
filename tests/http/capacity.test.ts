import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

// Past its capacity the server answers at once with a calm 503 and Retry-After,
// instead of letting every request wait (ADR 023): when too many are answered at
// once (here two sign-ins whose bodies are still on their way), and when requests
// have waited in line too long.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MAX_IN_FLIGHT: "2" } });
});

afterAll(() => {
  server?.stop();
});

/** A sign-in post that declares more bytes than it sends yet: in flight until `finish` or `abort`. */
function heldPost() {
  const url = new URL("/login", server.base);
  const [start, rest] = ["email=a%40b.nl", "&password=een-wachtwoord"];
  const request = http.request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(start.length + rest.length), Origin: server.base },
  });
  const answered = new Promise<number>((resolve) => {
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", () => resolve(0));
  });
  request.write(start);
  request.flushHeaders();
  return {
    answered,
    finish: () => request.end(rest),
    abort: () => request.destroy(),
  };
}

/** Asks until the server has counted what was sent (a request's headers arrive a moment after it is written). */
async function untilBusy(): Promise<Response> {
  for (let tries = 0; tries < 200; tries++) {
    const answer = await fetch(`${server.base}/login`, { headers: { Cookie: "gp_lang=ar" } });
    if (answer.status === 503) return answer;
    await answer.text();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("never busy");
}

describe("past its capacity", () => {
  it("answers a quick 503 in the reader's language, keeps /healthz answering, and takes requests again when one ends or is dropped", async () => {
    const first = heldPost();
    const second = heldPost();
    const busy = await untilBusy();
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(busy.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await busy.text();
    expect(page).toContain('dir="rtl"');
    expect(page).toContain("هناك ضغط كبير الآن");
    const dutch = await fetch(`${server.base}/login`);
    expect(dutch.status).toBe(503);
    expect(await dutch.text()).toContain("Het is nu erg druk");
    // Monitoring still hears the server is alive.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

    // One sign-in arrives whole and is answered; the other is dropped by its phone.
    first.finish();
    expect(await first.answered).toBeLessThan(500);
    second.abort();
    await second.answered;
    for (let tries = 0; ; tries++) {
      const again = await fetch(`${server.base}/login`);
      await again.text();
      if (again.status === 200) break;
      expect(tries, "the slots were never given back").toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Both slots are free again: two at once are served.
    const both = await Promise.all([fetch(`${server.base}/login`), fetch(`${server.base}/login`)]);
    expect(both.map((answer) => answer.status)).toEqual([200, 200]);
  });

  it("answers 503 at once to the requests that waited in line longer than MAX_WAIT_MS, and serves the next one", async () => {
    const waiting = await startServer({ env: { MAX_WAIT_MS: "100" } });
    // Connections opened first, so that each request is read as soon as the server can.
    const count = 200;
    const agent = new http.Agent({ keepAlive: true, maxSockets: count });
    const get = () =>
      new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
        http
          .get(new URL("/login", waiting.base), { agent }, (response) => {
            response.resume();
            response.on("end", () => resolve({ status: response.statusCode!, retryAfter: response.headers["retry-after"] as string | undefined }));
          })
          .on("error", reject);
      });
    try {
      // What these are answered does not matter here: two hundred at once are
      // already a line, and a busy answer keeps its connection open too.
      expect((await get()).status).toBe(200);
      await Promise.all(Array.from({ length: count }, get));
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(count);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Two hundred people ask at the same moment: held back while the server is
      // stopped, they reach it together, and it reads them one after the other in
      // one turn. The first are served; those that have waited more than 100 ms in
      // line by the time they are read are told at once, not served late.
      waiting.process.kill("SIGSTOP");
      const lined = Array.from({ length: count }, get);
      await new Promise((resolve) => setTimeout(resolve, 400));
      waiting.process.kill("SIGCONT");
      const answers = await Promise.all(lined);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      expect(answers.filter((answer) => answer.status === 503).every((answer) => answer.retryAfter === "5")).toBe(true);
      // A moment later the line is gone (the turn that answered them has passed): the next one is served.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await get()).status).toBe(200);
    } finally {
      agent.destroy();
      waiting.stop();
    }
  });

  it("stops with a clear message for a setting that is not a small whole number", async () => {
    await expect(startServer({ env: { MAX_IN_FLIGHT: "many" } })).rejects.toThrow(/MAX_IN_FLIGHT must be a whole number/);
    await expect(startServer({ env: { MAX_WAIT_MS: "10" } })).rejects.toThrow(/MAX_WAIT_MS must be a whole number from 50/);
  });
});
