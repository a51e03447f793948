import { Link } from "react-router";
import { useTranslation } from "../use-translation";

export type ReviewGoal = { goalId: string; title: string; howItWent: string; next: "reached" | "continue" | "change" | "stop"; removed: boolean };

/**
 * The goals the family reached at this review, said plainly and warmly: a star, the
 * word "Gehaald!" and the goals in their own words. Nothing when none was reached.
 * `familyId` null is paper: no links.
 */
export function ReviewCelebration({ goals, familyId }: { goals: ReviewGoal[]; familyId: string | null }) {
  const { t } = useTranslation("reviews");
  const reached = goals.filter((goal) => goal.next === "reached");
  if (reached.length === 0) return null;
  return (
    <section className="card review-celebration" aria-labelledby="review-reached">
      <h2 id="review-reached">
        <span className="review-star" aria-hidden="true">
          ★
        </span>{" "}
        {t("review.celebrate")}
      </h2>
      <p>{t("review.celebrateText", { count: reached.length })}</p>
      <ul className="list">
        {reached.map((goal) => (
          <li key={goal.goalId}>
            <span aria-hidden="true">✓ </span>
            {familyId && !goal.removed ? (
              <Link to={`/f/${familyId}/goals/${goal.goalId}`} className="own-words" dir="auto">
                {goal.title}
              </Link>
            ) : (
              <span className="own-words" dir="auto">
                {goal.title}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Per goal: how it went in the family's words, and how they go on. A goal to change links to its edit page. */
export function ReviewGoals({ goals, familyId }: { goals: ReviewGoal[]; familyId: string | null }) {
  const { t } = useTranslation("reviews");
  if (goals.length === 0) return <p>{t("review.noGoals")}</p>;
  return (
    <ul className="list review-goal-list">
      {goals.map((goal) => (
        <li key={goal.goalId} className={`review-goal review-next-${goal.next}`}>
          <h3 className="own-words" dir="auto">
            {goal.title}
          </h3>
          {goal.howItWent ? (
            <p>
              <span className="review-label">{t("review.howItWent")}</span>{" "}
              <span className="pre" dir="auto">
                {goal.howItWent}
              </span>
            </p>
          ) : null}
          <p>
            <span className="review-label">{t("review.next")}</span>{" "}
            <strong>
              {goal.next === "reached" ? <span aria-hidden="true">★ </span> : null}
              {t(`next.${goal.next}`)}
            </strong>
          </p>
          {goal.removed ? <p className="meta">{t("review.removed")}</p> : null}
          {familyId && goal.next === "change" && !goal.removed ? (
            <p className="actions">
              <Link to={`/f/${familyId}/goals/${goal.goalId}/edit`} className="button-secondary" aria-label={t("review.changeLabel", { title: goal.title })}>
                {t("review.change")}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** "Wie waren er: …" in the family's own words; nothing when they left it empty. */
export function ReviewPresent({ present, label }: { present: string; label: string }) {
  if (!present) return null;
  return (
    <p>
      {label}{" "}
      <span className="pre" dir="auto">
        {present}
      </span>
    </p>
  );
}
