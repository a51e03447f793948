import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

// Past its capacity the server answers at once with a calm 503 and Retry-After,
// instead of letting every request wait (ADR 023). Here the capacity is two: two
// sign-ins whose bodies are still on their way fill it.

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

  it("stops with a clear message for a setting that is not a small whole number", async () => {
    await expect(startServer({ env: { MAX_IN_FLIGHT: "many" } })).rejects.toThrow(/MAX_IN_FLIGHT must be a whole number/);
  });
});
