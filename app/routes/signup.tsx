import { z } from "zod";
import { Form, Link, redirect, data, useActionData, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/signup";
import { getDb } from "../../db/client.server";
import { createAccount } from "../auth/accounts.server";
import { createSession, sessionCookie } from "../auth/session.server";
import { getSessionUser } from "../auth/user.server";
import { safeRedirect } from "../auth/redirect";
import { parseForm, text } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";

export const signupSchema = z.object({
  name: text(100),
  email: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong").pipe(z.email("errors.email")),
  password: z.string().min(10, "errors.passwordShort").max(200, "errors.tooLong"),
});

export function loader({ request }: Route.LoaderArgs) {
  if (getSessionUser(request)) throw redirect("/");
  return null;
}

export const action = calmWhenStorageFails(async ({ request }: Route.ActionArgs) => {
  const formData = await request.formData();
  const parsed = parseForm(formData, signupSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const db = getDb();
  const created = await createAccount(db, parsed.data);
  if ("error" in created) {
    return data(
      { errors: { email: "errors.emailTaken" }, values: { name: parsed.data.name, email: parsed.data.email } },
      { status: 400 },
    );
  }
  const session = createSession(db, created.id);
  return redirect(safeRedirect(formData.get("redirectTo")), {
    headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) },
  });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Signup() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <section className="card">
      <h1>{t("signup.title")}</h1>
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
      <p className="actions">
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("signup.haveAccount")}</Link>
      </p>
    </section>
  );
}
