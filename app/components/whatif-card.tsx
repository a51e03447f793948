import { Fragment, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "../use-translation";
import { MonthBars } from "./month-bars";
import { formatDate, formatMonthName } from "../lib/dates";
import type { WhatIfView } from "../plan/schemas";
import type { WhatIfUseCount, WhatIfUseMonth, WhatIfUseNote } from "../plan/whatifs.server";
import { whatIfHeading } from "../lib/whatif-heading";
import { PhoneLinks } from "./phone-links";
import { ReadAloud } from "./read-aloud";

// One wat-als agreement on screen, the same for the family and for a professional
// who may see it; the family's page adds its buttons below it.

/** The agreement's written parts that are filled in, with their titles, in card order. */
export function whatIfParts(t: TFunction<"whatifs">, w: WhatIfView) {
  const parts = [
    { key: "earlySigns", title: t("list.earlySigns"), text: w.earlySigns },
    { key: "actions", title: t("list.actions"), text: w.actions },
    { key: "informs", title: t("list.informs"), text: w.informs },
  ];
  return parts.filter((part) => part.text);
}

/** The whole agreement as one text to read aloud, in the order of the card. */
function spoken(t: TFunction<"whatifs">, w: WhatIfView) {
  const parts = [...whatIfParts(t, w), { title: t("list.phones"), text: w.phones }].filter((part) => part.text);
  return [whatIfHeading(t, w.situation), ...parts.map((part) => `${part.title}. ${part.text}`)].join("\n\n");
}

/** What a card shows of the uses: the family gets the months and their own notes too, a professional only the count. */
export type CardUses = WhatIfUseCount & { months?: WhatIfUseMonth[]; notes?: WhatIfUseNote[] };

/**
 * "mei 3 keer, juni 1 keer, juli 0 keer": from the first month with a use up to this
 * month, so the line ends with how it goes now. A year shows where a line crosses one.
 */
function monthLine(t: TFunction<"whatifs">, months: WhatIfUseMonth[], lang: string): string | null {
  const first = months.findIndex((m) => m.count > 0);
  if (first < 0) return null;
  const shown = months.slice(first);
  const twoYears = new Set(shown.map((m) => m.month.slice(0, 4))).size > 1;
  const items = shown.map((m, i) => t("uses.month", { count: m.count, month: formatMonthName(m.month, lang, twoYears && (i === 0 || m.month.endsWith("-01"))) }));
  // Joined with plain commas, not Intl.ListFormat: the server's and the phone's ICU may
  // word a list differently, and the page would differ when it hydrates.
  return items.join(", ");
}

function UsesSummary({ uses }: { uses: CardUses }) {
  const { t, i18n } = useTranslation("whatifs");
  const lang = i18n.language;
  if (uses.count === 0 || !uses.lastUsedOn) return <p className="meta whatif-uses">{t("uses.none")}</p>;
  const line = uses.months ? monthLine(t, uses.months, lang) : null;
  return (
    <div className="whatif-uses">
      <p>{t("uses.count", { count: uses.count, date: formatDate(uses.lastUsedOn, lang) })}</p>
      {uses.months ? <p>{line ? t("uses.perMonth", { months: line }) : t("uses.notThisYear")}</p> : null}
      {uses.months && line ? <MonthBars months={uses.months.slice(uses.months.findIndex((m) => m.count > 0))} label={t("uses.perMonth", { months: line })} lang={lang} /> : null}
      {uses.notes && uses.notes.length > 0 ? (
        <>
          <h3>{t("uses.notes")}</h3>
          <ul className="list whatif-notes">
            {uses.notes.map((note) => (
              <li key={note.id}>
                <p className="meta">{formatDate(note.usedOn, lang)}</p>
                <p className="own-words" dir="auto">
                  {note.howItWent}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function WhatIfCard({ whatIf: w, uses, children }: { whatIf: WhatIfView; uses?: CardUses; children?: ReactNode }) {
  const { t, i18n } = useTranslation("whatifs");
  const parts = whatIfParts(t, w);
  return (
    <section id={`whatif-${w.id}`} className="card" aria-labelledby={`whatif-${w.id}-title`}>
      <div className="read-row">
        <h2 id={`whatif-${w.id}-title`} className="own-words">
          {whatIfHeading(t, w.situation)}
        </h2>
        <ReadAloud text={spoken(t, w)} label={whatIfHeading(t, w.situation)} />
      </div>
      {parts.length > 0 || w.phones ? (
        <dl className="whatif">
          {parts.map((part) => (
            <Fragment key={part.key}>
              <dt>{part.title}</dt>
              <dd className="pre">{part.text}</dd>
            </Fragment>
          ))}
          {w.phones ? (
            <>
              <dt>{t("list.phones")}</dt>
              <dd>
                <PhoneLinks text={w.phones} />
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="meta">{w.lastCheckedOn ? t("list.lastChecked", { date: formatDate(w.lastCheckedOn, i18n.language) }) : t("list.neverChecked")}</p>
      {uses ? <UsesSummary uses={uses} /> : null}
      {children}
    </section>
  );
}
