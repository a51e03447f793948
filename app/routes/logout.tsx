import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "../../db/client.server";
import { clearSessionCookie, invalidateUserSessions } from "../auth/session.server";
import { currentUser } from "../auth/user.server";
import { calmWhenStorageFails } from "../lib/storage.server";

export function loader() {
  return redirect("/");
}

// Signing out ends every session of this person, not only this one: families we
// work with may share or lose a phone, or live with someone they must keep out.
// See docs/decisions/003-sessions-end-everywhere.md.
export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = currentUser({ context });
  if (user) invalidateUserSessions(getDb(), user.id);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
});
