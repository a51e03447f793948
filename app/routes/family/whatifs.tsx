import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/whatifs";
import { familyContext, readSection } from "../../plan/context.server";
import { listWhatIfs } from "../../plan/whatifs.server";
import { formatDate } from "../../lib/dates";
import { PhoneLinks } from "../../components/phone-links";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = familyContext(request, params.familyId);
  return { familyId: ctx.familyId, whatIfs: readSection(ctx, "whatifs", listWhatIfs) };
}

export default function WhatIfs() {
  const { t, i18n } = useTranslation("whatifs");
  const { familyId, whatIfs } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {whatIfs.length === 0 ? <p>{t("list.none")}</p> : null}
      {whatIfs.map((w) => (
        <section key={w.id} className="card" aria-labelledby={`whatif-${w.id}`}>
          <h2 id={`whatif-${w.id}`} className="own-words">
            {t("list.if", { situation: w.situation })}
          </h2>
          <dl className="whatif">
            {w.earlySigns ? (
              <>
                <dt>{t("form.earlySigns")}</dt>
                <dd className="pre">{w.earlySigns}</dd>
              </>
            ) : null}
            {w.actions ? (
              <>
                <dt>{t("form.actions")}</dt>
                <dd className="pre">{w.actions}</dd>
              </>
            ) : null}
            {w.informs ? (
              <>
                <dt>{t("form.informs")}</dt>
                <dd className="pre">{w.informs}</dd>
              </>
            ) : null}
            {w.phones ? (
              <>
                <dt>{t("form.phones")}</dt>
                <dd>
                  <PhoneLinks text={w.phones} />
                </dd>
              </>
            ) : null}
          </dl>
          <p className="meta">{w.lastCheckedOn ? t("list.lastChecked", { date: formatDate(w.lastCheckedOn, i18n.language) }) : t("list.neverChecked")}</p>
          <p className="actions">
            <Link to={`/f/${familyId}/what-ifs/${w.id}`} className="button-secondary" aria-label={t("list.editLabel", { situation: w.situation })}>
              {t("list.edit")}
            </Link>
            <Link to={`/f/${familyId}/delete/whatif/${w.id}`} className="button-link" aria-label={t("list.deleteLabel", { situation: w.situation })}>
              {t("list.delete")}
            </Link>
          </p>
        </section>
      ))}
      <p className="actions">
        <Link to={`/f/${familyId}/what-ifs/new`} className="button">
          {t("list.add")}
        </Link>
      </p>
    </div>
  );
}
