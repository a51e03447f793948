import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLanguage, LANGUAGE_COOKIE } from "../i18n";
import { safeRedirect } from "../auth/redirect";
import { currentUser } from "../auth/user.server";
import { rememberLanguage } from "../auth/accounts.server";
import { getDb } from "../../db/client.server";
import { calmWhenStorageFails } from "../lib/storage.server";

export function loader() {
  return redirect("/");
}

// Signed in, the choice is also kept with the account (a write), so a full disk
// gets the calm page like any other save.
export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const to = safeRedirect(formData.get("redirectTo"), "/");
  if (!isLanguage(lang)) return redirect(to);
  const user = currentUser({ context });
  if (user) rememberLanguage(getDb(), user.id, lang);
  return redirect(to, {
    headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
});
