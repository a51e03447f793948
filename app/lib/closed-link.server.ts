import { data } from "react-router";

// A one-time link that does not (or no longer) work: a plain page that says why,
// and nothing about any family. Unknown is a 404, a link that was used, stopped or
// is too old is gone (410), too many tries is 429.

export type ClosedState = "unknown" | "claimed" | "expired" | "revoked" | "tooMany";

export function closedLink(state: ClosedState) {
  const status = state === "unknown" ? 404 : state === "tooMany" ? 429 : 410;
  return data({ state } as const, { status });
}
