// Fixed-window counters in memory: one server process serves a municipality,
// and a restart forgetting the counts is acceptable.
type Window = { count: number; resetAt: number };
const windows = new Map<string, Window>();

export type Limit = { max: number; windowMs: number };

const QUARTER = 15 * 60 * 1000;
// Wrong passwords for one account from one address: a guesser there stops after ten.
export const SIGN_IN_LIMIT: Limit = { max: 10, windowMs: QUARTER };
// Wrong passwords from one address over all accounts: one machine guessing many
// accounts stops too, while a school office's teachers who type well never count.
export const SIGN_IN_ADDRESS_LIMIT: Limit = { max: 50, windowMs: QUARTER };

function current(key: string, limit: Limit, now: number): Window {
  let window = windows.get(key);
  if (!window || now >= window.resetAt) {
    window = { count: 0, resetAt: now + limit.windowMs };
    windows.set(key, window);
  }
  if (windows.size > 50_000) pruneExpired(now);
  return window;
}

/** Counts one attempt; returns false once the key has used up its attempts. */
export function takeAttempt(key: string, limit: Limit, now = Date.now()): boolean {
  const window = current(key, limit, now);
  window.count += 1;
  return window.count <= limit.max;
}

/** Whether the key has used up its attempts, without counting one. */
export function usedUp(key: string, limit: Limit, now = Date.now()): boolean {
  return current(key, limit, now).count >= limit.max;
}

/** Counts one failure against the key (a wrong password, say). */
export function countFailure(key: string, limit: Limit, now = Date.now()) {
  current(key, limit, now).count += 1;
}

export function forget(key: string) {
  windows.delete(key);
}

function pruneExpired(now: number) {
  for (const [key, window] of windows) if (now >= window.resetAt) windows.delete(key);
}

export function resetRateLimits() {
  windows.clear();
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
