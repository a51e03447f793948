import fs from "node:fs";
import path from "node:path";
import { databasePath } from "./client.server";
import { backupDatabase, backupName } from "./backup";

// `npm run backup [folder or file]`: a consistent copy of the database at
// DATABASE_PATH, made while the app runs. Without an argument it goes to
// backups/groeiplan-<time>.sqlite; a folder gets a file with that name; anything
// else is taken as the file name. See README "Backup and restore" for restoring.

function destinationFor(argument: string | undefined): string {
  if (!argument) return path.resolve("backups", backupName());
  const target = path.resolve(argument);
  const isFolder = argument.endsWith("/") || (fs.existsSync(target) && fs.statSync(target).isDirectory());
  return isFolder ? path.join(target, backupName()) : target;
}

try {
  const source = databasePath();
  const result = await backupDatabase(source, destinationFor(process.argv[2]));
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  console.log(`Backup of ${source} written to ${result.file} (${megabytes} MB, integrity ${result.integrity}) in ${result.seconds.toFixed(1)} s.`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
