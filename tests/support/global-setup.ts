import fs from "node:fs";
import path from "node:path";
import { openDatabase, migrateDatabase } from "../../db/client.server";

export const TMP = path.resolve("tests/.tmp");
export const BASE_DB = path.join(TMP, "base.sqlite");

// Migrate once; every test file then works on its own copy of this file.
export default function setup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const db = openDatabase(BASE_DB);
  migrateDatabase(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
