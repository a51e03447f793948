import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach } from "vitest";
import { closeDb } from "../../db/client.server";
import { closeRateLimits, resetRateLimits } from "../../app/auth/rate-limit.server";
import { removeDatabase } from "./server";

// A real SQLite file per test file (and so per worker), copied from the migrated base.
const tmp = path.resolve("tests/.tmp");
const file = path.join(tmp, `test-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${crypto.randomUUID()}.sqlite`);
fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, file);
process.env.DATABASE_PATH = file;

beforeEach(() => {
  resetRateLimits();
});

afterAll(() => {
  closeDb();
  closeRateLimits();
  removeDatabase(file);
});
