import { Link, useLoaderData, useSearchParams } from "react-router";
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
// Members only, read through the same door as the wat-als page. `?naam=uit` leaves
// the family's name off: a card on a wall is read by visitors too.

const NAME_OFF = "uit";
// What people do in the bad moment is what they read from across the room: bigger on paper.
const WHO_DOES_WHAT = new Set(["actions", "informs"]);

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const search = new URL(request.url).searchParams;
  const only = search.get("id");
  const showName = search.get("naam") !== NAME_OFF;
  const whatIfs = readSection(ctx, "whatifs", (db, familyId) => {
    const all = listWhatIfs(db, familyId);
    return only ? all.filter((w) => w.id === only) : all;
  });
  if (only && whatIfs.length === 0) throw notFound();
  // Without the name, the name is not read at all: it cannot end up on the page or in its data.
  const familyName = showName ? readSection(ctx, "family", (db, familyId) => getFamily(db, familyId)!.name) : null;
  return {
    familyId: ctx.familyId,
    familyName,
    printedAt: Date.now(),
    whatIfs: whatIfs.map(whatIfView),
  };
}

// The family layout names the family in the page title, which a browser may print at
// the top of the sheet; without the name the title names only the app.
export function meta({ data, matches }: Route.MetaArgs) {
  if (data && data.familyName === null) return [{ title: "Groeiplan" }];
  return matches.flatMap((match) => match?.meta ?? []);
}

export default function PrintWhatIfs() {
  const { t, i18n } = useTranslation("whatifs");
  const { familyId, familyName, printedAt, whatIfs } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const toggled = new URLSearchParams(params);
  if (familyName === null) toggled.delete("naam");
  else toggled.set("naam", NAME_OFF);
  const query = toggled.toString();
  const toggleHref = `/f/${familyId}/what-ifs/print${query ? `?${query}` : ""}`;
  return (
    <div className="print-sheets">
      <section className="card no-print">
        <h1>{t("list.title")}</h1>
        <p>{t("print.intro")}</p>
        <p>{familyName === null ? t("print.nameLeftOff") : t("print.nameIntro")}</p>
        <p>
          <Link to={toggleHref}>{familyName === null ? t("print.nameOn") : t("print.nameOff")}</Link>
        </p>
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
            {familyName === null ? null : (
              <>
                <span className="pre">{familyName}</span>
                {" · "}
              </>
            )}
            {t("list.title")}
          </p>
          <h2 id={`card-${w.id}`} className="print-card-situation own-words">
            {whatIfHeading(t, w.situation)}
          </h2>
          <div className="print-card-parts">
            {whatIfParts(t, w).map((part) => (
              <section key={part.key} className={WHO_DOES_WHAT.has(part.key) ? "print-card-part print-card-who" : "print-card-part"}>
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
          <p className="print-card-checked">
            {w.lastCheckedOn ? t("print.lastChecked", { date: formatDate(w.lastCheckedOn, i18n.language) }) : t("print.neverChecked")}
          </p>
          <p className="print-card-meta">{t("print.printedOn", { date: formatDate(printedAt, i18n.language) })}</p>
        </article>
      ))}
    </div>
  );
}
