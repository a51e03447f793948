import { useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/whatifs";
import type { DB } from "../../../db/client.server";
import { professionalContext, readSection } from "../../plan/context.server";
import { listWhatIfs } from "../../plan/whatifs.server";
import { formatDate } from "../../lib/dates";
import { PhoneLinks } from "../../components/phone-links";

// The family's wat-als agreements, read only: one read through the gate, one entry
// in the family's log.

function whatIfs(db: DB, familyId: string) {
  return listWhatIfs(db, familyId).map((w) => ({
    id: w.id,
    situation: w.situation,
    earlySigns: w.earlySigns,
    actions: w.actions,
    informs: w.informs,
    phones: w.phones,
    lastCheckedOn: w.lastCheckedOn,
  }));
}

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = professionalContext(request, params.familyId);
  return { whatIfs: readSection(ctx, "whatifs", whatIfs) };
}

export default function CareWhatIfs() {
  const { t, i18n } = useTranslation("whatifs");
  const { whatIfs } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("care:whatIfs.intro")}</p>
      {whatIfs.length === 0 ? <p>{t("care:whatIfs.none")}</p> : null}
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
        </section>
      ))}
    </div>
  );
}
