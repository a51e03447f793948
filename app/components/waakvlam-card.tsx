import { Link } from "react-router";
import { useTranslation } from "../use-translation";
import { formatDate } from "../lib/dates";
import type { Waakvlam } from "../plan/coaching.server";

/** "Op waakvlam": since when, and the way back to help (ADR 021). */
export function WaakvlamCard({ familyId, waakvlam }: { familyId: string; waakvlam: Waakvlam }) {
  const { t, i18n } = useTranslation("team");
  const coach = waakvlam.lastCoach?.canAsk ? waakvlam.lastCoach.name : null;
  return (
    <section className="card" aria-labelledby="waakvlam-card">
      <h2 id="waakvlam-card">{t("waakvlam.title")}</h2>
      <p>{t("waakvlam.since", { date: formatDate(waakvlam.since, i18n.language) })}</p>
      <p>{coach ? t("waakvlam.askBack", { name: coach }) : t("waakvlam.askNew")}</p>
      <p className="actions">
        <Link to={`/f/${familyId}/help`} className="button">
          {t("help.title")}
        </Link>
      </p>
    </section>
  );
}
