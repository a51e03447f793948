import { Link, data, redirect, useActionData, useLoaderData, useLocation, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/strengths";
import { familyContext, readSection, writeSection } from "../../plan/context.server";
import { createStrength, familyStrengths } from "../../plan/strengths.server";
import { strengthSchema } from "../../plan/schemas";
import { formList, parseForm } from "../../lib/forms";
import { useFamily } from "../../hooks/use-family";
import { StrengthForm, StrengthList } from "../../components/strengths";
import { Notice } from "../../components/notice";
import { ShareWith } from "../../components/share-with";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { shareAdded, sharingForNew } from "../../sharing/consents.server";

// "Wat gaat goed?" and "Waar zijn we trots op?": everything the family wrote, per
// person, and a short form to add one. Changing and removing go like the other parts.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { familyId: ctx.familyId, strengths: readSection(ctx, "strengths", familyStrengths), sharing: sharingForNew(ctx, "strengths") };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const parsed = parseForm(formData, strengthSchema);
  const values = { ...parsed.values, shareWith: formList(formData, "shareWith") };
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const created = writeSection(ctx, "strengths", (db, familyId, userId) => {
    const result = createStrength(db, familyId, userId, parsed.data);
    if ("id" in result) shareAdded(ctx, db, formData, "strengths", result.id);
    return result;
  });
  if ("error" in created) return data({ errors: { memberId: "errors.choose" } as Record<string, string>, values }, { status: 400 });
  return redirect(`/f/${ctx.familyId}/strengths?saved=1#strength-${created.id}`);
});

export default function Strengths() {
  const { t } = useTranslation("strengths");
  const { familyId, strengths, sharing } = useLoaderData<typeof loader>();
  const { members } = useFamily();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>

      <section className="card" aria-labelledby="add-strength" id="add">
        <h2 id="add-strength">{t("list.add")}</h2>
        {params.get("saved") ? <Notice>{t("list.saved")}</Notice> : null}
        {/* A fresh form after each save (the location changes), so saved words are not left in the box. */}
        <StrengthForm
          key={result ? "failed" : location.key}
          forWhom={members.map((member) => ({ value: member.id, name: member.name }))}
          errors={result?.errors}
          values={result?.values}
          submitLabel={t("list.addSubmit")}
          extra={<ShareWith consents={sharing} picked={result?.values?.shareWith} />}
        />
      </section>

      <section className="card" aria-labelledby="strengths-all">
        <h2 id="strengths-all">{t("list.all")}</h2>
        {strengths.length === 0 ? <p>{t("list.none")}</p> : null}
        <StrengthList
          strengths={strengths}
          memberOrder={members.map((member) => member.id)}
          headingLevel="h3"
          actions={(strength) => (
            <>
              <Link to={`/f/${familyId}/strengths/${strength.id}`} className="button-secondary" aria-label={t("list.editLabel", { text: strength.text })}>
                {t("list.edit")}
              </Link>
              <Link to={`/f/${familyId}/delete/strength/${strength.id}`} className="button-link" aria-label={t("list.deleteLabel", { text: strength.text })}>
                {t("list.delete")}
              </Link>
            </>
          )}
        />
      </section>
    </div>
  );
}
