import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/family-delete";
import { adminContext, readSection } from "../../plan/context.server";
import { getFamily } from "../../plan/families.server";
import { askFamilyDeletion } from "../../plan/family-delete.server";
import { UNDO_DAYS } from "../../auth/account-delete.server";
import { LOG_KEPT_DAYS } from "../../../consent/retention";
import { confirmPassword } from "../../auth/password-confirm.server";
import { activeConsentCount } from "../../../consent/grants";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { FormError, TextField } from "../../components/fields";

// Deleting the whole family (ADR 013). Admins only. It asks twice: the family's
// name typed out, and the admin's password. Before that the page says what goes at
// once, what goes after 14 days, what is kept for a year and why.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = adminContext({ request, context }, params.familyId);
  return readSection(ctx, "family", (db, familyId) => ({
    familyId,
    familyName: getFamily(db, familyId)!.name,
    sharing: activeConsentCount(db, familyId),
    undoDays: UNDO_DAYS,
    logYears: Math.round(LOG_KEPT_DAYS / 365),
  }));
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const typed = String(formData.get("name") ?? "").slice(0, 200);
  const password = String(formData.get("password") ?? "");
  const family = getFamily(ctx.db, ctx.familyId)!;
  const errors: Record<string, string> = {};
  if (typed.trim() !== family.name.trim()) errors.name = typed.trim() ? "family:remove.errors.name" : "errors.required";
  const checked = await confirmPassword(ctx.db, ctx.user.id, password, request);
  if (checked === "tooMany") errors.password = "errors.tooManyAttempts";
  else if (checked === "wrong") errors.password = password ? "auth:account.wrongCurrent" : "errors.required";
  // The name is kept, the password never sent back.
  if (Object.keys(errors).length) return data({ errors, values: { name: typed } }, { status: 400 });
  const asked = askFamilyDeletion(ctx.db, ctx.familyId, ctx.user.id);
  if (!asked) throw new Response("Not Found", { status: 404 });
  return redirect("/families?deleted=1");
});

export default function FamilyDelete() {
  const { t } = useTranslation("family");
  const { familyId, familyName, sharing, undoDays, logYears } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card" aria-labelledby="remove-heading">
      <h1 id="remove-heading">{t("remove.title")}</h1>
      <h2>{t("remove.now")}</h2>
      <ul>
        <li>{t("remove.closed")}</li>
        <li>{t("remove.sharing", { count: sharing })}</li>
      </ul>
      <h2>{t("remove.later", { count: undoDays })}</h2>
      <p>{t("remove.undo", { count: undoDays })}</p>
      <p>{t("remove.gone")}</p>
      <h2>{t("remove.keptTitle")}</h2>
      <p>{t("remove.kept", { count: logYears })}</p>
      <p className="notice">
        {t("remove.download")} <Link to={`/f/${familyId}/export`}>{t("remove.downloadLink")}</Link>
      </p>
      <Form method="post" noValidate>
        <FormError errors={result?.errors} />
        {/* The family's name in its own direction: a Latin name inside an Arabic sentence keeps its order. */}
        <p>
          {t("remove.nameIs")} <bdi className="item-title">{familyName}</bdi>
        </p>
        <TextField
          name="name"
          label={t("remove.typeName")}
          hint={t("remove.typeNameHint")}
          errors={result?.errors}
          defaultValue={result?.values.name}
          autoComplete="off"
          required
        />
        <TextField name="password" type="password" label={t("remove.password")} errors={result?.errors} autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" className="button-danger">
            {t("remove.submit")}
          </button>
          <Link to={`/f/${familyId}/members`} className="button-link">
            {t("remove.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
