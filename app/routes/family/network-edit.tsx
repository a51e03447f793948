import { Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/network-edit";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { getNetworkPerson, updateNetworkPerson } from "../../plan/network.server";
import { networkSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { NetworkForm } from "../../components/network-form";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const person = readSection(ctx, "network", (db, familyId) => getNetworkPerson(db, familyId, params.personId));
  if (!person) throw notFound();
  return { familyId: ctx.familyId, person };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), networkSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const updated = writeSection(ctx, "network", (db, familyId, userId) => updateNetworkPerson(db, familyId, userId, params.personId, parsed.data));
  if (!updated) throw notFound();
  return redirect(`/f/${ctx.familyId}/network`);
});

export default function EditNetworkPerson() {
  const { t } = useTranslation("network");
  const { familyId, person } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("edit.title")}</h1>
      <NetworkForm errors={result?.errors} values={result?.values ?? person} submitLabel={t("edit.submit")} />
      <p className="actions">
        <Link to={`/f/${familyId}/network`} className="button-link">
          {t("edit.back")}
        </Link>
        <Link to={`/f/${familyId}/delete/network/${person.id}`} className="button-link">
          {t("edit.delete")}
        </Link>
      </p>
    </section>
  );
}
