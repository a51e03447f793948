import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The commands the README gives an operator run the code with tsx, not through Vite,
// so they cannot use what only Vite provides (import.meta.glob). Each is run here
// as the README says, on a migrated copy of the database, and must finish.

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.resolve("tests/.tmp/cli-"));
const file = path.join(dir, "groeiplan.sqlite");
fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, file);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function npmRun(script: string, env: Record<string, string> = {}, args: string[] = []) {
  return run("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], { env: { ...process.env, DATABASE_PATH: file, ...env }, encoding: "utf8" });
}

describe("the operator's commands", () => {
  it("seed the demo, send the due mails, apply retention, check the log and back up, each to the end", async () => {
    expect((await npmRun("db:seed")).stdout).toContain("Demo family created.");
    // The mail job reads the mail texts of every language, as the server does.
    expect((await npmRun("mail-jobs", { MAIL_API_URL: "mock" })).stdout).toMatch(/^Sent \d+ weekly summaries, \d+ end-of-access warnings, \d+ review reminders and \d+ monthly check-ins\.$/m);
    expect((await npmRun("retention")).stdout).toMatch(/^Removed the plans of \d+ deleted families/m);
    await expect(npmRun("verify-log")).resolves.toBeTruthy();
    await npmRun("backup", {}, [path.join(dir, "copy.sqlite")]);
    expect(fs.statSync(path.join(dir, "copy.sqlite")).size).toBeGreaterThan(0);
  }, 120_000);
});
