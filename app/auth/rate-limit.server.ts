// A fixed-window counter in memory. One server process serves a municipality
// (DESIGN.md §8); a restart forgetting the counts is acceptable.
type Window = { count: number; resetAt: number };
const windows = new Map<string, Window>();

export type Limit = { max: number; windowMs: number };
export const SIGN_IN_LIMIT: Limit = { max: 10, windowMs: 15 * 60 * 1000 };

/** Counts one attempt; returns false once the key has used up its attempts. */
export function takeAttempt(key: string, limit: Limit, now = Date.now()): boolean {
  let window = windows.get(key);
  if (!window || now >= window.resetAt) {
    window = { count: 0, resetAt: now + limit.windowMs };
    windows.set(key, window);
  }
  window.count += 1;
  if (windows.size > 50_000) pruneExpired(now);
  return window.count <= limit.max;
}

function pruneExpired(now: number) {
  for (const [key, window] of windows) if (now >= window.resetAt) windows.delete(key);
}

export function resetRateLimits() {
  windows.clear();
}

// server.js puts the socket's address here and drops whatever the client sent.
export function clientIp(request: Request): string {
  return request.headers.get("x-groeiplan-client-ip") ?? "unknown";
}

// Claiming a join or invitation link: generous for a family, useless for guessing.
export const CLAIM_LIMIT: Limit = { max: 10, windowMs: 15 * 60 * 1000 };

// The plan API: per token, enough for a case system that syncs now and then; per
// address a little more, as one office may share an address.
export const API_LIMIT: Limit = { max: 60, windowMs: 60 * 1000 };
export const API_IP_LIMIT: Limit = { max: 300, windowMs: 60 * 1000 };
