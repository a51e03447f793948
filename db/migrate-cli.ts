import { databasePath, getDb, closeDb } from "./client.server";

getDb();
closeDb();
console.log(`Database ready: ${databasePath()}`);
