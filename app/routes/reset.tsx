import { z } from "zod";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/reset";
import { getDb } from "../../db/client.server";
import { inspectNewPasswordLink, setPasswordByLink, signedInRedirect, signInToAddPasskey } from "../auth/sign-in.server";
import { deviceOf } from "../auth/device-name";
import { clientIp, takeAttempt, CLAIM_LIMIT } from "../auth/rate-limit.server";
import { parseForm } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { ClosedLink } from "../components/closed-link";
import { calmWhenStorageFails } from "../lib/storage.server";
import { newPasswordField } from "../auth/fields";
import { WherePasskeysWork } from "../components/passkey-button";

// /reset/<token>: the link from "Wachtwoord vergeten?", or the "opnieuw inloggen"
// link a family admin made. Opening it only shows the form; choosing a password, or
// choosing to make a passkey instead, uses the link, ends every other session and
// signs in here.

const schema = z.object({ password: newPasswordField });

export function loader({ params }: Route.LoaderArgs) {
  const link = inspectNewPasswordLink(getDb(), params.token);
  if (!link) return data({ state: "closed" as const }, { status: 410 });
  return { state: "open" as const, name: link.name, fromFamily: link.purpose === "relogin" };
}

export const action = calmWhenStorageFails(async ({ request, params }: Route.ActionArgs) => {
  if (!takeAttempt(`reset:address:${clientIp(request)}`, CLAIM_LIMIT)) {
    return data({ state: "open" as const, errors: { form: "errors.tooManyAttempts" } as Record<string, string> }, { status: 429 });
  }
  const formData = await request.formData();
  if (formData.get("intent") === "passkey") {
    const signed = signInToAddPasskey(getDb(), params.token, deviceOf(request));
    if (!signed) return data({ state: "closed" as const, errors: {} as Record<string, string> }, { status: 410 });
    return signedInRedirect(request, signed);
  }
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return data({ state: "open" as const, errors: parsed.errors }, { status: 400 });
  const signed = await setPasswordByLink(getDb(), params.token, parsed.data.password, deviceOf(request));
  if (!signed) return data({ state: "closed" as const, errors: {} as Record<string, string> }, { status: 410 });
  return signedInRedirect(request, signed);
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Reset() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (loaded.state === "closed" || (result && "state" in result && result.state === "closed")) {
    return (
      <ClosedLink title={t("confirm.closedTitle")} text={t("reset.closedText")}>
        <Link to="/forgot" className="button">
          {t("reset.again")}
        </Link>
        <Link to="/login" className="button-secondary">
          {t("confirm.login")}
        </Link>
      </ClosedLink>
    );
  }
  return (
    <section className="card">
      <h1>{t("reset.title")}</h1>
      <p>{t(loaded.fromFamily ? "reset.introFamily" : "reset.intro", { name: loaded.name })}</p>
      <Form method="post" noValidate>
        <FormError errors={result?.errors} />
        <TextField name="password" type="password" label={t("account.new")} hint={t("fields.passwordHint")} errors={result?.errors} autoComplete="new-password" required />
        <div className="actions">
          <button type="submit" className="primary">
            {t("account.passwordSubmit")}
          </button>
        </div>
      </Form>
      <WherePasskeysWork>
        <Form method="post" className="passkey-instead">
          <input type="hidden" name="intent" value="passkey" />
          <p>{t("reset.passkeyInstead")}</p>
          <button type="submit" className="button-secondary">
            {t("reset.passkeySubmit")}
          </button>
        </Form>
      </WherePasskeysWork>
    </section>
  );
}
