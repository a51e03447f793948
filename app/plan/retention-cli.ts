import { closeDb, getDb } from "../../db/client.server";
import { runRetention } from "./retention.server";

// `npm run retention`: removes what is past its term (ADR 013) and stops. Run it
// daily from cron or a systemd timer, like the mail jobs (README).
const done = runRetention(getDb());
closeDb();
console.log(`Removed the plans of ${done.plans} deleted families, the access logs of ${done.logs}, and ${done.accounts} deleted accounts.`);
