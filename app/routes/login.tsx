import { z } from "zod";
import { Form, Link, redirect, data, useActionData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/login";
import { getDb } from "../../db/client.server";
import { checkCredentials, normaliseEmail } from "../auth/accounts.server";
import { signInWithPasskey, signedIn, signedInRedirect } from "../auth/sign-in.server";
import { deviceOf } from "../auth/device-name";
import { currentUser } from "../auth/user.server";
import { safeRedirect } from "../auth/redirect";
import { clientIp, passwordGuesses } from "../auth/rate-limit.server";
import { parseForm } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";
import { emailField, passwordField } from "../auth/fields";
import { intentOf } from "../lib/intents";
import { formatDate, isCalendarDay } from "../lib/dates";
import { PasskeyButton } from "../components/passkey-button";
import { Notice } from "../components/notice";

const loginSchema = z.object({
  email: emailField,
  password: passwordField,
});

export function loader({ request, context }: Route.LoaderArgs) {
  if (currentUser({ context })) throw redirect("/");
  return null;
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const formData = await request.formData();
  if (intentOf(formData) === "passkey") return passkeySignIn(request, formData);
  const parsed = parseForm(formData, loginSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password } = parsed.data;
  const guesses = passwordGuesses(normaliseEmail(email), clientIp(request));
  if (guesses.blocked()) {
    return data({ errors: { form: "errors.tooManyAttempts" }, values: { email } }, { status: 429 });
  }
  const db = getDb();
  const user = await checkCredentials(db, email, password);
  if (!user) {
    guesses.failed();
    return data({ errors: { form: "errors.wrongLogin" }, values: { email } }, { status: 400 });
  }
  guesses.succeeded();
  return signedInRedirect(request, signedIn(db, user.id, { device: deviceOf(request), redirectTo: safeRedirect(formData.get("redirectTo")) }));
});

async function passkeySignIn(request: Request, formData: FormData) {
  const signed = await signInWithPasskey(getDb(), request, {
    challengeId: String(formData.get("challengeId") ?? ""),
    answer: formData.get("answer"),
    device: deviceOf(request),
    redirectTo: safeRedirect(formData.get("redirectTo")),
  });
  if (!signed) return data({ errors: { form: "auth:passkey.failed" } as Record<string, string>, values: { email: "" } }, { status: 400 });
  return signedInRedirect(request, signed);
}

function withRedirect(path: string, redirectTo: string): string {
  return redirectTo ? `${path}?redirectTo=${encodeURIComponent(redirectTo)}` : path;
}

export default function Login() {
  const { t, i18n } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  // Only a real calendar day is shown: the query string is anyone's to write.
  const deleted = params.get("deleted");
  const undoBefore = deleted && isCalendarDay(deleted) ? formatDate(deleted, i18n.language) : null;
  return (
    <section className="card">
      <h1>{t("login.title")}</h1>
      {undoBefore ? (
        <Notice>
          {t("login.deleted", { date: undoBefore })}
        </Notice>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError errors={result?.errors} />
        <TextField name="email" type="email" label={t("fields.email")} errors={result?.errors} defaultValue={result?.values.email} autoComplete="email" required />
        <TextField name="password" type="password" label={t("fields.password")} errors={result?.errors} autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" className="primary">
            {t("login.submit")}
          </button>
        </div>
      </Form>
      <PasskeyButton purpose="signin" action="/login" intent="passkey" fields={{ redirectTo }} label={t("passkey.signIn")} className="button-secondary" />
      <p className="actions">
        <Link to={withRedirect("/forgot", redirectTo)}>{t("login.forgot")}</Link>
      </p>
      <p className="actions">
        <Link to={withRedirect("/signup", redirectTo)}>{t("login.noAccount")}</Link>
      </p>
    </section>
  );
}
