import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/access";
import { familyContext } from "../../plan/context.server";
import { listConsents } from "../../../consent/grants";
import { grantedParts } from "../../../consent/sections";
import { lastDay, formatDate } from "../../lib/dates";
import { PartsList } from "../../components/parts-list";

// "Wie mag meekijken?": everyone the family gave (or is giving) access to.
// Every member may see this list; only admins invite, change or take back.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const consents = listConsents(ctx.db, ctx.familyId).map((consent) => ({
    id: consent.id,
    name: consent.name,
    organisation: consent.organisation,
    role: consent.role,
    purpose: consent.purpose,
    scopes: consent.scopes,
    lastDay: lastDay(consent.endsAt),
    revokedAt: consent.revokedAt,
    status: consent.effectiveStatus,
  }));
  return { familyId: ctx.familyId, isAdmin: ctx.access.role === "admin", consents };
}

export default function Access() {
  const { t, i18n } = useTranslation("access");
  const { familyId, isAdmin, consents } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="card">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {isAdmin ? (
          <p className="actions">
            <Link to={`/f/${familyId}/access/new`} className="button">
              {t("invite")}
            </Link>
          </p>
        ) : (
          <p className="meta">{t("onlyAdmins")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="consents-heading">
        <h2 id="consents-heading">{t("listTitle")}</h2>
        {consents.length === 0 ? <p>{t("none")}</p> : null}
        <ul className="list">
          {consents.map((consent) => {
            return (
              <li key={consent.id}>
                <p className="item-title">
                  <Link to={`/f/${familyId}/access/${consent.id}`}>{consent.name}</Link>{" "}
                  <span className="tag">{t(`status.${consent.status}`)}</span>
                </p>
                {consent.organisation || consent.role ? (
                  <p className="meta">{[consent.role, consent.organisation].filter(Boolean).join(" · ")}</p>
                ) : null}
                <p>
                  {t("purposeLabel")} <span className="pre">{consent.purpose}</span>
                </p>
                <PartsList parts={grantedParts(consent.scopes)} label={(p) => `${t(`parts.${p.section}`)}: ${t(`level.${p.level}`)}`} />
                <p className="meta">
                  {consent.status === "revoked" && consent.revokedAt
                    ? t("revokedOn", { date: formatDate(consent.revokedAt, i18n.language) })
                    : consent.status === "expired"
                      ? t("endedOn", { date: formatDate(consent.lastDay, i18n.language) })
                      : t("until", { date: formatDate(consent.lastDay, i18n.language) })}
                </p>
              </li>
            );
          })}
        </ul>
      </section>

      <p>
        <Link to={`/f/${familyId}/looks`}>{t("looksLink")}</Link>
      </p>
    </div>
  );
}
