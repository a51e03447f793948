import { Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatif-edit";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { getWhatIf, updateWhatIf } from "../../plan/whatifs.server";
import { whatIfSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { WhatIfForm } from "../../components/whatif-form";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { today } from "../../lib/dates";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const whatIf = readSection(ctx, "whatifs", (db, familyId) => getWhatIf(db, familyId, params.whatIfId));
  if (!whatIf) throw notFound();
  // From "Klopt deze afspraak nog?": going through it together is what they came to do, so today is filled in.
  const checkingOn = new URL(request.url).searchParams.get("bekijken") ? today() : null;
  return { familyId: ctx.familyId, whatIf, checkingOn };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), whatIfSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const updated = writeSection(ctx, "whatifs", (db, familyId, userId) => updateWhatIf(db, familyId, userId, params.whatIfId, parsed.data));
  if (!updated) throw notFound();
  return redirect(`/f/${ctx.familyId}/what-ifs#whatif-${params.whatIfId}`);
});

export default function EditWhatIf() {
  const { t } = useTranslation("whatifs");
  const { familyId, whatIf, checkingOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("edit.title")}</h1>
      {checkingOn ? <p>{t("edit.checkIntro")}</p> : null}
      <WhatIfForm errors={result?.errors} values={result?.values ?? (checkingOn ? { ...whatIf, lastCheckedOn: checkingOn } : whatIf)} submitLabel={t("edit.submit")} />
      <p className="actions">
        <Link to={`/f/${familyId}/what-ifs`} className="button-link">
          {t("edit.back")}
        </Link>
        <Link to={`/f/${familyId}/delete/whatif/${whatIf.id}`} className="button-link">
          {t("edit.delete")}
        </Link>
      </p>
    </section>
  );
}
