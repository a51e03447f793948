import { data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/goal-edit";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { getGoal, updateGoal } from "../../plan/goals.server";
import { goalSchema } from "../../plan/schemas";
import { useFamily } from "../../hooks/use-family";
import { formList, parseForm } from "../../lib/forms";
import { GoalForm } from "../../components/goal-form";
import { calmWhenStorageFails } from "../../lib/storage.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const goal = readSection(ctx, "goals", (db, familyId) => getGoal(db, familyId, params.goalId));
  if (!goal) throw notFound();
  return { goal };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const parsed = parseForm(formData, goalSchema, ["memberIds"]);
  if (!parsed.ok) {
    return data({ errors: parsed.errors, values: { ...parsed.values, memberIds: formList(formData, "memberIds") } }, { status: 400 });
  }
  const updated = writeSection(ctx, "goals", (db, familyId, userId) => updateGoal(db, familyId, userId, params.goalId, parsed.data));
  if (!updated) throw notFound();
  return redirect(`/f/${ctx.familyId}/goals/${params.goalId}`);
});

export default function EditGoal() {
  const { t } = useTranslation("goals");
  const { members } = useFamily();
  const { goal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("edit.title")}</h1>
      <GoalForm members={members} errors={result?.errors} values={result?.values ?? goal} submitLabel={t("edit.submit")} />
    </section>
  );
}
