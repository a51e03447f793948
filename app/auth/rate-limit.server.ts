import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath, switchToWal } from "../../db/client.server";

// Fixed-window counters in a small SQLite file of their own beside the database, so
// that every worker of the server (one per core, server.js) counts together and a
// restart keeps the counts (ADR 024). A file apart from the plan's: these writes
// never wait for the disk (a power cut may forget a quarter hour of counts) and
// never queue behind a log entry's commit.
export type Limit = { max: number; windowMs: number };

const QUARTER = 15 * 60 * 1000;
// Wrong passwords for one account from one address: a guesser there stops after ten.
export const SIGN_IN_LIMIT: Limit = { max: 10, windowMs: QUARTER };
// Wrong passwords from one address over all accounts: one machine guessing many
// accounts stops too, while a school office's teachers who type well never count.
export const SIGN_IN_ADDRESS_LIMIT: Limit = { max: 50, windowMs: QUARTER };

type Store = {
  file: string;
  db: Database.Database;
  take: Database.Statement<{ key: string; now: number; resetAt: number }, { count: number }>;
  read: Database.Statement<[string], { count: number; reset_at: number }>;
  forget: Database.Statement<[string]>;
  prune: Database.Statement<[number]>;
};

let store: Store | undefined;
let writes = 0;

/** Where the counts live: RATE_LIMITS_PATH, or `<database name>-limits.sqlite` beside the database. */
export function rateLimitsPath(dbFile = databasePath()): string {
  return path.resolve(process.env.RATE_LIMITS_PATH ?? path.join(path.dirname(dbFile), `${path.parse(dbFile).name}-limits.sqlite`));
}

function counts(): Store {
  const file = rateLimitsPath();
  if (store?.file === file) return store;
  store?.db.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  switchToWal(db);
  db.pragma("synchronous = OFF");
  db.exec("create table if not exists attempts (key text primary key, count integer not null, reset_at integer not null) without rowid");
  store = {
    file,
    db,
    // One statement, so two workers counting the same key at once both count.
    take: db.prepare(
      `insert into attempts (key, count, reset_at) values (@key, 1, @resetAt)
       on conflict (key) do update set
         count = case when reset_at <= @now then 1 else count + 1 end,
         reset_at = case when reset_at <= @now then @resetAt else reset_at end
       returning count`,
    ),
    read: db.prepare("select count, reset_at from attempts where key = ?"),
    forget: db.prepare("delete from attempts where key = ?"),
    prune: db.prepare("delete from attempts where reset_at <= ?"),
  };
  return store;
}

function count(key: string, limit: Limit, now: number): number {
  const { take, prune } = counts();
  // Now and then the windows that ended go, so the file stays small.
  if (++writes % 1000 === 0) prune.run(now);
  return take.get({ key, now, resetAt: now + limit.windowMs })!.count;
}

/** Counts one attempt; returns false once the key has used up its attempts. */
export function takeAttempt(key: string, limit: Limit, now = Date.now()): boolean {
  return count(key, limit, now) <= limit.max;
}

/** Whether the key has used up its attempts, without counting one. */
export function usedUp(key: string, limit: Limit, now = Date.now()): boolean {
  const window = counts().read.get(key);
  return window !== undefined && window.reset_at > now && window.count >= limit.max;
}

/** Counts one failure against the key (a wrong password, say). */
export function countFailure(key: string, limit: Limit, now = Date.now()) {
  count(key, limit, now);
}

export function forget(key: string) {
  counts().forget.run(key);
}

export function resetRateLimits() {
  counts().db.exec("delete from attempts");
}

export function closeRateLimits() {
  store?.db.close();
  store = undefined;
}

// server.js puts the client's address here (the socket's, or the one trusted
// proxies name) and drops whatever the client sent.
export function clientIp(request: Request): string {
  return request.headers.get("x-groeiplan-client-ip") ?? "unknown";
}

// Claiming a join or invitation link: generous for a family, useless for guessing.
export const CLAIM_LIMIT: Limit = { max: 10, windowMs: QUARTER };

// The plan API: per token, enough for a case system that syncs now and then; per
// address a little more, as one office may share an address.
export const API_LIMIT: Limit = { max: 60, windowMs: 60 * 1000 };
export const API_IP_LIMIT: Limit = { max: 300, windowMs: 60 * 1000 };

/**
 * Password guesses, counted as failures only: per account from one address, and per
 * address. A stranger who knows a mother's address cannot lock her out from her own
 * phone, and a right password from an address that has not been failing works.
 */
export function passwordGuesses(email: string, ip: string) {
  const keys: [string, Limit][] = [
    [`password:${email}|${ip}`, SIGN_IN_LIMIT],
    [`password:address:${ip}`, SIGN_IN_ADDRESS_LIMIT],
  ];
  return {
    blocked: () => keys.some(([key, limit]) => usedUp(key, limit)),
    failed: () => keys.forEach(([key, limit]) => countFailure(key, limit)),
    succeeded: () => forget(keys[0][0]),
  };
}

const HOUR = 60 * 60 * 1000;
// Mails anyone can make us send to an address (a sign-up link, a reset link, an
// inloglink): per address enough for a typo and a second try, too few to flood
// someone's mail; per network address a little more.
export const MAIL_ADDRESS_LIMIT: Limit = { max: 3, windowMs: HOUR };
export const MAIL_IP_LIMIT: Limit = { max: 20, windowMs: HOUR };

/** Counts one asked-for mail, for every address alike, with or without an account. False once a limit is used up. */
export function takeMailRequest(kind: "signup" | "mail-link", email: string, request: Request): boolean {
  return takeAttempt(`${kind}:${email}`, MAIL_ADDRESS_LIMIT) && takeAttempt(`${kind}:address:${clientIp(request)}`, MAIL_IP_LIMIT);
}

// Passkey challenges anyone can ask for (signing in needs no account yet): enough for
// an office of professionals behind one address, too few to fill the table.
export const PASSKEY_OPTIONS_LIMIT: Limit = { max: 120, windowMs: QUARTER };
