import { data } from "react-router";
import { isStorageTrouble } from "../../db/client.server";
import { formValues } from "./forms";

// When the database cannot store (a full disk, a read-only file), a family gets a
// calm page in plain words and never a stack trace, what they typed comes back, and
// the operator finds the cause in the server's log.

export const SAVE_FAILED = "errors.saveFailed";

/** Writes the cause where the people who run the server look. */
export function reportStorageTrouble(error: Error & { code: string }) {
  console.error(`storage: ${error.code}: ${error.message}`);
}

/** For work that may be skipped when storing fails: notes the cause and goes on; any other error still throws. */
export function skipOnStorageTrouble(error: unknown): void {
  if (!isStorageTrouble(error)) throw error;
  reportStorageTrouble(error);
}

function isUnavailableResponse(thrown: unknown): boolean {
  return thrown instanceof Response && thrown.status === 503;
}

/** A 503 that the error page shows as "Opslaan lukt nu even niet". */
export function unavailable(): Response {
  return new Response("Service Unavailable", { status: 503, headers: { "Retry-After": "60" } });
}

/** Runs `work`; storage trouble becomes the calm 503 page instead of a 500. */
export function orUnavailable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!isStorageTrouble(error)) throw error;
    reportStorageTrouble(error);
    throw unavailable();
  }
}

/**
 * Wraps an action: when storing fails, the form comes back with what was typed and
 * "Opslaan lukt nu even niet. Probeer het straks nog eens." (status 503).
 */
export function calmWhenStorageFails<Args extends { request: Request }, Result>(action: (args: Args) => Promise<Result>) {
  return async (args: Args) => {
    const copy = args.request.clone();
    try {
      return await action(args);
    } catch (error) {
      if (isStorageTrouble(error)) reportStorageTrouble(error);
      else if (!isUnavailableResponse(error)) throw error;
      const values = formValues(await copy.formData().catch(() => new FormData()));
      // The intent too: a page with several forms shows the message at the one that was sent.
      return data({ intent: values.intent ?? "", errors: { form: SAVE_FAILED } as Record<string, string>, values }, { status: 503, headers: { "Retry-After": "60" } });
    }
  };
}
