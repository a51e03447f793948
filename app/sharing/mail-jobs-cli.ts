import { closeDb, getDb } from "../../db/client.server";
import { runMailJobs } from "./mail-jobs.server";

// `npm run mail-jobs`: sends the mails that are due (weekly summaries, access that
// ends soon, reviews coming, the monthly check-in on waakvlam) and stops. Run it
// every hour from cron or a systemd timer (README, ADR 012); running it more often,
// twice at once or after a crash sends nothing twice.
const done = await runMailJobs(getDb());
closeDb();
console.log(`Sent ${done.weekly} weekly summaries, ${done.endsSoon} end-of-access warnings, ${done.reviews} review reminders and ${done.checkins} monthly check-ins.`);
