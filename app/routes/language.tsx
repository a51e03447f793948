import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLanguage, LANGUAGE_COOKIE } from "../i18n";
import { safeRedirect } from "../auth/redirect";

export function loader() {
  return redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const to = safeRedirect(formData.get("redirectTo"), "/");
  if (!isLanguage(lang)) return redirect(to);
  return redirect(to, {
    headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}
