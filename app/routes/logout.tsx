import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "../../db/client.server";
import { clearSessionCookie, invalidateSession, readCookie, SESSION_COOKIE } from "../auth/session.server";

export function loader() {
  return redirect("/");
}

export function action({ request }: Route.ActionArgs) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) invalidateSession(getDb(), token);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
