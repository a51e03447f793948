import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/reviews-print";
import { familyContext, notFound, readSection } from "../../plan/context.server";
import { getFamily } from "../../plan/families.server";
import { getReview } from "../../plan/reviews.server";
import { formatDate } from "../../lib/dates";
import { PrintButton } from "../../components/print-button";
import { ReviewCelebration, ReviewGoals, ReviewPresent } from "../../components/review-goals";

// One review on A4, for the family to keep with their papers: what they said, in
// their own words, with the family's name on it. Members only, through the same
// door as the review's page.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const review = readSection(ctx, "goals", (db, familyId) => getReview(db, familyId, params.reviewId));
  if (!review) throw notFound();
  const familyName = readSection(ctx, "family", (db, familyId) => getFamily(db, familyId)!.name);
  return { review, familyName, printedAt: Date.now() };
}

export default function PrintReview() {
  const { t, i18n } = useTranslation("reviews");
  const { review, familyName, printedAt } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <div className="print-sheets">
      <section className="card no-print">
        <h1>{t("print.title")}</h1>
        <p>{t("print.intro")}</p>
        <p className="actions">
          <PrintButton className="button" />
          <Link to={`/f/${review.familyId}/reviews/${review.id}`} className="button-link">
            {t("print.back")}
          </Link>
        </p>
      </section>
      <article className="review-sheet" aria-labelledby="review-sheet-title">
        <p className="print-card-family">
          <span className="pre" dir="auto">
            {familyName}
          </span>
          {" · "}
          {t("title")}
        </p>
        <h2 id="review-sheet-title">{t("review.title", { date: formatDate(review.heldOn, lang) })}</h2>
        <ReviewPresent present={review.present} label={t("review.present")} />
        <ReviewCelebration goals={review.goals} familyId={null} />
        <section className="review-sheet-goals" aria-labelledby="review-sheet-goals">
          <h2 id="review-sheet-goals">{t("review.goalsTitle")}</h2>
          <ReviewGoals goals={review.goals} familyId={null} />
        </section>
        {review.note ? (
          <section aria-labelledby="review-sheet-note">
            <h2 id="review-sheet-note">{t("review.note")}</h2>
            <p className="pre" dir="auto">
              {review.note}
            </p>
          </section>
        ) : null}
        <p className="review-sheet-next">{t("review.nextOn", { date: formatDate(review.nextOn, lang) })}</p>
        <p className="print-card-meta">{t("print.printedOn", { date: formatDate(printedAt, lang) })}</p>
      </article>
    </div>
  );
}
