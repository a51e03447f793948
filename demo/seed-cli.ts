import { closeDb, getDb } from "../db/client.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed.server";

const result = await seedDemo(getDb());
closeDb();
console.log(result.created ? "Demo family created." : "Demo family already there.");
console.log(`Sign in as ${DEMO_ACCOUNTS.mother} (or ${DEMO_ACCOUNTS.father}, ${DEMO_ACCOUNTS.daughter}; professionals: ${DEMO_ACCOUNTS.professional}, ${DEMO_ACCOUNTS.coach}, ${DEMO_ACCOUNTS.secondCoach}; a family on waakvlam: ${DEMO_ACCOUNTS.waakvlam}) with password ${DEMO_PASSWORD}`);
