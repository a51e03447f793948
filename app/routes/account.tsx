import { z } from "zod";
import { Form, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/account";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/user.server";
import { changePassword } from "../auth/password-change.server";
import { clearSessionCookie, invalidateUserSessions, sessionCookie } from "../auth/session.server";
import { clientIp, passwordGuesses } from "../auth/rate-limit.server";
import { parseForm } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";
import { newPasswordField, passwordField } from "../auth/fields";

// "Mijn account": change the password, or sign out on every device at once (for a
// phone that was lost or that someone else has).

const passwordSchema = z.object({
  current: passwordField,
  password: newPasswordField,
});

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  return { name: user.name, email: user.email, organisation: user.organisation };
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = requireUser({ request, context });
  const db = getDb();
  const formData = await request.formData();

  if (formData.get("intent") === "everywhere") {
    invalidateUserSessions(db, user.id);
    return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
  }

  const parsed = parseForm(formData, passwordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  // The current password is a password guess like any other: same limits as signing in.
  const guesses = passwordGuesses(user.email, clientIp(request));
  if (guesses.blocked()) {
    return data({ errors: { form: "errors.tooManyAttempts" } as Record<string, string> }, { status: 429 });
  }
  const session = await changePassword(db, user.id, parsed.data.current, parsed.data.password);
  if (!session) {
    guesses.failed();
    return data({ errors: { current: "auth:account.wrongCurrent" } as Record<string, string> }, { status: 400 });
  }
  guesses.succeeded();
  return redirect("/account?changed=1", { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Account() {
  const { t } = useTranslation("auth");
  const { name, email, organisation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      {params.get("changed") ? (
        <p className="notice" role="status">
          {t("account.changed")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="account-who">
        <h2 id="account-who">{t("account.who")}</h2>
        <p className="pre">{organisation ? `${name} · ${organisation}` : name}</p>
        <p className="pre">{email}</p>
      </section>

      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password">{t("account.passwordTitle")}</h2>
        <p>{t("account.passwordIntro")}</p>
        <Form method="post" noValidate>
          <FormError errors={result?.errors} />
          <TextField name="current" type="password" label={t("account.current")} errors={result?.errors} autoComplete="current-password" required />
          <TextField
            name="password"
            type="password"
            label={t("account.new")}
            hint={t("fields.passwordHint")}
            errors={result?.errors}
            autoComplete="new-password"
            required
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("account.passwordSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="account-everywhere">
        <h2 id="account-everywhere">{t("account.everywhereTitle")}</h2>
        <p>{t("account.everywhereIntro")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="everywhere" className="button-secondary">
            {t("account.everywhereSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
