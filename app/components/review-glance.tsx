import { Link } from "react-router";
import { useTranslation } from "../use-translation";
import { formatDate } from "../lib/dates";
import type { ReviewDates } from "../plan/reviews.server";

/**
 * On the plan page: when the family last looked back together and when the next time
 * is. When it is near or past, it says so once, kindly, with the button to start; a
 * family that never did one is offered the first.
 */
export function ReviewGlance({ familyId, dates }: { familyId: string; dates: ReviewDates }) {
  const { t, i18n } = useTranslation("reviews");
  const lang = i18n.language;
  const base = `/f/${familyId}/reviews`;
  const due = dates.due === "soon" || dates.due === "overdue";
  return (
    <section className="card review-glance" aria-labelledby="review-glance" id="reviews">
      <h2 id="review-glance">{t("plan.title")}</h2>
      {dates.lastOn && dates.nextOn ? (
        <p>
          {t("plan.last", { date: formatDate(dates.lastOn, lang) })} {t("plan.next", { date: formatDate(dates.nextOn, lang) })}
        </p>
      ) : (
        <p>{t("plan.never")}</p>
      )}
      {due ? (
        <p className="review-due">
          <strong>{t("plan.due")}</strong>
        </p>
      ) : null}
      <p className="actions">
        {!dates.lastOn || due ? (
          <Link to={`${base}/new`} className="button">
            {dates.lastOn ? t("plan.start") : t("plan.firstStart")}
          </Link>
        ) : null}
        {dates.lastOn ? <Link to={base}>{t("plan.all")}</Link> : null}
      </p>
    </section>
  );
}
