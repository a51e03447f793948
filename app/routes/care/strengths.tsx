import { data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/strengths";
import { activeConsentFor } from "../../../consent/gate";
import { professionalContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { createStrength } from "../../plan/strengths.server";
import { strengthsPart } from "../../plan/parts.server";
import { strengthSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { StrengthForm, StrengthList, type StrengthFor } from "../../components/strengths";
import { Notice } from "../../components/notice";

// "Wat gaat goed?" and "Waar zijn we trots op?", as the family shares them: one read
// through the gate, one entry in the family's log. With "mag ook schrijven" the
// professional adds one; the family sees their name and organisation with it.
//
// For whom: the whole family, or a member the shown strengths are about. Those
// names come from the same read, so the form shows nothing the page did not.

function forWhomOf(strengths: { memberId: string | null; memberName: string | null }[]): StrengthFor[] {
  const seen = new Map<string, string>();
  for (const strength of strengths) if (strength.memberId && strength.memberName !== null) seen.set(strength.memberId, strength.memberName);
  return [...seen].map(([value, name]) => ({ value, name }));
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const { strengths, canWrite } = readSection(
    ctx,
    "strengths",
    (db, familyId, grants) => ({ strengths: strengthsPart(db, familyId, grants), canWrite: grants.writes("strengths") }),
    (value) => value.strengths.map((strength) => strength.id),
  );
  return { frame: careFrame(ctx), strengths, forWhom: forWhomOf(strengths), canWrite };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = professionalContext({ request, context }, params.familyId);
  // Without "mag ook schrijven" this page does not take posts at all, not even bad ones.
  if (!activeConsentFor(ctx.db, ctx.access, "strengths", "write")) throw notFound();
  const parsed = parseForm(await request.formData(), strengthSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const created = writeSection(
    ctx,
    "strengths",
    (db, familyId, userId, grants) => {
      const memberId = parsed.data.memberId;
      if (memberId && !forWhomOf(strengthsPart(db, familyId, grants)).some((member) => member.value === memberId)) return { error: "memberId" as const };
      return createStrength(db, familyId, userId, parsed.data);
    },
    { action: "create", recordIds: (result) => ("id" in result ? [result.id] : []) },
  );
  if ("error" in created) return data({ errors: { memberId: "errors.choose" } as Record<string, string>, values: parsed.values }, { status: 400 });
  return redirect(`/care/${ctx.familyId}/strengths?saved=1`);
});

export default function CareStrengths() {
  const { t } = useTranslation("strengths");
  const { strengths, forWhom, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("care:strengths.intro")}</p>

      {canWrite ? (
        <section className="card" aria-labelledby="add-strength">
          <h2 id="add-strength">{t("care:strengths.add")}</h2>
          {params.get("saved") ? <Notice>{t("care:strengths.saved")}</Notice> : null}
          <p>{t("care:strengths.addIntro")}</p>
          <StrengthForm forWhom={forWhom} errors={result?.errors} values={result?.values} submitLabel={t("list.addSubmit")} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="strengths-all">
        <h2 id="strengths-all">{t("list.all")}</h2>
        {strengths.length === 0 ? <p>{t("care:strengths.none")}</p> : null}
        <StrengthList strengths={strengths} headingLevel="h3" />
      </section>
    </div>
  );
}
