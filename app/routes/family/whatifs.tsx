import { Form, Link, data, redirect, useActionData, useLoaderData, useLocation, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatifs";
import { familyContext, readSection, writeSection, notFound, type FamilyContext } from "../../plan/context.server";
import { getWhatIf, listWhatIfs, needsLook, parseWhatIfUse, recordWhatIfUse, updateWhatIf, whatIfUsesOf } from "../../plan/whatifs.server";
import { today } from "../../lib/dates";
import { handlerFor, intentOf } from "../../lib/intents";
import { WhatIfCard } from "../../components/whatif-card";
import { WhatIfUseForm } from "../../components/whatif-form";
import { FormError } from "../../components/fields";
import { Notice } from "../../components/notice";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const now = Date.now();
  const whatIfs = readSection(ctx, "whatifs", (db, familyId) => {
    const rows = listWhatIfs(db, familyId);
    const uses = whatIfUsesOf(db, familyId, rows.map((w) => w.id), now);
    return rows.map((w) => ({ ...w, uses: uses.get(w.id)!, needsLook: needsLook(w, now) }));
  });
  return { familyId: ctx.familyId, whatIfs };
}

type Posted = { ctx: FamilyContext; formData: FormData };

const posted = (formData: FormData) => String(formData.get("whatIfId") ?? "");

/** "We went through this together today." */
function checked({ ctx, formData }: Posted) {
  const whatIfId = posted(formData);
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
}

/** "We gebruikten deze afspraak", with how it went if they want. */
function used({ ctx, formData }: Posted) {
  const whatIfId = posted(formData);
  const parsed = parseWhatIfUse(formData);
  if (!parsed.ok) return data({ intent: "used", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = writeSection(ctx, "whatifs", (db, familyId, userId) => recordWhatIfUse(db, familyId, userId, whatIfId, parsed.data), { recordIds: (id) => (id ? [id] : []) });
  if (!id) throw notFound();
  return redirect(`/f/${ctx.familyId}/what-ifs?used=${encodeURIComponent(whatIfId)}#whatif-${whatIfId}`);
}

// A page opened before the page had two forms posts no intent: that was "checked".
const INTENTS = { checked, used, "": checked };

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData));
  if (!handler) return data({ intent: null, errors: { form: "errors.invalid" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
  return handler({ ctx, formData });
});

export default function WhatIfs() {
  const { t } = useTranslation("whatifs");
  const { familyId, whatIfs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  // A message belongs to the card whose form was sent; one that belongs to no card shows on top.
  const failedOn = typeof result?.values?.whatIfId === "string" && whatIfs.some((w) => w.id === result.values.whatIfId) ? result.values.whatIfId : null;
  const justUsed = params.get("used");
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
      {failedOn ? null : <FormError errors={result?.errors} />}
      {whatIfs.map((w) => (
        <WhatIfCard key={w.id} whatIf={w} uses={w.uses}>
          {justUsed === w.id ? <Notice>{t("uses.saved")}</Notice> : null}
          {w.needsLook ? (
            <p className="whatif-look">
              {t("look.hint")}{" "}
              <Link to={`/f/${familyId}/what-ifs/${w.id}?bekijken=1`} aria-label={t("look.linkLabel", { situation: w.situation })}>
                {t("look.link")}
              </Link>
            </p>
          ) : null}
          {/* A fresh form after each save (the location changes), so saved words are not left in the box. */}
          <WhatIfUseForm
            key={failedOn === w.id ? "failed" : location.key}
            whatIfId={w.id}
            situation={w.situation}
            errors={failedOn === w.id ? result?.errors : undefined}
            values={failedOn === w.id && result?.intent === "used" ? result.values : undefined}
          />
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="checked" />
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
