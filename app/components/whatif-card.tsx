import { Fragment, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "../use-translation";
import { formatDate } from "../lib/dates";
import type { WhatIfView } from "../plan/schemas";
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

export function WhatIfCard({ whatIf: w, children }: { whatIf: WhatIfView; children?: ReactNode }) {
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
      {children}
    </section>
  );
}
