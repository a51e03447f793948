import { data, redirect, useActionData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/whatif-new";
import { familyContext, writeSection } from "../../plan/context.server";
import { createWhatIf } from "../../plan/whatifs.server";
import { whatIfSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { WhatIfForm } from "../../components/whatif-form";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  familyContext({ request, context }, params.familyId);
  return null;
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), whatIfSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = writeSection(ctx, "whatifs", (db, familyId, userId) => createWhatIf(db, familyId, userId, parsed.data));
  return redirect(`/f/${ctx.familyId}/what-ifs#whatif-${id}`);
});

export default function NewWhatIf() {
  const { t } = useTranslation("whatifs");
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <WhatIfForm errors={result?.errors} values={result?.values} submitLabel={t("new.submit")} />
    </section>
  );
}
