import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import type { Part } from "../../consent/sections";
import type { FieldErrors } from "../lib/forms";
import { formatDate } from "../lib/dates";
import { PartsList, useFamilyPartLabel } from "./parts-list";
import { ConsentScopeFields, type Choosable } from "./consent-scope-fields";
import { FormError } from "./fields";

// One screen to answer a professional who asks for more: who asks what, why and
// until when, in plain words; then "ja", "minder" (the consent form, filled in with
// the ask, where the family picks records) or "nee". Works without JavaScript.

export type AskView = {
  who: string;
  at: number;
  note: string;
  parts: Part[];
  lastDay: string;
  values: Record<string, string>;
  now?: Part[];
};

type Props = {
  ask: AskView;
  action: string;
  choices: Choosable;
  maxEndsOn: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** More fields for every answer, such as which family a request link is for. */
  hidden?: Record<string, string>;
};

export function RequestAnswer({ ask, action, choices, maxEndsOn, errors, values, hidden = {} }: Props) {
  const { t, i18n } = useTranslation("access");
  const partLabel = useFamilyPartLabel();
  const fields = Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <section className="card request" aria-labelledby="request-heading">
      <h2 id="request-heading">{t("request.title", { name: ask.who })}</h2>
      <p className="meta">{t("request.when", { date: formatDate(ask.at, i18n.language) })}</p>
      {ask.now ? (
        <>
          <p>{t("request.now")}</p>
          <PartsList parts={ask.now} label={partLabel} />
        </>
      ) : null}
      <p>{t("request.asks")}</p>
      <PartsList parts={ask.parts} label={partLabel} />
      <p>{t("until", { date: formatDate(ask.lastDay, i18n.language) })}</p>
      <p>
        {t("request.why")} <span className="pre" dir="auto">{ask.note}</span>
      </p>
      <FormError errors={errors} />
      <Form method="post" action={action} className="actions">
        {fields}
        <button type="submit" name="intent" value="approve" className="primary">
          {t("request.approve")}
        </button>
        <button type="submit" name="intent" value="decline" className="button-secondary">
          {t("request.decline")}
        </button>
      </Form>
      <details open={Boolean(values)}>
        <summary>{t("request.less")}</summary>
        <p>{t("request.lessIntro")}</p>
        <Form method="post" action={action} noValidate>
          {fields}
          <input type="hidden" name="intent" value="approve-less" />
          <ConsentScopeFields errors={errors} values={values ?? ask.values} maxEndsOn={maxEndsOn} choices={choices} />
          <div className="actions">
            <button type="submit" className="primary">
              {t("request.lessSubmit")}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}
