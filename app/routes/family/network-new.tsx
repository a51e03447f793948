import { data, redirect, useActionData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/network-new";
import { familyContext, writeSection } from "../../plan/context.server";
import { createNetworkPerson } from "../../plan/network.server";
import { networkSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { NetworkForm } from "../../components/network-form";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  familyContext({ request, context }, params.familyId);
  return null;
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), networkSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  writeSection(ctx, "network", (db, familyId, userId) => createNetworkPerson(db, familyId, userId, parsed.data));
  return redirect(`/f/${ctx.familyId}/network`);
});

export default function NewNetworkPerson() {
  const { t } = useTranslation("network");
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <NetworkForm errors={result?.errors} values={result?.values} submitLabel={t("new.submit")} />
    </section>
  );
}
