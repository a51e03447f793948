import type { ReactNode } from "react";
import { useTranslation } from "../use-translation";
import { formatDate } from "../lib/dates";

export type JoinLink = { memberName: string; link: string; expiresAt: number };

/**
 * A family member's join link, right after it was made: the only time it is shown
 * (only its hash is stored). With a text to pass it on in a chat or a message.
 */
export function JoinLinkPanel({ invited, heading: Heading = "h2", children }: { invited: JoinLink; heading?: "h1" | "h2"; children?: ReactNode }) {
  const { t, i18n } = useTranslation("members");
  const name = invited.memberName;
  return (
    <section className="card" aria-labelledby="invite-created" role="status">
      <Heading id="invite-created">{t("created.title", { name })}</Heading>
      <p>{t("created.copy", { name })}</p>
      <div className="field">
        <label htmlFor="invite-link">{t("created.linkLabel")}</label>
        <input id="invite-link" type="text" readOnly value={invited.link} dir="ltr" />
      </div>
      <div className="field">
        <label htmlFor="invite-share">{t("created.shareLabel")}</label>
        <textarea id="invite-share" readOnly rows={3} value={t("created.shareText", { name, link: invited.link })} />
      </div>
      <p>{t("created.valid", { date: formatDate(invited.expiresAt, i18n.language) })}</p>
      <p>
        <strong>{t("created.once")}</strong>
      </p>
      {children}
    </section>
  );
}
