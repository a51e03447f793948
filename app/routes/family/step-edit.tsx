import { data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/step-edit";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { getStep, updateStep } from "../../plan/goals.server";
import { listNetwork } from "../../plan/network.server";
import { coachChoices } from "../../plan/team.server";
import { stepSchema } from "../../plan/schemas";
import { useFamily } from "../../hooks/use-family";
import { parseForm } from "../../lib/forms";
import { StepForm, whoValue } from "../../components/step-form";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const step = readSection(ctx, "goals", (db, familyId) => getStep(db, familyId, params.stepId));
  if (!step || step.goalId !== params.goalId) throw notFound();
  return { step, network: readSection(ctx, "network", listNetwork), professionals: readSection(ctx, "team", (db, familyId) => coachChoices(db, familyId)) };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), stepSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = writeSection(ctx, "goals", (db, familyId, userId) => {
    const step = getStep(db, familyId, params.stepId);
    if (!step || step.goalId !== params.goalId) return { error: "notFound" as const };
    return updateStep(db, familyId, userId, params.stepId, parsed.data);
  });
  if ("error" in result) {
    if (result.error === "notFound") throw notFound();
    return data({ errors: { who: "errors.choose" }, values: parsed.values }, { status: 400 });
  }
  return redirect(`/f/${ctx.familyId}/goals/${params.goalId}?saved=${params.stepId}#step-${params.stepId}`);
});

export default function EditStep() {
  const { t } = useTranslation("goals");
  const { members } = useFamily();
  const { step, network, professionals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("steps.editTitle")}</h1>
      <StepForm
        members={members}
        network={network}
        professionals={professionals}
        errors={result?.errors}
        values={result?.values ?? { what: step.what, when: step.when, who: whoValue(step), startsOn: step.startsOn ?? "", endsOn: step.endsOn ?? "" }}
        submitLabel={t("steps.save")}
      />
    </section>
  );
}
