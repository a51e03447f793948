import { Link, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/reviews-detail";
import { familyContext, notFound, readSection } from "../../plan/context.server";
import { getReview } from "../../plan/reviews.server";
import { formatDate } from "../../lib/dates";
import { Notice } from "../../components/notice";
import { ReviewCelebration, ReviewGoals, ReviewPresent } from "../../components/review-goals";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const review = readSection(ctx, "goals", (db, familyId) => getReview(db, familyId, params.reviewId));
  if (!review) throw notFound();
  return { review };
}

export default function Review() {
  const { t, i18n } = useTranslation("reviews");
  const { review } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/f/${review.familyId}`;
  const lang = i18n.language;
  return (
    <div className="stack">
      <section className="card">
        {params.get("saved") ? <Notice>{t("review.saved")}</Notice> : null}
        <h1>{t("review.title", { date: formatDate(review.heldOn, lang) })}</h1>
        <ReviewPresent present={review.present} label={t("review.present")} />
        <p>{t("review.nextOn", { date: formatDate(review.nextOn, lang) })}</p>
        <p className="actions">
          <Link to={`${base}/reviews/${review.id}/print`} className="button-secondary">
            {t("review.print")}
          </Link>
          <Link to={`${base}/reviews`}>{t("review.all")}</Link>
        </p>
      </section>

      <ReviewCelebration goals={review.goals} familyId={review.familyId} />

      <section className="card" aria-labelledby="review-goals-heading">
        <h2 id="review-goals-heading">{t("review.goalsTitle")}</h2>
        <ReviewGoals goals={review.goals} familyId={review.familyId} />
      </section>

      {review.note ? (
        <section className="card" aria-labelledby="review-note-heading">
          <h2 id="review-note-heading">{t("review.note")}</h2>
          <p className="pre" dir="auto">
            {review.note}
          </p>
        </section>
      ) : null}
    </div>
  );
}
