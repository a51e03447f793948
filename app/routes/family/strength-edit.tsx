import { Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/strength-edit";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { familyStrengths, updateStrength } from "../../plan/strengths.server";
import { strengthSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { useFamily } from "../../hooks/use-family";
import { StrengthForm } from "../../components/strengths";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const strength = readSection(ctx, "strengths", (db, familyId) => familyStrengths(db, familyId).find((s) => s.id === params.strengthId));
  if (!strength) throw notFound();
  return { familyId: ctx.familyId, strength };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), strengthSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const updated = writeSection(ctx, "strengths", (db, familyId, userId) => updateStrength(db, familyId, userId, params.strengthId, parsed.data));
  if (!updated) throw notFound();
  if (updated !== true) return data({ errors: { memberId: "errors.choose" } as Record<string, string>, values: parsed.values }, { status: 400 });
  return redirect(`/f/${ctx.familyId}/strengths#strength-${params.strengthId}`);
});

export default function EditStrength() {
  const { t } = useTranslation("strengths");
  const { familyId, strength } = useLoaderData<typeof loader>();
  const { members } = useFamily();
  const result = useActionData<typeof action>();
  const forWhom = members.map((member) => ({ value: member.id, name: member.name }));
  // Written for someone removed from the family since: they stay the one it is for, until the family changes it.
  if (strength.memberId && strength.memberName !== null && !forWhom.some((member) => member.value === strength.memberId)) {
    forWhom.push({ value: strength.memberId, name: strength.memberName });
  }
  return (
    <section className="card">
      <h1>{t("edit.title")}</h1>
      <StrengthForm forWhom={forWhom} errors={result?.errors} values={result?.values ?? { ...strength, memberId: strength.memberId ?? "" }} submitLabel={t("edit.submit")} />
      <p className="actions">
        <Link to={`/f/${familyId}/strengths`} className="button-link">
          {t("edit.back")}
        </Link>
        <Link to={`/f/${familyId}/delete/strength/${strength.id}`} className="button-link">
          {t("edit.delete")}
        </Link>
      </p>
    </section>
  );
}
