import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Visit, VisitTitles } from "../sharing/visits.server";
import { RECORD_KINDS } from "../sharing/record-kinds";
import { SECTIONS, type Section } from "../../consent/sections";
import { formatTimeRange } from "../lib/dates";

// One visit on "Wie keek mee?": "Sanne de Boer (juf van Sem) keek dinsdag 3 maart
// 14:02–14:09 naar 3 doelen en 2 notities". It opens to the titles as the family
// sees them now, why the person may look, and how (website or their own system).

type Counts = Visit["read"]["counts"];

// Joined with the page's own words ("3 doelen, 2 stappen en 1 notitie") rather than
// Intl.ListFormat, whose output may differ between the server's and the phone's ICU.
function useWhat() {
  const { t } = useTranslation("looks");
  const join = useJoin();
  return (counts: Counts) => {
    const items = RECORD_KINDS.flatMap((kind) => (counts[kind] ? [t(`visit.count.${kind}`, { count: counts[kind] })] : []));
    return join(items);
  };
}

function useJoin() {
  const { t } = useTranslation("looks");
  return (items: string[]) => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(t("visit.comma"))}${t("visit.and")}${items.at(-1)}`);
}

export function VisitItem({ visit, titles, familyId }: { visit: Visit; titles: VisitTitles; familyId: string }) {
  const { t, i18n } = useTranslation("looks");
  const what = useWhat();
  const join = useJoin();
  const who = visit.role || visit.organisation ? t("who", { name: visit.name, organisation: visit.role || visit.organisation }) : t("whoPlain", { name: visit.name });
  const when = formatTimeRange(visit.start, visit.end, i18n.language);
  const read = what(visit.read.counts);
  const written = what(visit.written.counts);
  // A look at a part with nothing (known) in it still names the part it was.
  const parts = visit.sections.filter((section): section is Section => (SECTIONS as readonly string[]).includes(section));
  const seen = read || (written ? "" : join(parts.map((section) => t(`visit.section.${section}`))));
  const sentence = written
    ? seen
      ? t("visit.readAndWrote", { who, when, what: seen, written })
      : t("visit.wrote", { who, when, written })
    : t("visit.read", { who, when, what: seen });
  return (
    <li>
      <details className="visit">
        <summary className="item-title">{sentence}</summary>
        <RecordList label={t("visit.sawTitle")} part={visit.read} titles={titles} />
        <RecordList label={t("visit.wroteTitle")} part={visit.written} titles={titles} />
        <p>
          {t("visit.purpose")} <span className="pre">{visit.purpose}</span>
        </p>
        <p className="meta">
          {visit.channels.map((channel) => t(`channel.${channel}`)).join(", ")} · {t("visit.looks", { count: visit.looks })} ·{" "}
          <Link to={`/f/${familyId}/access/${visit.consentId}#version-${visit.versions.at(-1)}`}>
            {t("consent", { name: visit.consentName, version: visit.versions.join(", ") })}
          </Link>
        </p>
      </details>
    </li>
  );
}

function RecordList({ label, part, titles }: { label: string; part: Visit["read"]; titles: VisitTitles }) {
  const { t } = useTranslation("looks");
  if (part.ids.length === 0) return null;
  return (
    <>
      <p className="meta">{label}</p>
      <ul>
        {part.ids.map((id) => {
          const record = titles[id];
          return (
            <li key={id}>
              <span className="tag">{t(`visit.kind.${record.kind}`)}</span> {record.title === null ? t("visit.removed") : <span className="own-words">{record.title}</span>}
            </li>
          );
        })}
      </ul>
      {part.more > 0 ? <p className="meta">{t("visit.more", { count: part.more })}</p> : null}
    </>
  );
}
