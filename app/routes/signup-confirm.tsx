import { Form, Link, data, redirect, useLoaderData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/signup-confirm";
import { getDb } from "../../db/client.server";
import { finishSignup, inspectSignupLink } from "../auth/signup.server";
import { sessionCookie } from "../auth/session.server";
import { safeRedirect } from "../auth/redirect";
import { calmWhenStorageFails } from "../lib/storage.server";
import { ClosedLink } from "../components/closed-link";

// /signup/<token>, the link from the sign-up mail. Opening it only shows a button:
// mail programs open links to scan them, and must not use one up. The button makes
// the account and signs in on this device, once.

export function loader({ params }: Route.LoaderArgs) {
  const link = inspectSignupLink(getDb(), params.token);
  if (!link) return data({ state: "closed" as const }, { status: 410 });
  return { state: "open" as const, name: link.name };
}

export const action = calmWhenStorageFails(async ({ request, params }: Route.ActionArgs) => {
  const finished = finishSignup(getDb(), params.token);
  // The address got its account through another link meanwhile: its owner can sign in.
  if (finished?.state === "exists") return redirect("/login");
  if (!finished) return data({ state: "closed" as const }, { status: 410 });
  // A new account is offered a passkey once, on the way to where the person was going.
  const offer = `/account/passkeys?${new URLSearchParams({ welcome: "1", redirectTo: safeRedirect(finished.redirectTo) })}`;
  return redirect(offer, { headers: { "Set-Cookie": sessionCookie(request, finished.session.token, finished.session.expiresAt) } });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function SignupConfirm() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  if (loaded.state === "closed") {
    return (
      <ClosedLink title={t("confirm.closedTitle")} text={t("confirm.closedText")}>
        <Link to="/login" className="button">
          {t("confirm.login")}
        </Link>
        <Link to="/signup" className="button-secondary">
          {t("confirm.signup")}
        </Link>
      </ClosedLink>
    );
  }
  return (
    <section className="card">
      <h1>{t("confirm.title")}</h1>
      <p>{t("confirm.text", { name: loaded.name })}</p>
      <Form method="post">
        <div className="actions">
          <button type="submit" className="primary">
            {t("confirm.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
