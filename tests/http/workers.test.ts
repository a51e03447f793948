import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

// The server runs one worker per core on one database (ADR 024). What the workers
// must agree on is in SQLite, so a limit holds over all of them, and two workers
// starting on a file that still needs its migrations apply each one once.

let server: RunningServer;

beforeAll(async () => {
  // An empty file: the workers' first requests migrate it, both at once.
  const dbFile = path.resolve(`tests/.tmp/workers-${process.pid}-${crypto.randomUUID()}.sqlite`);
  fs.writeFileSync(dbFile, "");
  server = await startServer({ dbFile, env: { WORKERS: "2" } });
});

afterAll(() => {
  server?.stop();
});

/** The server's worker processes, read from /proc. */
function workerPids(): number[] {
  const primary = server.process.pid!;
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // The parent's pid is the fourth field, after the name in parentheses.
        return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]) === primary;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A sign-in on a connection of its own: the primary hands each new connection to the next worker. */
function signIn(email: string, password: string): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(new URL("/login", server.base), {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)), Origin: server.base, Connection: "close" },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("one worker per core", () => {
  it("starts two workers that migrate a new database once and answer from the first request on", async () => {
    expect(workerPids()).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(`eerste-${i}@voorbeeld.nl`, "niet-het-wachtwoord")));
    expect(answers.map((answer) => answer.status), server.log()).toEqual(Array(8).fill(400));
    expect(server.log()).not.toMatch(/error/i);
  });

  it("counts wrong passwords over both workers: the eleventh guess is refused, wherever it lands", async () => {
    const email = "gok@voorbeeld.nl";
    for (let guess = 1; guess <= 10; guess++) {
      expect((await signIn(email, `fout-${guess}`)).status, `guess ${guess}`).toBe(400);
    }
    const refused = await signIn(email, "fout-11");
    expect(refused.status).toBe(429);
    expect(refused.text).not.toContain("fout-11");
  });

  it("stops with exit code 1 and says why when the workers cannot start, instead of starting them forever", async () => {
    const noBuild = path.resolve(`tests/.tmp/no-build-${process.pid}`);
    fs.mkdirSync(noBuild, { recursive: true });
    try {
      await expect(startServer({ env: { WORKERS: "2", GROEIPLAN_BUILD_DIR: noBuild } })).rejects.toThrow(/exited with 1:[\s\S]*A worker stopped before it could answer/);
    } finally {
      fs.rmSync(noBuild, { recursive: true, force: true });
    }
  });

  it("starts a new worker when one dies, and both answer again", async () => {
    const [first, second] = workerPids();
    process.kill(first, "SIGKILL");
    // Not asked before the new worker is up: a connection the primary hands to a
    // worker in the moment it dies is lost (node:cluster), and waits until the
    // phone gives up. ADR 024 says so.
    for (let tries = 0; ; tries++) {
      const now = workerPids();
      if (now.length === 2 && !now.includes(first)) {
        expect(now).toContain(second);
        break;
      }
      expect(tries, "no new worker came").toBeLessThan(300);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (let tries = 0; !server.log().includes("starting a new one"); tries++) {
      expect(tries, "the primary never said it").toBeLessThan(300);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(`na-de-val-${i}@voorbeeld.nl`, "niet-het-wachtwoord")));
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
  });
});
