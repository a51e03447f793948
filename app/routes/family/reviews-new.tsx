import { data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/reviews-new";
import { familyContext, readSection, writeSection } from "../../plan/context.server";
import { createReview, parseReview, reviewableGoals } from "../../plan/reviews.server";
import { today } from "../../lib/dates";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { ReviewForm } from "../../components/review-form";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { goals: readSection(ctx, "goals", reviewableGoals), today: today() };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  // The goals are asked about as they are now: a goal added or finished since the page
  // opened is on the form, or off it, when the form comes back.
  const goals = readSection(ctx, "goals", reviewableGoals);
  const parsed = parseReview(formData, goals.map((goal) => goal.id));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, goals }, { status: 400 });
  const reviewId = writeSection(ctx, "goals", (db, familyId, userId) => createReview(db, familyId, userId, parsed.data));
  return redirect(`/f/${ctx.familyId}/reviews/${reviewId}?saved=1`);
});

export default function NewReview() {
  const { t } = useTranslation("reviews");
  const { goals, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <ReviewForm goals={result && "goals" in result ? result.goals : goals} today={today} errors={result?.errors} values={result?.values} />
    </section>
  );
}
