import { Link, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/access";
import { familyContext } from "../../plan/context.server";
import { listConsents } from "../../../consent/grants";
import { grantedParts } from "../../../consent/sections";
import { consentStanding } from "../../sharing/consents.server";
import { PartsList, useFamilyPartLabel } from "../../components/parts-list";
import { ConsentStandingNote } from "../../components/consent-standing";
import { Notice } from "../../components/notice";

// "Wie mag meekijken?": everyone the family gave (or is giving) access to.
// Every member may see this list; only admins invite, change, extend or take back.
// Stopped and ended access stays listed, looking ended, so the family keeps the story.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const list = listConsents(ctx.db, ctx.familyId);
  const standing = consentStanding(ctx.db, list);
  const consents = list.map((consent) => ({
    id: consent.id,
    name: consent.name,
    organisation: consent.organisation,
    role: consent.role,
    purpose: consent.purpose,
    parts: grantedParts(consent.scopes, consent.selection),
    standing: standing.get(consent.id)!,
  }));
  return { familyId: ctx.familyId, isAdmin: ctx.access.role === "admin", consents };
}

export default function Access() {
  const { t } = useTranslation("access");
  const partLabel = useFamilyPartLabel();
  const { familyId, isAdmin, consents } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const doneFor = consents.find((consent) => consent.id === params.get("consent"));
  return (
    <div className="stack">
      <section className="card">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {done === "declined-request" ? (
          <Notice>
            {t("request.done.declinedRequest")}
          </Notice>
        ) : null}
        {doneFor && (done === "revoked" || done === "extended") ? (
          <Notice>
            {done === "revoked" ? t("detail.revokedNow", { name: doneFor.name }) : t("standing.extendedNow", { name: doneFor.name })}
          </Notice>
        ) : null}
        {isAdmin ? (
          <p className="actions">
            <Link to={`/f/${familyId}/access/new`} className="button">
              {t("invite")}
            </Link>
          </p>
        ) : (
          <p className="meta">{t("onlyAdmins")}</p>
        )}
        <p>
          <Link to={`/f/${familyId}/looks`}>{t("looksLink")}</Link>
        </p>
        <p>
          <Link to={`/f/${familyId}/team`}>{t("teamLink")}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="consents-heading">
        <h2 id="consents-heading">{t("listTitle")}</h2>
        {consents.length === 0 ? <p>{t("none")}</p> : null}
        <ul className="list">
          {consents.map((consent) => {
            const ended = consent.standing.status === "revoked" || consent.standing.status === "expired";
            return (
              <li key={consent.id} className={ended ? "ended" : undefined}>
                <p className="item-title">
                  <Link to={`/f/${familyId}/access/${consent.id}`}>{consent.name}</Link>{" "}
                  <span className="tag">{t(`status.${consent.standing.status}`)}</span>
                </p>
                {consent.organisation || consent.role ? (
                  <p className="meta">{[consent.role, consent.organisation].filter(Boolean).join(" · ")}</p>
                ) : null}
                <p>
                  {t("purposeLabel")} <span className="pre" dir="auto">{consent.purpose}</span>
                </p>
                {ended ? <p className="meta">{t("standing.mayHaveSeen")}</p> : null}
                <PartsList parts={consent.parts} label={partLabel} />
                <ConsentStandingNote familyId={familyId} consent={consent} standing={consent.standing} isAdmin={isAdmin} from="list" />
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
