import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatifs-print";
import { familyContext, readSection, notFound } from "../../plan/context.server";
import { getFamily } from "../../plan/families.server";
import { listWhatIfs, whatIfView } from "../../plan/whatifs.server";
import { formatDate } from "../../lib/dates";
import { whatIfParts } from "../../components/whatif-card";
import { whatIfHeading } from "../../lib/whatif-heading";
import { cardSize } from "../../lib/print-card";
import { PhoneLinks } from "../../components/phone-links";
import { PrintButton } from "../../components/print-button";

// The wat-als agreements as cards on paper, one A4 per agreement, for the fridge or
// the wall: in a bad moment nobody opens an app. `?id=` prints one agreement.
// Members only, read through the same door as the wat-als page.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const only = new URL(request.url).searchParams.get("id");
  const whatIfs = readSection(ctx, "whatifs", (db, familyId) => {
    const all = listWhatIfs(db, familyId);
    return only ? all.filter((w) => w.id === only) : all;
  });
  if (only && whatIfs.length === 0) throw notFound();
  const family = readSection(ctx, "family", (db, familyId) => getFamily(db, familyId)!);
  return {
    familyId: ctx.familyId,
    familyName: family.name,
    printedAt: Date.now(),
    whatIfs: whatIfs.map(whatIfView),
  };
}

export default function PrintWhatIfs() {
  const { t, i18n } = useTranslation("whatifs");
  const { familyId, familyName, printedAt, whatIfs } = useLoaderData<typeof loader>();
  return (
    <div className="print-sheets">
      <section className="card no-print">
        <h1>{t("list.title")}</h1>
        <p>{t("print.intro")}</p>
        <p className="actions">
          <PrintButton className="button" />
          <Link to={`/f/${familyId}/what-ifs`} className="button-link">
            {t("print.back")}
          </Link>
        </p>
      </section>
      {whatIfs.length === 0 ? <p className="no-print">{t("list.none")}</p> : null}
      {whatIfs.map((w) => (
        <article key={w.id} className="print-card" data-size={cardSize(w)} aria-labelledby={`card-${w.id}`}>
          <p className="print-card-family">
            <span className="pre">{familyName}</span> · {t("list.title")}
          </p>
          <h2 id={`card-${w.id}`} className="print-card-situation own-words">
            {whatIfHeading(t, w.situation)}
          </h2>
          <div className="print-card-parts">
            {whatIfParts(t, w).map((part) => (
              <section key={part.key} className="print-card-part">
                <h3>{part.title}</h3>
                <p className="pre">{part.text}</p>
              </section>
            ))}
          </div>
          {w.phones ? (
            <section className="print-card-part print-card-phones">
              <h3>{t("list.phones")}</h3>
              <p>
                <PhoneLinks text={w.phones} />
              </p>
            </section>
          ) : null}
          <p className="print-card-danger">{t("print.danger")}</p>
          <p className="print-card-meta">
            {w.lastCheckedOn ? t("list.lastChecked", { date: formatDate(w.lastCheckedOn, i18n.language) }) : t("list.neverChecked")}
            {" · "}
            {t("print.printedOn", { date: formatDate(printedAt, i18n.language) })}
          </p>
        </article>
      ))}
    </div>
  );
}
