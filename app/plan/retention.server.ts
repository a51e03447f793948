import type { DB } from "../../db/client.server";
import { logsDue, removeFamilyLog } from "../../consent/retention";
import { plansDue, removeFamilyPlan } from "./family-delete.server";
import { purgeDeletedAccounts } from "../auth/account-delete.server";

// The retention job (ADR 013): removes what has passed its term. Each removal is
// its own transaction that checks again, so a second run at once removes nothing twice.

export function runRetention(db: DB, now = Date.now()) {
  let plans = 0;
  let logs = 0;
  for (const familyId of plansDue(db, now)) if (removeFamilyPlan(db, familyId, now)) plans += 1;
  for (const familyId of logsDue(db, now)) if (removeFamilyLog(db, familyId, now)) logs += 1;
  const accounts = purgeDeletedAccounts(db, now);
  return { plans, logs, accounts };
}
