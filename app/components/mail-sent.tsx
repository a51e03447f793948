import { useTranslation } from "../use-translation";

/** "Kijk in je mail": the same answer whether or not the address has an account (ADR 008). */
export function MailSent({ text }: { text: string }) {
  const { t } = useTranslation("auth");
  return (
    <section className="card" role="status" aria-labelledby="mail-sent">
      <h1 id="mail-sent">{t("signup.sentTitle")}</h1>
      <p>{text}</p>
      <p>{t("signup.sentHelp")}</p>
    </section>
  );
}
