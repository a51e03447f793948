import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGoal } from "../../app/plan/goals.server";
import { getDb } from "../../db/client.server";
import { makeFamily, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { startServer, type RunningServer } from "../support/server";

// The real server on a disk that is full: its files may not grow any more (a file
// size limit set on the running process, which is how the kernel says "no space").
// A family that saves gets a calm, translated page with what they typed, the plan
// can still be read, a professional's look (which must be logged) is refused, no
// stack trace is shown, and the cause is in the server's log.

let server: RunningServer;
let familyId = "";
let admin: TestUser;
let professional: TestUser;

beforeAll(async () => {
  const family = await makeFamily(undefined, "Gezin Vol");
  ({ familyId, admin } = family);
  createGoal(getDb(), familyId, admin.id, { title: "Elke dag buiten spelen", lifeArea: "body", term: "short", memberIds: [] });
  ({ professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } }));
  server = await startServer({ dbFile: process.env.DATABASE_PATH });
});

afterAll(() => {
  server?.stop();
});

function saveNote(text: string) {
  return fetch(`${server.base}/f/${familyId}/progress`, {
    method: "POST",
    headers: { Cookie: admin.cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "progress", text, mood: "4" }).toString(),
    redirect: "manual",
  });
}

/**
 * From now on the server's write-ahead log, where every change goes first, cannot
 * grow: no file of the process may pass the log's present size.
 */
function fillTheDisk() {
  const wal = fs.statSync(`${server.dbFile}-wal`).size;
  expect(wal).toBeGreaterThan(0);
  execFileSync("prlimit", ["--pid", String(server.process.pid), `--fsize=${wal}`]);
}

describe("a full disk, on the real server", () => {
  it("saving says 'try again later' with what was typed; reading goes on; looks are refused; the operator is told", async () => {
    expect((await saveNote("het ging goed vandaag")).status).toBe(302);
    fillTheDisk();

    const refused = await saveNote("vandaag gelukt: op tijd naar school");
    expect(refused.status).toBe(503);
    const page = await refused.text();
    expect(page).toContain("Opslaan lukt nu even niet. Probeer het straks nog eens.");
    expect(page).toContain("vandaag gelukt: op tijd naar school");
    expect(page).not.toMatch(/SqliteError|at .*\.js:\d+/);

    const plan = await fetch(`${server.base}/f/${familyId}`, { headers: { Cookie: admin.cookie } });
    expect(plan.status).toBe(200);
    expect(await plan.text()).toContain("Elke dag buiten spelen");

    const look = await fetch(`${server.base}/care/${familyId}/goals`, { headers: { Cookie: professional.cookie } });
    expect(look.status).toBe(503);
    const lookPage = await look.text();
    expect(lookPage).toContain("Dit lukt nu even niet");
    expect(lookPage).not.toContain("Elke dag buiten spelen");

    expect(server.process.exitCode).toBeNull();
    expect(server.log()).toMatch(/storage: SQLITE_(FULL|IOERR)/);
  });
});
