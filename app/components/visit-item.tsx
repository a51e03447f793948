import { Link } from "react-router";
import { useTranslation } from "../use-translation";
import type { Visit, VisitTitles } from "../sharing/visits.server";
import { RECORD_KINDS } from "../sharing/record-kinds";
import { SECTIONS, type Section } from "../../consent/sections";
import { formatTimeRange } from "../lib/dates";

// One visit on "Wie keek mee?": "Sanne de Boer (juf van Sem) keek dinsdag 3 maart
// 14:02–14:09 naar 3 doelen en 2 notities". It opens to the titles as the family
// sees them now, why the person may look, and how (website or their own system).

type Counts = Visit["read"]["counts"];

// The parts a look can be at: the plan's parts, and "Wie doet wat?".
const LOGGED_SECTIONS = [...SECTIONS, "team"] as const;
type LoggedSection = Section | "team";

/**
 * The words every visit on a page shares, translated once for the page: a page of
 * forty visits would otherwise ask for the same label hundreds of times.
 */
export function useVisitWords() {
  const { t } = useTranslation("looks");
  const map = <K extends string>(keys: readonly K[], label: (key: K) => string) => Object.fromEntries(keys.map((key) => [key, label(key)])) as Record<K, string>;
  return {
    comma: t("visit.comma"),
    and: t("visit.and"),
    sawTitle: t("visit.sawTitle"),
    wroteTitle: t("visit.wroteTitle"),
    purpose: t("visit.purpose"),
    removed: t("visit.removed"),
    kind: map(RECORD_KINDS, (kind) => t(`visit.kind.${kind}`)),
    section: map(LOGGED_SECTIONS, (section) => t(`visit.section.${section}`)),
    channel: map(["web", "api"] as const, (channel) => t(`channel.${channel}`)),
  };
}

export type VisitWords = ReturnType<typeof useVisitWords>;

// Joined with the page's own words ("3 doelen, 2 stappen en 1 notitie") rather than
// Intl.ListFormat, whose output may differ between the server's and the phone's ICU.
function join(items: string[], words: VisitWords) {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(words.comma)}${words.and}${items.at(-1)}`;
}

export function VisitItem({ visit, titles, words, familyId }: { visit: Visit; titles: VisitTitles; words: VisitWords; familyId: string }) {
  const { t, i18n } = useTranslation("looks");
  const what = (counts: Counts) => join(RECORD_KINDS.flatMap((kind) => (counts[kind] ? [t(`visit.count.${kind}`, { count: counts[kind] })] : [])), words);
  const who = visit.role || visit.organisation ? t("who", { name: visit.name, organisation: visit.role || visit.organisation }) : t("whoPlain", { name: visit.name });
  const when = formatTimeRange(visit.start, visit.end, i18n.language);
  const read = what(visit.read.counts);
  const written = what(visit.written.counts);
  // A look at a part with nothing (known) in it still names the part it was.
  const parts = visit.sections.filter((section): section is LoggedSection => (LOGGED_SECTIONS as readonly string[]).includes(section));
  const seen = read || (written ? "" : join(parts.map((section) => words.section[section]), words));
  const sentence = written
    ? seen
      ? t("visit.readAndWrote", { who, when, what: seen, written })
      : t("visit.wrote", { who, when, written })
    : t("visit.read", { who, when, what: seen });
  return (
    <li>
      <details className="visit">
        <summary className="item-title">{sentence}</summary>
        <RecordList label={words.sawTitle} part={visit.read} titles={titles} words={words} />
        <RecordList label={words.wroteTitle} part={visit.written} titles={titles} words={words} />
        <p>
          {words.purpose} <span className="pre" dir="auto">{visit.purpose}</span>
        </p>
        <p className="meta">
          {visit.channels.map((channel) => words.channel[channel as "web" | "api"] ?? channel).join(", ")} · {t("visit.looks", { count: visit.looks })} ·{" "}
          <Link to={`/f/${familyId}/access/${visit.consentId}#version-${visit.versions.at(-1)}`}>
            {t("consent", { name: visit.consentName, version: visit.versions.join(", ") })}
          </Link>
        </p>
      </details>
    </li>
  );
}

function RecordList({ label, part, titles, words }: { label: string; part: Visit["read"]; titles: VisitTitles; words: VisitWords }) {
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
              <span className="tag">{words.kind[record.kind]}</span> {record.title === null ? words.removed : <span className="own-words" dir="auto">{record.title}</span>}
            </li>
          );
        })}
      </ul>
      {part.more > 0 ? <p className="meta">{t("visit.more", { count: part.more })}</p> : null}
    </>
  );
}
