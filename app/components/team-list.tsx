import { Link } from "react-router";
import { useTranslation } from "../use-translation";
import { useStepDay } from "./step-day";
import type { CoachMark, TeamStep } from "../plan/team.server";

// "Wie doet wat?": one card per professional, the coach first, with their steps.
// The family's page and the professionals' page show the same list; what a
// professional may see of it was decided before it got here.

export type TeamPerson = {
  consentId: string;
  name: string;
  role: string;
  organisation: string;
  coach: CoachMark;
  you: boolean;
  steps: TeamStep[];
};

/** One step: the family's words, then done, its day or "when", and its goal if the reader may see it. */
export function TeamStepLine({ step, goalLink }: { step: TeamStep; goalLink: (goalId: string) => string }) {
  const { t } = useTranslation("team");
  const day = useStepDay()(step);
  const when = [step.done ? t("done") : null, day ?? (step.when ? <span dir="auto">{step.when}</span> : null)].filter(Boolean);
  return (
    <li>
      <p className="pre" dir="auto">
        {step.what}
      </p>
      {when.length > 0 ? (
        <p className="meta">
          {when.map((part, index) => (
            <span key={index}>
              {index > 0 ? " · " : null}
              {part}
            </span>
          ))}
        </p>
      ) : null}
      {step.goalTitle ? (
        <p className="meta">
          {t("goal")}{" "}
          <Link to={goalLink(step.goalId)} dir="auto">
            {step.goalTitle}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

export function TeamList({ people, goalLink }: { people: TeamPerson[]; goalLink: (goalId: string) => string }) {
  const { t } = useTranslation("team");
  return (
    <ul className="list">
      {people.map((person) => (
        <li key={person.consentId} className="card" id={`person-${person.consentId}`}>
          <h2 className="item-title">
            <span dir="auto">{person.name}</span>
            {person.you ? ` (${t("you")})` : null}
            {person.coach ? (
              <>
                {" "}
                <span className="tag">{t(`mark.${person.coach}`)}</span>
              </>
            ) : null}
          </h2>
          {person.role || person.organisation ? (
            <p className="meta" dir="auto">
              {[person.role, person.organisation].filter(Boolean).join(" · ")}
            </p>
          ) : null}
          {person.steps.length === 0 ? (
            <p className="meta">{t("noSteps")}</p>
          ) : (
            <>
              <h3>{t("steps", { count: person.steps.length })}</h3>
              <ul className="team-steps">
                {person.steps.map((step) => (
                  <TeamStepLine key={step.id} step={step} goalLink={goalLink} />
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
