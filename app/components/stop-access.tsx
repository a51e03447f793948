import { useState } from "react";
import { Form, Link } from "react-router";
import { useTranslation } from "../use-translation";

// "Toegang stoppen" on a row of "Wie mag meekijken?": two taps. With JavaScript the
// question opens right here; without it the link opens the one confirmation page.
// The post goes to the consent's own page, which stops it and comes back here.

export function StopAccess({ familyId, consentId, name }: { familyId: string; consentId: string; name: string }) {
  const { t } = useTranslation("access");
  const [asking, setAsking] = useState(false);
  const here = `/f/${familyId}/access/${consentId}`;
  if (!asking) {
    return (
      <p className="actions">
        <Link
          to={`${here}?confirm=revoke&from=list`}
          className="button-danger"
          onClick={(event) => {
            event.preventDefault();
            setAsking(true);
          }}
        >
          {t("revoke.button")}
        </Link>
      </p>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={t("revoke.title")}>
      <p>
        <strong>{t("revoke.title")}</strong> {t("revoke.explain", { name })}
      </p>
      <Form method="post" action={here} className="actions">
        <input type="hidden" name="from" value="list" />
        <button type="submit" name="intent" value="revoke" className="button-danger" autoFocus>
          {t("revoke.confirm")}
        </button>
        <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
          {t("revoke.cancel")}
        </button>
      </Form>
    </div>
  );
}
