import { Link } from "react-router";
import { useTranslation } from "../use-translation";

/** Recovery codes, shown once: after a first second step, or when new ones are made. */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation("auth");
  return (
    <section className="card" role="status" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t("twoStep.codesTitle")}</h2>
      <p>{t("twoStep.codesIntro")}</p>
      <ul className="recovery-codes" dir="ltr">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <strong>{t("twoStep.codesOnce")}</strong>
      </p>
      <p className="actions">
        <Link to={next} className="button">
          {t("twoStep.next")}
        </Link>
      </p>
    </section>
  );
}
