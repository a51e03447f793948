import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFamily } from "../support/factories";
import { startServer, type RunningServer } from "../support/server";

// A body is measured before anything reads it: a huge post is refused at once
// with 413 and a page that says so, and what was typed in it is never sent back.

let server: RunningServer;
let cookie = "";
let progressPath = "";

beforeAll(async () => {
  const { familyId, admin } = await makeFamily();
  cookie = admin.cookie;
  progressPath = `/f/${familyId}/progress`;
  server = await startServer({ dbFile: process.env.DATABASE_PATH });
});

afterAll(() => {
  server?.stop();
});

/** A post that declares `declared` bytes but sends only `body`; resolves with the answer without sending the rest. */
function postDeclaring(path: string, declared: number, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const url = new URL(path, server.base);
    const request = http.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(declared), Origin: server.base, Cookie: cookie, ...headers },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode!, text });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.write(body);
  });
}

function post(path: string, form: Record<string, string>) {
  return fetch(server.base + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base, Cookie: cookie },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
}

describe("request bodies", () => {
  it("a post of 100 MB is answered with 413 after the first 64 kB, without waiting for the rest", async () => {
    const start = "intent=progress&text=" + "a".repeat(64 * 1024);
    for (const path of [progressPath, `${progressPath}.data`, "/login", "/api/v1/plan"]) {
      const answer = await postDeclaring(path, 100 * 1024 * 1024, start);
      expect(answer.status, path).toBe(413);
      expect(answer.text, path).not.toContain("aaaaaaaaaa");
    }
  });

  it("says so in the reader's language, on a page", async () => {
    const dutch = await postDeclaring(progressPath, 200_000, "text=x");
    expect(dutch.text).toContain("Dat is te veel in één keer");
    const english = await postDeclaring(progressPath, 200_000, "text=x", { Cookie: `${cookie}; gp_lang=en` });
    expect(english.text).toContain("That is too much at once");
  });

  it("a body without a declared length is refused", async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL(progressPath, server.base), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Origin: server.base, Cookie: cookie },
      });
      request.on("response", (response) => {
        resolve(response.statusCode!);
        response.resume();
        request.destroy();
      });
      request.on("error", reject);
      request.write("intent=progress&text=");
    });
    expect(answer).toBe(411);
  });

  it("a note far over its limit gets the message and is not sent back; a little over is kept to shorten", async () => {
    const far = "ver-te-lang ".repeat(250);
    const refused = await post(progressPath, { intent: "progress", text: far });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("Dit is te lang");
    expect(page).not.toContain("ver-te-lang");

    const little = "net-te-lang ".repeat(90);
    const kept = await (await post(progressPath, { intent: "progress", text: little })).text();
    expect(kept).toContain("Dit is te lang");
    expect(kept).toContain(little.trim().slice(0, 100));
  });
});
