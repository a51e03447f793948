import { useTranslation } from "../use-translation";

// "Wie mag dit zien?" on the forms for a new goal, agreement or person. Someone
// who sees the whole part sees it anyway; someone who sees only chosen records
// sees it only when ticked here. Nobody new is ticked unless the family ticks.

export type SharingConsent = { id: string; name: string; role: string; whole: boolean };

export function ShareWith({ consents, picked }: { consents: SharingConsent[]; picked?: string | string[] }) {
  const { t } = useTranslation("access");
  if (consents.length === 0) return null;
  const ticked = new Set(Array.isArray(picked) ? picked : picked ? [picked] : []);
  const whole = consents.filter((consent) => consent.whole);
  const chosen = consents.filter((consent) => !consent.whole);
  const who = (consent: SharingConsent) => (consent.role ? `${consent.name} (${consent.role})` : consent.name);
  return (
    <fieldset className="field" id="field-shareWith">
      <legend>{t("shareWith.label")}</legend>
      {whole.length > 0 ? <p className="hint">{t("shareWith.whole", { names: whole.map(who).join(", ") })}</p> : null}
      {chosen.length > 0 ? (
        <>
          <span className="hint">{t("shareWith.hint")}</span>
          <div className="choices choices-column">
            {chosen.map((consent) => (
              <label key={consent.id}>
                <input type="checkbox" name="shareWith" value={consent.id} defaultChecked={ticked.has(consent.id)} />
                {who(consent)}
              </label>
            ))}
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
