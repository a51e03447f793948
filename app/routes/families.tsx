import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/families";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/user.server";
import { createFamily, listFamiliesOfUser } from "../plan/families.server";
import { parseForm, optionalText, text } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";

export const familySchema = z.object({
  name: text(100),
  memberName: text(100),
  relation: optionalText(100),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  const families = listFamiliesOfUser(db, user.id);
  return { user: { name: user.name }, families };
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = requireUser({ request, context });
  const parsed = parseForm(await request.formData(), familySchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const familyId = createFamily(getDb(), user, parsed.data);
  return redirect(`/f/${familyId}`);
});

export default function Families() {
  const { t } = useTranslation("family");
  const { user, families } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("families.hello", { name: user.name })}</h1>
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
