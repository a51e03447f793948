import { z } from "zod";
import { Form, Link, redirect, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/signup";
import { getDb } from "../../db/client.server";
import { requestSignup } from "../auth/signup.server";
import { normaliseEmail } from "../auth/accounts.server";
import { currentUser } from "../auth/user.server";
import { safeRedirect } from "../auth/redirect";
import { takeMailRequest } from "../auth/rate-limit.server";
import { languageFromRequest } from "../i18n";
import { mailIsSetUp } from "../mail.server";
import { parseForm } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { MailSent } from "../components/mail-sent";
import { calmWhenStorageFails } from "../lib/storage.server";
import { nameField, newEmailField, newPasswordField } from "../auth/fields";

// Making an account. The answer is the same whether or not the address already has
// one ("look in your mail"), so nobody learns who uses Groeiplan (ADR 008).

export const signupSchema = z.object({
  name: nameField,
  email: newEmailField,
  password: newPasswordField,
});

export async function loader({ request, context }: Route.LoaderArgs) {
  if (currentUser({ context })) throw redirect("/");
  return { mail: await mailIsSetUp() };
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const formData = await request.formData();
  const parsed = parseForm(formData, signupSchema);
  if (!parsed.ok) return data({ sentTo: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const email = normaliseEmail(parsed.data.email);
  if (!takeMailRequest("signup", email, request)) {
    return data({ sentTo: null, errors: { form: "errors.tooManySignups" } as Record<string, string>, values: parsed.values }, { status: 429 });
  }
  await requestSignup(
    getDb(),
    { ...parsed.data, email, redirectTo: safeRedirect(formData.get("redirectTo")) },
    { origin: new URL(request.url).origin, lang: languageFromRequest(request) },
  );
  return { sentTo: email, errors: {} as Record<string, string>, values: {} as Record<string, string> };
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Signup() {
  const { t } = useTranslation("auth");
  const { mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";

  const sentTo = result && "sentTo" in result ? result.sentTo : null;
  if (sentTo) return <MailSent text={t("signup.sentText", { email: sentTo })} />;
  return (
    <section className="card">
      <h1>{t("signup.title")}</h1>
      {mail ? (
        <>
          <p>{t("signup.intro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <FormError errors={result?.errors} />
            <TextField name="name" label={t("fields.name")} hint={t("fields.nameHint")} errors={result?.errors} defaultValue={result?.values.name} autoComplete="name" required />
            <TextField name="email" type="email" label={t("fields.email")} errors={result?.errors} defaultValue={result?.values.email} autoComplete="email" required />
            <TextField name="password" type="password" label={t("fields.password")} hint={t("fields.passwordHint")} errors={result?.errors} autoComplete="new-password" required />
            <div className="actions">
              <button type="submit" className="primary">
                {t("signup.submit")}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p className="notice">{t("signup.noMail")}</p>
      )}
      <p className="actions">
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("signup.haveAccount")}</Link>
      </p>
    </section>
  );
}
