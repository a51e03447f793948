import { Form, Link, data, useLoaderData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/signin-link";
import { getDb } from "../../db/client.server";
import { signInByLink, signInLinkWorks, signedInRedirect } from "../auth/sign-in.server";
import { deviceOf } from "../auth/device-name";
import { calmWhenStorageFails } from "../lib/storage.server";
import { ClosedLink } from "../components/closed-link";

// /signin/<token>, the inloglink from the mail. Opening it only shows one button:
// mail programs open links to scan them, and must not use one up (as for sign-up).

export function loader({ params }: Route.LoaderArgs) {
  if (!signInLinkWorks(getDb(), params.token)) return data({ state: "closed" as const }, { status: 410 });
  return { state: "open" as const };
}

export const action = calmWhenStorageFails(async ({ request, params }: Route.ActionArgs) => {
  const signed = signInByLink(getDb(), params.token, deviceOf(request));
  if (!signed) return data({ state: "closed" as const }, { status: 410 });
  return signedInRedirect(request, signed);
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function SignInLink() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  if (loaded.state === "closed") {
    return (
      <ClosedLink title={t("confirm.closedTitle")} text={t("signinLink.closedText")}>
        <Link to="/forgot" className="button">
          {t("signinLink.again")}
        </Link>
        <Link to="/login" className="button-secondary">
          {t("confirm.login")}
        </Link>
      </ClosedLink>
    );
  }
  return (
    <section className="card">
      <h1>{t("signinLink.title")}</h1>
      <p>{t("signinLink.text")}</p>
      <Form method="post">
        <div className="actions">
          <button type="submit" className="primary">
            {t("signinLink.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
