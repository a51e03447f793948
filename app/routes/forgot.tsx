import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/forgot";
import { getDb } from "../../db/client.server";
import { requestMailLink } from "../auth/sign-in.server";
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
import { newEmailField } from "../auth/fields";

// "Wachtwoord vergeten?": a link by mail to choose a new password, or an inloglink
// to get in without one. The answer is "look in your mail" whether or not the
// address has an account (ADR 008, ADR 014).

const schema = z.object({ email: newEmailField, intent: z.enum(["reset", "signin"], "errors.choose") });

export async function loader({ context }: Route.LoaderArgs) {
  if (currentUser({ context })) throw redirect("/");
  return { mail: await mailIsSetUp() };
}

export const action = calmWhenStorageFails(async ({ request }: Route.ActionArgs) => {
  const formData = await request.formData();
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return data({ sentTo: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const email = normaliseEmail(parsed.data.email);
  if (!takeMailRequest("mail-link", email, request)) {
    return data({ sentTo: null, errors: { form: "errors.tooManySignups" } as Record<string, string>, values: parsed.values }, { status: 429 });
  }
  await requestMailLink(
    getDb(),
    { email, kind: parsed.data.intent, redirectTo: safeRedirect(formData.get("redirectTo")) },
    { origin: new URL(request.url).origin, lang: languageFromRequest(request) },
  );
  return { sentTo: email, errors: {} as Record<string, string>, values: {} as Record<string, string> };
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Forgot() {
  const { t } = useTranslation("auth");
  const { mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const sentTo = result && "sentTo" in result ? result.sentTo : null;
  if (sentTo) return <MailSent text={t("forgot.sentText", { email: sentTo })} />;
  return (
    <section className="card">
      <h1>{t("forgot.title")}</h1>
      {mail ? (
        <Form method="post" noValidate>
          <p>{t("forgot.intro")}</p>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormError errors={result?.errors} />
          <TextField name="email" type="email" label={t("fields.email")} errors={result?.errors} defaultValue={result?.values.email} autoComplete="email" required />
          <div className="actions">
            <button type="submit" name="intent" value="reset" className="primary">
              {t("forgot.reset")}
            </button>
            <button type="submit" name="intent" value="signin" className="button-secondary">
              {t("forgot.signin")}
            </button>
          </div>
        </Form>
      ) : null}
      <p className={mail ? undefined : "notice"}>{t("forgot.askFamily")}</p>
      <p className="actions">
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("forgot.back")}</Link>
      </p>
    </section>
  );
}
