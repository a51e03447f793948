import { data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/goal-new";
import { familyContext, writeSection } from "../../plan/context.server";
import { createGoal } from "../../plan/goals.server";
import { goalSchema } from "../../plan/schemas";
import { useFamily } from "../../hooks/use-family";
import { formList, parseForm } from "../../lib/forms";
import { GoalForm } from "../../components/goal-form";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { shareAdded, sharingForNew } from "../../sharing/consents.server";
import { ShareWith } from "../../components/share-with";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { sharing: sharingForNew(ctx, "goals") };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const parsed = parseForm(formData, goalSchema, ["memberIds"]);
  if (!parsed.ok) {
    const values = { ...parsed.values, memberIds: formList(formData, "memberIds"), shareWith: formList(formData, "shareWith") };
    return data({ errors: parsed.errors, values }, { status: 400 });
  }
  const goalId = writeSection(ctx, "goals", (db, familyId, userId) => {
    const id = createGoal(db, familyId, userId, parsed.data);
    shareAdded(ctx, db, formData, "goals", id);
    return id;
  });
  return redirect(`/f/${ctx.familyId}/goals/${goalId}`);
});

export default function NewGoal() {
  const { t } = useTranslation("goals");
  const { members } = useFamily();
  const { sharing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // From the plan check's "Doel maken voor Sam": the form starts with Sam ticked.
  const [params] = useSearchParams();
  const forMember = params.get("member");
  const start = forMember && members.some((m) => m.id === forMember) ? { memberIds: [forMember] } : undefined;
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <GoalForm members={members} errors={result?.errors} values={result?.values ?? start} submitLabel={t("new.submit")}
        extra={<ShareWith consents={sharing} picked={result?.values?.shareWith} />}
      />
    </section>
  );
}
