import { closeDb, databasePath, getDb } from "../db/client.server";
import { verifyAllChains } from "./log";

// `npm run verify-log`: checks every family's access-log chain and names the first
// broken entry. Exits 1 when any chain is broken.
const reports = verifyAllChains(getDb());
closeDb();
const broken = reports.filter((report) => !report.ok);
const entries = reports.reduce((sum, report) => sum + report.checked, 0);
console.log(`Checked ${entries} log entries of ${reports.length} families in ${databasePath()}.`);
for (const report of broken) {
  const first = report.firstBroken!;
  console.log(`BROKEN: family ${report.familyId}, entry id ${first.id} (number ${first.seq} of that family): ${first.reason}.`);
}
if (broken.length === 0) console.log("Every chain is intact.");
process.exitCode = broken.length === 0 ? 0 : 1;
