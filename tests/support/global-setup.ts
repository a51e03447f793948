import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, migrateDatabase } from "../../db/client.server";

const TMP = path.resolve("tests/.tmp");

// Migrate once per run; every test file then works on its own copy of this file.
// The name is per run so that two runs at the same time do not disturb each other.
export default function setup() {
  fs.mkdirSync(TMP, { recursive: true });
  const baseDb = path.join(TMP, `base-${process.pid}.sqlite`);
  const db = openDatabase(baseDb);
  migrateDatabase(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  process.env.GROEIPLAN_TEST_BASE_DB = baseDb;
  // The HTTP and browser tests run the production build, made fresh for each run in a
  // folder of its own; the servers they start inherit the variable.
  const buildDir = path.join(TMP, `build-${process.pid}`);
  process.env.GROEIPLAN_BUILD_DIR = buildDir;
  execFileSync(path.resolve("node_modules/.bin/react-router"), ["build"], { stdio: "pipe" });
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(baseDb + suffix, { force: true });
    fs.rmSync(buildDir, { recursive: true, force: true });
  };
}
