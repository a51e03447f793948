import { Fragment, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/dates";
import type { WhatIfInput } from "../plan/whatif-schema";
import { startsWithIf } from "../lib/whatif-heading";
import { PhoneLinks } from "./phone-links";
import { ReadAloud } from "./read-aloud";

// One wat-als agreement on screen, the same for the family and for a professional
// who may see it; the family's page adds its buttons below it.

export type WhatIfCardData = WhatIfInput & { id: string };

export function whatIfHeading(t: TFunction<"whatifs">, situation: string) {
  return startsWithIf(situation) ? situation : t("list.if", { situation });
}

/** The whole agreement as one text to read aloud, in the order of the card. */
function spoken(t: TFunction<"whatifs">, w: WhatIfCardData) {
  const parts: [string, string][] = [
    [t("list.earlySigns"), w.earlySigns],
    [t("list.actions"), w.actions],
    [t("list.informs"), w.informs],
    [t("list.phones"), w.phones],
  ];
  return [whatIfHeading(t, w.situation), ...parts.filter(([, text]) => text).map(([title, text]) => `${title}. ${text}`)].join("\n\n");
}

export function WhatIfCard({ whatIf: w, children }: { whatIf: WhatIfCardData; children?: ReactNode }) {
  const { t, i18n } = useTranslation("whatifs");
  const parts = [
    ["earlySigns", t("list.earlySigns"), w.earlySigns],
    ["actions", t("list.actions"), w.actions],
    ["informs", t("list.informs"), w.informs],
  ] as const;
  return (
    <section id={`whatif-${w.id}`} className="card" aria-labelledby={`whatif-${w.id}-title`}>
      <div className="read-row">
        <h2 id={`whatif-${w.id}-title`} className="own-words">
          {whatIfHeading(t, w.situation)}
        </h2>
        <ReadAloud text={spoken(t, w)} label={whatIfHeading(t, w.situation)} />
      </div>
      {w.earlySigns || w.actions || w.informs || w.phones ? (
        <dl className="whatif">
          {parts.map(([key, title, text]) =>
            text ? (
              <Fragment key={key}>
                <dt>{title}</dt>
                <dd className="pre">{text}</dd>
              </Fragment>
            ) : null,
          )}
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
      {children}
    </section>
  );
}
