import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatifs";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { getWhatIf, listWhatIfs, updateWhatIf } from "../../plan/whatifs.server";
import { today } from "../../lib/dates";
import { WhatIfCard } from "../../components/whatif-card";
import { FormError } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { familyId: ctx.familyId, whatIfs: readSection(ctx, "whatifs", listWhatIfs) };
}

// The one action on this page: "we went through this together today".
export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const whatIfId = String((await request.formData()).get("whatIfId") ?? "");
  const checkedOn = today();
  const ok = writeSection(ctx, "whatifs", (db, familyId, userId) => {
    const current = getWhatIf(db, familyId, whatIfId);
    if (!current) return false;
    if (current.lastCheckedOn === checkedOn) return true;
    const { situation, earlySigns, actions, informs, phones } = current;
    return updateWhatIf(db, familyId, userId, whatIfId, { situation, earlySigns, actions, informs, phones, lastCheckedOn: checkedOn });
  });
  if (!ok) throw notFound();
  return redirect(`/f/${ctx.familyId}/what-ifs#whatif-${whatIfId}`);
});

export default function WhatIfs() {
  const { t } = useTranslation("whatifs");
  const { familyId, whatIfs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {whatIfs.length > 0 ? (
        <p className="actions">
          <Link to={`/f/${familyId}/what-ifs/print`} className="button-secondary">
            {t("list.print")}
          </Link>
        </p>
      ) : null}
      {whatIfs.length === 0 ? <p>{t("list.none")}</p> : null}
      <FormError errors={result?.errors} />
      {whatIfs.map((w) => (
        <WhatIfCard key={w.id} whatIf={w}>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="whatIfId" value={w.id} />
              <button type="submit" className="button-secondary" aria-label={t("list.checkedTodayLabel", { situation: w.situation })}>
                {t("list.checkedToday")}
              </button>
            </Form>
            <Link to={`/f/${familyId}/what-ifs/${w.id}`} className="button-secondary" aria-label={t("list.editLabel", { situation: w.situation })}>
              {t("list.edit")}
            </Link>
            <Link to={`/f/${familyId}/what-ifs/print?id=${w.id}`} className="button-link" aria-label={t("list.printOneLabel", { situation: w.situation })}>
              {t("list.print")}
            </Link>
            <Link to={`/f/${familyId}/delete/whatif/${w.id}`} className="button-link" aria-label={t("list.deleteLabel", { situation: w.situation })}>
              {t("list.delete")}
            </Link>
          </div>
        </WhatIfCard>
      ))}
      <p className="actions">
        <Link to={`/f/${familyId}/what-ifs/new`} className="button">
          {t("list.add")}
        </Link>
      </p>
    </div>
  );
}
