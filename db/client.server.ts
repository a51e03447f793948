import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? path.resolve(process.cwd(), "data/groeiplan.sqlite");
}

export const SYNCHRONOUS = "FULL";

export function openDatabase(file: string): DB {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers go on while one request writes. FULL sync: a commit reaches
  // the disk before the answer goes out, so an acknowledged note, a taken-back
  // consent or a look's log entry survives a power cut too (ADR 007).
  switchToWal(sqlite);
  sqlite.pragma(`synchronous = ${SYNCHRONOUS}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  keepStatements(sqlite);
  return drizzle(sqlite, { schema }) as DB;
}

/**
 * WAL mode, which the file keeps once set. Switching a new file needs it to itself,
 * and when two processes switch at the same moment (two workers' first requests)
 * SQLite answers BUSY at once, without the busy timeout; a moment later the other
 * has switched it and asking again is enough.
 */
export function switchToWal(sqlite: Database.Database) {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || attempt === 100) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

const KEPT_STATEMENTS = 500;

/**
 * drizzle prepares every query again, and a page makes thirty small reads: SQLite
 * compiling the same SQL was a tenth of a plan page's time (ADR 022). So a
 * connection keeps its statements by their SQL text. drizzle switches a statement
 * to rows-as-arrays with raw(); a kept one is handed out in the default mode again.
 * A statement still walking rows (iterate, the log checks) is never handed out
 * twice: the caller gets a fresh one.
 */
function keepStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) return statement.reader ? statement.raw(false) : statement;
    const made = prepare(source);
    if (!statement) {
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      kept.set(source, made);
    }
    return made;
  }) as typeof sqlite.prepare;
}

/**
 * A transaction that writes. It takes the write lock at its start (BEGIN IMMEDIATE):
 * with a second process on the same file, a transaction that read first and then
 * tried to write could fail with SQLITE_BUSY_SNAPSHOT; one that starts as a writer
 * waits its turn (busy_timeout) instead. Reading alone needs no lock in WAL mode.
 */
export function writeTransaction<T>(db: DB, work: () => T): T {
  return db.transaction(() => work(), { behavior: "immediate" });
}

const STORAGE_TROUBLE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL|NOLFS)/;

/**
 * Whether an error means the database cannot store right now (disk full, file
 * read-only, disk trouble, still locked after the busy timeout), as opposed to a
 * mistake in our own code. Families get a calm "try again later" for these.
 */
export function isStorageTrouble(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && STORAGE_TROUBLE.test(code);
}

/**
 * drizzle's migrations, applied in one write transaction that first reads which
 * ones the file has. drizzle's own migrate() reads that before it takes the lock,
 * so two workers starting on an old file at once would both apply the same
 * migration. The bookkeeping table is drizzle's, so drizzle-kit reads it as before.
 */
export function migrateDatabase(db: DB) {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const sqlite = db.$client;
  sqlite.exec(`create table if not exists "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  sqlite
    .transaction(() => {
      const last = sqlite.prepare(`select created_at from "__drizzle_migrations" order by created_at desc limit 1`).get() as { created_at: number } | undefined;
      const record = sqlite.prepare(`insert into "__drizzle_migrations" ("hash", "created_at") values (?, ?)`);
      for (const migration of migrations) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const statement of migration.sql) sqlite.exec(statement);
        record.run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

let instance: DB | undefined;

// One connection per process: better-sqlite3 is synchronous, so sharing it is safe
// and avoids the cost of opening the file on every request.
export function getDb(): DB {
  if (!instance) {
    instance = openDatabase(databasePath());
    migrateDatabase(instance);
  }
  return instance;
}

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}
