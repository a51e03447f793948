import { Form, Link } from "react-router";
import { useTranslation } from "../use-translation";
import type { ConsentStanding } from "../sharing/consents.server";
import { formatDate, formatDateTime } from "../lib/dates";
import { StopAccess } from "./stop-access";

// Where a consent stands, in the same words on the list, on its own page and on the
// plan: until when, "stopt over 9 dagen" with one tap to extend, until when a
// waiting link works, or who stopped it when. `from` says where a tap comes back to.

type Props = {
  familyId: string;
  consent: { id: string; name: string };
  standing: ConsentStanding;
  isAdmin: boolean;
  from: "list" | "plan" | "detail";
};

export function ConsentStandingNote({ familyId, consent, standing, isAdmin, from }: Props) {
  const { t, i18n } = useTranslation("access");
  const date = (day: string) => formatDate(day, i18n.language);
  const here = `/f/${familyId}/access/${consent.id}`;
  if (standing.status === "revoked") {
    return (
      <p className="ended-note">
        {standing.revokedAt
          ? t("standing.stopped", { date: formatDateTime(standing.revokedAt, i18n.language), by: standing.revokedBy ?? "—" })
          : t("revokedOn", { date: "—" })}{" "}
        {t("standing.seesNothing", { name: consent.name })}
      </p>
    );
  }
  if (standing.status === "expired") {
    return (
      <p className="ended-note">
        {t("endedOn", { date: date(standing.lastDay) })} {t("standing.seesNothing", { name: consent.name })}
      </p>
    );
  }
  return (
    <>
      {standing.asks ? (
        <p className="warning">
          <strong>{t("request.tag", { name: consent.name })}</strong>{" "}
          {from === "detail" ? null : <Link to={here}>{t("request.look")}</Link>}
        </p>
      ) : null}
      <p className="meta">{t("until", { date: date(standing.lastDay) })}</p>
      {standing.status === "pending" ? (
        <p className="meta">{standing.linkUntil ? t("standing.linkUntil", { date: date(standing.linkUntil) }) : t("standing.linkGone")}</p>
      ) : null}
      {standing.daysLeft !== null ? (
        <div className="warning" role="status">
          <p>{t("standing.endsSoon", { count: standing.daysLeft, name: consent.name, date: date(standing.lastDay) })}</p>
          {isAdmin && standing.extendTo ? (
            <Form method="post" action={here}>
              <input type="hidden" name="from" value={from} />
              <button type="submit" name="intent" value="extend" className="primary">
                {t("standing.extend", { date: date(standing.extendTo) })}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {isAdmin && from === "list" ? <StopAccess familyId={familyId} consentId={consent.id} name={consent.name} /> : null}
    </>
  );
}
