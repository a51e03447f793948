import { closeDb, databasePath, getDb } from "../db/client.server";
import { verifyAllChains } from "./log";
import { loadPublicKeys, verifyAgainstWitness, witnessConfig } from "./witness";

// `npm run verify-log`: checks every family's access-log chain and names the first
// broken entry, then holds the log against the witness outside the database (ADR
// 009). Exits 1 when any chain is broken or anything differs from the witness.
const db = getDb();
const config = witnessConfig(db);
// Against the witness first: the chain check below witnesses today's heads, which
// would hide a gap that a failed or removed witness line left.
const witnessed = verifyAgainstWitness(db, config.witnessFile, loadPublicKeys(config.publicKeyFile));
const reports = verifyAllChains(db);
closeDb();
const broken = reports.filter((report) => !report.ok);
const entries = reports.reduce((sum, report) => sum + report.checked, 0);
console.log(`Checked ${entries} log entries of ${reports.length} families in ${databasePath()}.`);
for (const report of broken) {
  const first = report.firstBroken!;
  console.log(`BROKEN: family ${report.familyId}, entry id ${first.id} (number ${first.seq} of that family): ${first.reason}.`);
}
if (broken.length === 0) console.log("Every chain is intact.");
console.log(`Checked ${witnessed.lines} witness lines of ${witnessed.families} families in ${witnessed.witnessFile}.`);
for (const finding of witnessed.findings) console.log(`WITNESS: ${finding.message}.`);
if (witnessed.findings.length === 0) console.log("The log holds every witnessed entry.");
process.exitCode = broken.length === 0 && witnessed.findings.length === 0 ? 0 : 1;
