import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/families";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/user.server";
import { createFamily, listFamiliesOfUser } from "../plan/families.server";
import { familiesBeingDeleted, undoFamilyDeletion } from "../plan/family-delete.server";
import { formatDate } from "../lib/dates";
import { parseForm, optionalText, text } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";
import { Notice } from "../components/notice";

export const familySchema = z.object({
  name: text(100),
  memberName: text(100),
  relation: optionalText(100),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  const families = listFamiliesOfUser(db, user.id);
  // A family being deleted is closed to everyone; its admins can still keep it here.
  return { user: { name: user.name }, families, deleting: familiesBeingDeleted(db, user.id) };
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = requireUser({ request, context });
  const formData = await request.formData();
  if (formData.get("intent") === "keep") {
    if (!undoFamilyDeletion(getDb(), String(formData.get("familyId") ?? ""), user.id)) throw new Response("Not Found", { status: 404 });
    return redirect("/families?kept=1");
  }
  const parsed = parseForm(formData, familySchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const familyId = createFamily(getDb(), user, parsed.data);
  return redirect(`/f/${familyId}`);
});

export default function Families() {
  const { t, i18n } = useTranslation("family");
  const { user, families, deleting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("families.hello", { name: user.name })}</h1>
      {params.get("deleted") ? (
        <Notice>
          {t("remove.done")}
        </Notice>
      ) : null}
      {params.get("kept") ? (
        <Notice>
          {t("remove.keptAgain")}
        </Notice>
      ) : null}
      {deleting.length > 0 ? (
        <section className="card" aria-labelledby="deleting-heading">
          <h2 id="deleting-heading">{t("remove.pendingTitle")}</h2>
          <ul className="list">
            {deleting.map((family) => (
              <li key={family.id}>
                <p className="item-title pre">{family.name}</p>
                <p>{t("remove.pending", { date: formatDate(family.until, i18n.language) })}</p>
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="keep" />
                  <input type="hidden" name="familyId" value={family.id} />
                  <button type="submit" className="primary" aria-label={t("remove.keepLabel", { name: family.name })}>
                    {t("remove.keep")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {families.length > 0 ? (
        <section className="card">
          <h2>{t("families.yours")}</h2>
          <ul className="list">
            {families.map((family) => (
              <li key={family.id}>
                <Link to={`/f/${family.id}`} className="item-title">
                  {family.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p>{t("families.none")}</p>
      )}
      <section className="card">
        <h2>{t("families.start")}</h2>
        <p>{t("families.startIntro")}</p>
        <Form method="post" noValidate>
          <FormError errors={result?.errors} />
          <TextField name="name" label={t("families.fields.name")} hint={t("families.fields.nameHint")} errors={result?.errors} defaultValue={result?.values.name} required />
          <TextField name="memberName" label={t("families.fields.memberName")} errors={result?.errors} defaultValue={result?.values.memberName ?? user.name} required />
          <TextField name="relation" label={t("families.fields.relation")} hint={t("families.fields.relationHint")} errors={result?.errors} defaultValue={result?.values.relation} />
          <div className="actions">
            <button type="submit" className="primary">
              {t("families.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
