import { data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/network-new";
import { familyContext, writeSection } from "../../plan/context.server";
import { createNetworkPerson } from "../../plan/network.server";
import { networkSchema } from "../../plan/schemas";
import { formList, parseForm } from "../../lib/forms";
import { NetworkForm } from "../../components/network-form";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { shareAdded, sharingForNew } from "../../sharing/consents.server";
import { ShareWith } from "../../components/share-with";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { sharing: sharingForNew(ctx, "network") };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const parsed = parseForm(formData, networkSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: { ...parsed.values, shareWith: formList(formData, "shareWith") } }, { status: 400 });
  writeSection(ctx, "network", (db, familyId, userId) => {
    const id = createNetworkPerson(db, familyId, userId, parsed.data);
    shareAdded(ctx, db, formData, "network", id);
    return id;
  });
  return redirect(`/f/${ctx.familyId}/network`);
});

export default function NewNetworkPerson() {
  const { t } = useTranslation("network");
  const { sharing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <NetworkForm errors={result?.errors} values={result?.values} submitLabel={t("new.submit")}
        extra={<ShareWith consents={sharing} picked={result?.values?.shareWith} />}
      />
    </section>
  );
}
