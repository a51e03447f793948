import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/home";
import { getDb } from "../../../db/client.server";
import { endsSoon, listConsentsOfProfessional } from "../../../consent/grants";
import { listAccessRequests } from "../../../consent/requests";
import { grantedParts } from "../../../consent/sections";
import { currentSession, requireUser } from "../../auth/user.server";
import { daysUntil, formatDate, lastDay } from "../../lib/dates";
import { PartsList } from "../../components/parts-list";
import { useCarePartLabel } from "./part-label";
import { ownStepsAcross } from "../../plan/team.server";
import { TeamStepLine } from "../../components/team-list";

// The professional's own page: which families gave them access, to what, and until
// when, and the open steps families gave to them. Their permissions are no look at
// any family; their steps are, so each family with a step for them logs that look.

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const consents = listConsentsOfProfessional(getDb(), user.id);
  const secondStep = currentSession({ context })?.secondStepAt != null;
  const activeConsents = consents.filter((c) => c.effectiveStatus === "active");
  const families = new Map(consents.map((c) => [c.id, { familyId: c.familyId, familyName: c.familyName, active: c.effectiveStatus === "active" }]));
  return {
    name: user.name,
    // Looking at a family needs a second step in this session (ADR 014): say so before the first tap.
    secondStep,
    // Reading a family's steps is looking at it: only after the second step, as every family page.
    ownSteps: secondStep ? ownStepsAcross({ request, context }, activeConsents) : [],
    // The request links this person handed out, and what became of them. A family
    // that said no stays unnamed: saying no must not tell who the family is.
    asked: listAccessRequests(getDb(), user.id).map((ask) => {
      const approved = ask.answer === "approved" && ask.consentId ? families.get(ask.consentId) : undefined;
      const state = ask.answer ?? (ask.expiresAt <= Date.now() ? "expired" : "open");
      return {
        id: ask.id,
        state,
        at: ask.answeredAt ?? ask.createdAt,
        until: lastDay(ask.expiresAt),
        familyId: approved?.active ? approved.familyId : null,
        familyName: approved?.active ? approved.familyName : null,
      };
    }),
    active: activeConsents
      .map((c) => ({ id: c.id, familyId: c.familyId, familyName: c.familyName, role: c.role, parts: grantedParts(c.scopes, c.selection),
        lastDay: lastDay(c.endsAt),
        // Told 14 days ahead, as the family is, so nobody is surprised.
        daysLeft: endsSoon(c) ? daysUntil(lastDay(c.endsAt)) : null,
      })),
    ended: consents
      .filter((c) => c.effectiveStatus === "expired" || c.effectiveStatus === "revoked")
      .map((c) => ({
        id: c.id,
        familyName: c.familyName,
        role: c.role,
        status: c.effectiveStatus as "expired" | "revoked",
        // Stopped: the day it was stopped. Ended: the last day it still worked.
        endedOn: c.effectiveStatus === "revoked" && c.revokedAt ? c.revokedAt : lastDay(c.endsAt),
      })),
  };
}

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function CareHome() {
  const { t, i18n } = useTranslation("care");
  const partLabel = useCarePartLabel();
  const { name, active, ended, asked, secondStep, ownSteps } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("home.title", { name })}</h1>
      {secondStep ? null : (
        <section className="card notice" aria-labelledby="care-second-step">
          <h2 id="care-second-step">{t("home.secondStepTitle")}</h2>
          <p>{t("home.secondStepText")}</p>
          <p className="actions">
            <Link to="/account/two-step?redirectTo=%2Fcare" className="button">
              {t("home.secondStepLink")}
            </Link>
          </p>
        </section>
      )}
      <p className="notice" role="note">
        {t("banner")}
      </p>

      {ownSteps.length > 0 ? (
        <section className="card" aria-labelledby="care-own-steps" id="own-steps">
          <h2 id="care-own-steps">{t("team:care.own")}</h2>
          <p className="meta">{t("team:care.ownIntro")}</p>
          {ownSteps.map((family) => (
            <div key={family.familyId}>
              <h3>
                <Link to={`/care/${family.familyId}`}>{family.familyName}</Link>
              </h3>
              <ul className="team-steps">
                {family.steps.map((step) => (
                  <TeamStepLine key={step.id} step={step} goalLink={() => `/care/${family.familyId}/goals`} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      <section className="card" aria-labelledby="care-active">
        <h2 id="care-active">{t("home.active")}</h2>
        {active.length === 0 ? <p>{t("home.none")}</p> : null}
        <ul className="list">
          {active.map((consent) => (
            <li key={consent.id}>
              <p>
                <Link to={`/care/${consent.familyId}`} className="item-title">
                  {consent.familyName}
                </Link>
              </p>
              {consent.role ? <p className="meta pre">{t("home.role", { role: consent.role })}</p> : null}
              <PartsList parts={consent.parts} label={partLabel} />
              <p className="meta">{t("until", { date: formatDate(consent.lastDay, i18n.language) })}</p>
              {consent.daysLeft !== null ? (
                <p className="warning" role="status">
                  {t("home.endsSoon", { count: consent.daysLeft, date: formatDate(consent.lastDay, i18n.language) })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="care-asked">
        <h2 id="care-asked">{t("askLink.homeTitle")}</h2>
        <p>{t("askLink.homeIntro")}</p>
        <p className="actions">
          <Link to="/care/ask" className="button-secondary">
            {t("askLink.formTitle")}
          </Link>
        </p>
        {asked.length > 0 ? (
          <ul className="list">
            {asked.map((ask) => (
              <li key={ask.id}>
                <p>{t(`askLink.state.${ask.state}`, { date: formatDate(ask.at, i18n.language), until: formatDate(ask.until, i18n.language) })}</p>
                {ask.familyId ? (
                  <p>
                    <Link to={`/care/${ask.familyId}`}>{ask.familyName}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {ended.length > 0 ? (
        <section className="card" aria-labelledby="care-ended">
          <h2 id="care-ended">{t("home.ended")}</h2>
          <p>{t("home.endedIntro")}</p>
          <ul className="list">
            {ended.map((consent) => (
              <li key={consent.id}>
                <p className="item-title muted">{consent.familyName}</p>
                {consent.role ? <p className="meta pre">{t("home.role", { role: consent.role })}</p> : null}
                <p className="meta">{t(`home.status.${consent.status}`, { date: formatDate(consent.endedOn, i18n.language) })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
