import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/reviews";
import { familyContext, readSection } from "../../plan/context.server";
import { listReviews } from "../../plan/reviews.server";
import { formatDate } from "../../lib/dates";
import { ReviewPresent } from "../../components/review-goals";

// Every "samen terugkijken" of the family, the newest first, and the way to the next one.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { familyId: ctx.familyId, reviews: readSection(ctx, "goals", listReviews) };
}

export default function Reviews() {
  const { t, i18n } = useTranslation("reviews");
  const { familyId, reviews } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="card">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        <p className="actions">
          <Link to={`/f/${familyId}/reviews/new`} className="button">
            {t("list.start")}
          </Link>
        </p>
      </section>
      <section className="card" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("list.title")}</h2>
        {reviews.length === 0 ? <p>{t("list.none")}</p> : null}
        <ul className="list">
          {reviews.map((review) => (
            <li key={review.id}>
              <Link to={`/f/${familyId}/reviews/${review.id}`} className="item-title">
                {formatDate(review.heldOn, i18n.language)}
              </Link>
              <ReviewPresent present={review.present} label={t("list.present")} />
              <p className="meta">
                {t("list.goals", { count: review.goalCount })}
                {review.reachedCount > 0 ? (
                  <>
                    {" · "}
                    <span aria-hidden="true">★ </span>
                    {t("list.reached", { count: review.reachedCount })}
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
