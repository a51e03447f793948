import { data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatif-new";
import { familyContext, writeSection } from "../../plan/context.server";
import { createWhatIf } from "../../plan/whatifs.server";
import { whatIfSchema } from "../../plan/schemas";
import { formList, parseForm } from "../../lib/forms";
import { WhatIfForm } from "../../components/whatif-form";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { shareAdded, sharingForNew } from "../../sharing/consents.server";
import { ShareWith } from "../../components/share-with";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { sharing: sharingForNew(ctx, "whatifs") };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const parsed = parseForm(formData, whatIfSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: { ...parsed.values, shareWith: formList(formData, "shareWith") } }, { status: 400 });
  const id = writeSection(ctx, "whatifs", (db, familyId, userId) => {
    const id = createWhatIf(db, familyId, userId, parsed.data);
    shareAdded(ctx, db, formData, "whatifs", id);
    return id;
  });
  return redirect(`/f/${ctx.familyId}/what-ifs#whatif-${id}`);
});

export default function NewWhatIf() {
  const { t } = useTranslation("whatifs");
  const { sharing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <WhatIfForm errors={result?.errors} values={result?.values} submitLabel={t("new.submit")}
        extra={<ShareWith consents={sharing} picked={result?.values?.shareWith} />}
      />
    </section>
  );
}
