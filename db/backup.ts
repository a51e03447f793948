import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// An online backup: a consistent copy of the database while the app keeps serving
// and writing. It uses SQLite's backup API (through better-sqlite3), which copies
// the pages as one read transaction sees them, so the copy is the database at one
// moment, with the write-ahead log's committed pages included. Copying the file
// with cp while the server runs is not safe: it can catch a page half written and
// misses whatever still sits in the -wal file.

// better-sqlite3's largest step; more than any database here has pages.
const ALL_PAGES = 0x7fffffff;

export type BackupResult = { file: string; bytes: number; pages: number; seconds: number; integrity: string };

/** The name for a backup made at this moment: groeiplan-20260501T143000Z.sqlite. */
export function backupName(now = new Date()): string {
  return `groeiplan-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.sqlite`;
}

export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  const started = performance.now();
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  // A backup never replaces an older one: that older one may be the good copy.
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose another name.`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  // Written under a temporary name and renamed at the end, so a file with the real
  // name is always a whole, checked backup.
  const partial = `${destination}.partial`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });

  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma("busy_timeout = 5000");
    // SQLite restarts a backup that copies in small steps whenever another
    // connection (the server) writes between two steps, so under steady writes it
    // might never finish. Copying everything in one step holds one read snapshot
    // instead; in WAL mode the server goes on writing meanwhile.
    const result = await db.backup(partial, { progress: () => ALL_PAGES });
    pages = result.totalPages;
  } finally {
    db.close();
  }

  let integrity = "";
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // A backup is one file: no -wal next to it that could get lost when it is copied.
    copy.pragma("journal_mode = DELETE");
    integrity = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check).join("; ");
  } finally {
    copy.close();
  }
  if (integrity !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`The copy failed its integrity check: ${integrity}`);
  }
  fs.renameSync(partial, destination);
  return { file: destination, bytes: fs.statSync(destination).size, pages, seconds: (performance.now() - started) / 1000, integrity };
}
