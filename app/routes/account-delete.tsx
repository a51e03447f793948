import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/account-delete";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/user.server";
import { askAccountDeletion, hasLooked, onlyAdminOf } from "../auth/account-delete.server";
import { confirmPassword } from "../auth/password-confirm.server";
import { clearSessionCookie } from "../auth/session.server";
import { passwordField } from "../auth/fields";
import { listFamiliesOfUser } from "../plan/families.server";
import { calendarDay } from "../lib/dates";
import { calmWhenStorageFails } from "../lib/storage.server";
import { FormError, TextField } from "../components/fields";

// "Account verwijderen" (ADR 013): first in plain words what happens, then asked
// twice, a tick and the password. Refused while the person is a family's only
// admin, so no family is left that nobody can manage.

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  return {
    blocking: onlyAdminOf(db, user.id),
    looked: hasLooked(db, user.id),
    families: listFamiliesOfUser(db, user.id).map(({ id, name }) => ({ id, name })),
  };
}

type Result = { errors: Record<string, string>; values: { confirm: string } };

const refuse = (errors: Record<string, string>, confirmed: boolean, status = 400) =>
  data<Result>({ errors, values: { confirm: confirmed ? "yes" : "" } }, { status });

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = requireUser({ request, context });
  const formData = await request.formData();
  const confirmed = formData.get("confirm") === "yes";
  const password = passwordField.safeParse(formData.get("password") ?? "");
  const errors: Record<string, string> = {};
  if (!confirmed) errors.confirm = "auth:deleteAccount.tickFirst";
  if (!password.success) errors.password = password.error.issues[0]?.message ?? "errors.required";
  if (!password.success || !confirmed) return refuse(errors, confirmed);

  // The password is a guess like any other: the same limits as signing in.
  const checked = await confirmPassword(getDb(), user.id, password.data, request);
  if (checked === "tooMany") return refuse({ form: "errors.tooManyAttempts" }, confirmed, 429);
  if (checked === "wrong") return refuse({ password: "auth:deleteAccount.wrongPassword" }, confirmed);
  const asked = askAccountDeletion(getDb(), user.id);
  if ("refused" in asked) return refuse({ form: "auth:deleteAccount.onlyAdminRefused" }, confirmed);
  // Every session already ended with the ask; this device forgets its cookie too.
  return redirect(`/login?${new URLSearchParams({ deleted: calendarDay(asked.finalAt) })}`, { headers: { "Set-Cookie": clearSessionCookie(request) } });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function AccountDelete() {
  const { t } = useTranslation("auth");
  const { blocking, looked, families } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("deleteAccount.title")}</h1>
      <section className="card" aria-labelledby="delete-what">
        <h2 id="delete-what">{t("deleteAccount.whatTitle")}</h2>
        <ul>
          <li>{t("deleteAccount.atOnce")}</li>
          <li>{t("deleteAccount.undo")}</li>
          <li>{t("deleteAccount.stays")}</li>
          <li>{t("deleteAccount.goes")}</li>
          {looked ? <li>{t("deleteAccount.looked")}</li> : null}
        </ul>
      </section>

      {families.length > 0 ? (
        <section className="card" aria-labelledby="delete-download">
          <h2 id="delete-download">{t("deleteAccount.downloadTitle")}</h2>
          <p>{t("deleteAccount.downloadIntro")}</p>
          <ul className="list">
            {families.map((family) => (
              <li key={family.id}>
                <Link to={`/f/${family.id}/export`}>{t("deleteAccount.download", { family: family.name })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {blocking.length > 0 ? (
        <section className="card" aria-labelledby="delete-blocked">
          <h2 id="delete-blocked">{t("deleteAccount.blockedTitle")}</h2>
          <p>{t("deleteAccount.blockedIntro")}</p>
          <ul className="list">
            {blocking.map((family) => (
              <li key={family.id}>
                <p>
                  <strong className="pre" dir="auto">{family.name}</strong>
                </p>
                <p>{t("deleteAccount.blockedWhat")}</p>
                <p className="actions">
                  <Link to={`/f/${family.id}/members`}>{t("deleteAccount.members", { family: family.name })}</Link>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section className="card" aria-labelledby="delete-ask">
          <h2 id="delete-ask">{t("deleteAccount.askTitle")}</h2>
          <Form method="post" noValidate>
            <FormError errors={result?.errors} />
            <Confirm errors={result?.errors} checked={result?.values.confirm === "yes"} />
            <TextField name="password" type="password" label={t("deleteAccount.password")} errors={result?.errors} autoComplete="current-password" required />
            <div className="actions">
              <button type="submit" className="button-danger">
                {t("deleteAccount.submit")}
              </button>
            </div>
          </Form>
        </section>
      )}
      <p className="actions">
        <Link to="/account">{t("deleteAccount.back")}</Link>
      </p>
    </div>
  );
}

/** The tick: one box with its message next to it, as the other fields have. */
function Confirm({ errors, checked }: { errors?: Record<string, string>; checked: boolean }) {
  const { t } = useTranslation("auth");
  const error = errors?.confirm;
  return (
    <div className="field">
      {error ? (
        <p className="field-error" id="field-confirm-error">
          {t(error)}
        </p>
      ) : null}
      <label>
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          defaultChecked={checked}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-confirm-error" : undefined}
        />{" "}
        {t("deleteAccount.confirm")}
      </label>
    </div>
  );
}
