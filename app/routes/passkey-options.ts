import { data } from "react-router";
import type { Route } from "./+types/passkey-options";
import { getDb } from "../../db/client.server";
import { currentUser } from "../auth/user.server";
import { passkeyOptions, type PasskeyPurpose } from "../auth/passkeys.server";
import { PASSKEY_OPTIONS_LIMIT, clientIp, takeAttempt } from "../auth/rate-limit.server";
import { calmWhenStorageFails } from "../lib/storage.server";

// POST /passkeys/options: the challenge a browser signs with a passkey (ADR 014).
// Adding a key or confirming a session needs the person signed in; signing in
// does not, and the answer then says nothing about anyone.

const PURPOSES: PasskeyPurpose[] = ["signin", "add", "confirm"];

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const formData = await request.formData();
  const purpose = PURPOSES.find((p) => p === formData.get("purpose"));
  if (!purpose) return data({ error: "invalid" }, { status: 400 });
  if (!takeAttempt(`passkey-options:${clientIp(request)}`, PASSKEY_OPTIONS_LIMIT)) return data({ error: "tooMany" }, { status: 429 });
  const options = await passkeyOptions(getDb(), request, purpose, currentUser({ context }));
  if (!options) return data({ error: "invalid" }, { status: 400 });
  return options;
});

export function loader() {
  throw new Response("Not Found", { status: 404 });
}
