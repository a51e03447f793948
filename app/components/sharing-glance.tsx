import { Link, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { ConsentStanding } from "../sharing/consents.server";
import { ConsentStandingNote } from "./consent-standing";
import { Notice } from "./notice";

// On the plan page, above everything: access that is about to end (with one tap to
// extend it), and one tap to "Wie keek mee?".

type Props = {
  familyId: string;
  isAdmin: boolean;
  endingSoon: { id: string; name: string; standing: ConsentStanding }[];
  newLooks: { count: number; more: boolean };
};

export function SharingGlance({ familyId, isAdmin, endingSoon, newLooks }: Props) {
  const { t } = useTranslation("access");
  const [params] = useSearchParams();
  const extended = params.get("done") === "extended" ? params.get("consent") : null;
  return (
    <section className="card no-print" aria-labelledby="sharing-glance">
      <h2 id="sharing-glance">{t("glance.title")}</h2>
      {extended ? (
        <Notice>
          {t("glance.extended")}
        </Notice>
      ) : null}
      {endingSoon.map((consent) => (
        <ConsentStandingNote key={consent.id} familyId={familyId} consent={consent} standing={consent.standing} isAdmin={isAdmin} from="plan" />
      ))}
      {newLooks.count > 0 ? (
        <p className="new-looks">
          <strong>{newLooks.more ? t("glance.manyNew", { count: newLooks.count }) : t("glance.newLooks", { count: newLooks.count })}</strong>
        </p>
      ) : null}
      <p className="actions">
        <Link to={`/f/${familyId}/looks`} className={newLooks.count > 0 ? "button" : "button-secondary"}>
          {t("glance.looks")}
        </Link>
        <Link to={`/f/${familyId}/access`}>{t("glance.access")}</Link>
      </p>
    </section>
  );
}
