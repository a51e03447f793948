import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/overview";
import { grantedParts } from "../../../consent/sections";
import { professionalContext } from "../../plan/context.server";
import { activeConsentsOrNotFound, CARE_PATHS, careFrame } from "../../plan/care.server";
import { formatDate, lastDay } from "../../lib/dates";

// What the family shared with this professional, in the family's own words, and
// until when. Only the permission itself: no plan data, so no log entry.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const active = activeConsentsOrNotFound(ctx);
  return {
    frame: careFrame(ctx, active),
    familyId: ctx.familyId,
    familyName: active[0].familyName,
    consents: active.map((c) => ({
      id: c.id,
      role: c.role,
      purpose: c.purpose,
      lastDay: lastDay(c.endsAt),
      parts: grantedParts(c.scopes, c.selection).map((part) => ({ ...part, path: CARE_PATHS[part.section] })),
    })),
  };
}

export default function CareOverview() {
  const { t, i18n } = useTranslation("care");
  const { familyId, familyName, consents } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("overview.title", { family: familyName })}</h1>
      {consents.map((consent) => (
        <section key={consent.id} className="card" aria-labelledby={`consent-${consent.id}`}>
          <h2 id={`consent-${consent.id}`}>{t("overview.shared")}</h2>
          {consent.role ? <p className="pre">{t("overview.role", { role: consent.role })}</p> : null}
          <p className="meta">{t("overview.purpose")}</p>
          <p className="pre">{consent.purpose}</p>
          <ul className="list">
            {consent.parts.map((part) => (
              <li key={part.section}>
                <Link to={`/care/${familyId}/${part.path}`} className="item-title">
                  {t(`parts.${part.section}`)}
                </Link>
                <p className="meta">{t(`levelExplain.${part.level}`)}</p>
                {part.chosen ? <p className="meta">{t("overview.only", { what: t(`only.${part.section}`, { count: part.chosen.length }) })}</p> : null}
                {part.withoutGoal !== null ? <p className="meta">{t("overview.only", { what: t(part.withoutGoal ? "only.notesAndLoose" : "only.notes") })}</p> : null}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t("until", { date: formatDate(consent.lastDay, i18n.language) })}</strong>
          </p>
          <p>{t("overview.after")}</p>
        </section>
      ))}
      <section className="card" aria-labelledby="overview-tokens">
        <h2 id="overview-tokens">{t("overview.tokensTitle")}</h2>
        <p>{t("overview.tokensText")}</p>
        <p className="actions">
          <Link to={`/care/${familyId}/tokens`} className="button-secondary">
            {t("overview.tokensLink")}
          </Link>
        </p>
      </section>
    </div>
  );
}
