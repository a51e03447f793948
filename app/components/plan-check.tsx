import { Link } from "react-router";
import { useTranslation } from "../use-translation";
import type { PlanHint } from "../plan/plan-check.server";

// The plan check on the plan page (issue 14 §8): a few gentle hints, each one tap
// from where it is fixed. The first three show; the rest wait under "Meer tips".

const SHOWN = 3;

function Hint({ hint }: { hint: PlanHint }) {
  const { t } = useTranslation("plan");
  const [text, fix, to] = (() => {
    switch (hint.kind) {
      case "memberWithoutGoal":
        return [t("check.memberWithoutGoal", { name: hint.name }), t("check.memberWithoutGoalFix", { name: hint.name }), `goals/new?member=${hint.memberId}`];
      case "goalWithoutSteps":
        return [t("check.goalWithoutSteps", { title: hint.title }), t("check.goalWithoutStepsFix"), `goals/${hint.goalId}#steps`];
      case "stepsWithoutWhen":
        return [t("check.stepsWithoutWhen", { count: hint.count }), t("check.stepsWithoutWhenFix"), `goals/${hint.goalId}#steps`];
      case "noNetwork":
        return [t("check.noNetwork"), t("check.noNetworkFix"), "network/new"];
      case "networkUnused":
        return [t("check.networkUnused"), t("check.networkUnusedFix"), "network"];
      case "safetyWithoutWhatIf":
        return [t("check.safetyWithoutWhatIf", { title: hint.title }), t("check.safetyWithoutWhatIfFix"), "what-ifs/new"];
      case "noReview":
        return [t("check.noReview"), t("check.noReviewFix"), "reviews/new"];
      case "noCoach":
        return [t("check.noCoach"), t("check.noCoachFix"), "team"];
    }
  })();
  return (
    <li>
      <p>{text}</p>
      <p className="actions">
        <Link to={to} className="button-secondary">
          {fix}
        </Link>
      </p>
    </li>
  );
}

export function PlanCheck({ hints }: { hints: PlanHint[] }) {
  const { t } = useTranslation("plan");
  if (hints.length === 0) return null;
  const key = (hint: PlanHint) => `${hint.kind}-${"memberId" in hint ? hint.memberId : "goalId" in hint ? hint.goalId : ""}`;
  return (
    <section className="card no-print" aria-labelledby="check-heading" id="plan-check">
      <h2 id="check-heading">{t("check.title")}</h2>
      <p>{t("check.intro")}</p>
      <ul className="list">
        {hints.slice(0, SHOWN).map((hint) => (
          <Hint key={key(hint)} hint={hint} />
        ))}
      </ul>
      {hints.length > SHOWN ? (
        <details>
          <summary>{t("check.more", { count: hints.length - SHOWN })}</summary>
          <ul className="list">
            {hints.slice(SHOWN).map((hint) => (
              <Hint key={key(hint)} hint={hint} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
