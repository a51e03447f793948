import { useEffect, useState } from "react";
import { useTranslation } from "../use-translation";

// The invitation as the family sees it right after making it: the link, a QR code
// and (with JavaScript, where the phone supports it) a share and a copy button.
// The link exists only in this one response; it is never stored or shown again.

export type MailOutcome = "sent" | "not-configured" | "failed" | "none";

export type Invitation = {
  link: string;
  /** data: URL of the QR code as SVG, made on the server. */
  qr: string;
  name: string;
  email: string;
  mail: MailOutcome;
  days: number;
};

export function InvitationLink({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation("access");
  const { link, qr, name, email, mail, days } = invitation;
  return (
    <section className="card" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">{t("link.title")}</h2>
      <p>{t("link.give", { name, days })}</p>
      <div className="field">
        <label htmlFor="invitation-link">{t("link.label")}</label>
        <input id="invitation-link" type="text" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
      </div>
      <p>
        <img src={qr} alt={t("link.qr", { name })} width={240} height={240} />
      </p>
      <p className="meta">{t("link.qrHint", { name })}</p>
      <ShareButtons link={link} name={name} />
      {mail === "none" ? null : (
        <p className={mail === "sent" ? "notice" : "form-error"} role="status">
          {t(`link.mail.${mail}`, { email })}
        </p>
      )}
      <p>
        <strong>{t("link.once")}</strong>
      </p>
    </section>
  );
}

/** Only rendered after hydration, and only the buttons this browser can do. */
function ShareButtons({ link, name }: { link: string; name: string }) {
  const { t } = useTranslation("access");
  const [can, setCan] = useState({ share: false, copy: false });
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCan({
      share: typeof navigator.share === "function",
      copy: Boolean(navigator.clipboard) && window.isSecureContext,
    });
  }, []);
  if (!can.share && !can.copy) return null;
  return (
    <div className="actions">
      {can.share ? (
        <button
          type="button"
          className="primary"
          onClick={() => {
            navigator.share({ title: t("link.shareTitle"), text: t("link.shareText", { name }), url: link }).catch(() => {
              // Closing the share sheet is not an error.
            });
          }}
        >
          {t("link.share")}
        </button>
      ) : null}
      {can.copy ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            navigator.clipboard.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t("link.copy")}
        </button>
      ) : null}
      <span role="status">{copied ? t("link.copied") : ""}</span>
    </div>
  );
}
