import { useEffect, type ReactNode } from "react";
import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import type { FieldErrors } from "../lib/forms";
import { FormError, TextArea, TextField } from "./fields";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export function WhatIfForm({
  errors,
  values,
  submitLabel,
  extra,
}: {
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  submitLabel: string;
  /** More fields before the button, such as "Wie mag dit zien?". */
  extra?: ReactNode;
}) {
  const { t } = useTranslation("whatifs");
  return (
    <Form method="post" noValidate>
      <FormError errors={errors} />
      <TextArea name="situation" label={t("form.situation")} hint={t("form.situationHint")} errors={errors} defaultValue={str(values?.situation)} rows={2} required />
      <TextArea name="earlySigns" label={t("form.earlySigns")} hint={t("form.earlySignsHint")} errors={errors} defaultValue={str(values?.earlySigns)} />
      <TextArea name="actions" label={t("form.actions")} hint={t("form.actionsHint")} errors={errors} defaultValue={str(values?.actions)} />
      <TextArea name="informs" label={t("form.informs")} hint={t("form.informsHint")} errors={errors} defaultValue={str(values?.informs)} rows={2} />
      <TextArea name="phones" label={t("form.phones")} hint={t("form.phonesHint")} errors={errors} defaultValue={str(values?.phones)} rows={2} />
      <TextField name="lastCheckedOn" type="date" label={t("form.lastCheckedOn")} hint={t("form.lastCheckedOnHint")} errors={errors} defaultValue={str(values?.lastCheckedOn)} />
      {extra}
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

// Every card on the wat-als page has this form, so its fields carry the agreement in
// their ids: a label must point at its own card's field.
function UseField({ formId, name, label, hint, errors, children }: { formId: string; name: string; label: string; hint: string; errors?: FieldErrors; children: (aria: Record<string, string | boolean | undefined>) => ReactNode }) {
  const { t } = useTranslation();
  const id = `${formId}-${name}`;
  const error = errors?.[name];
  const aria = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ") };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      {children(aria)}
    </div>
  );
}

/**
 * "We gebruikten deze afspraak": one tap saves today's use. How it went and another
 * day sit folded away, so the tap stays one tap; they open when there is something
 * to fix or something typed.
 */
export function WhatIfUseForm({ whatIfId, situation, errors, values }: { whatIfId: string; situation: string; errors?: FieldErrors; values?: Record<string, unknown> }) {
  const { t } = useTranslation("whatifs");
  const formId = `use-${whatIfId}`;
  const fieldError = Boolean(errors?.howItWent || errors?.usedOn);
  const open = fieldError || Boolean(str(values?.howItWent) || str(values?.usedOn));
  // After a submit with JavaScript the page does not reload: focus goes to the field
  // with the message, so a screen reader reads it out.
  useEffect(() => {
    if (!fieldError) return;
    document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, fieldError, formId]);
  return (
    <Form method="post" noValidate className="whatif-use" id={formId}>
      <input type="hidden" name="intent" value="used" />
      <input type="hidden" name="whatIfId" value={whatIfId} />
      <FormError errors={errors} />
      <details open={open || undefined}>
        <summary>{t("uses.more")}</summary>
        <UseField formId={formId} name="howItWent" label={t("uses.howItWent")} hint={t("uses.howItWentHint")} errors={errors}>
          {(aria) => <textarea rows={2} defaultValue={str(values?.howItWent) ?? ""} {...aria} />}
        </UseField>
        <UseField formId={formId} name="usedOn" label={t("uses.usedOn")} hint={t("uses.usedOnHint")} errors={errors}>
          {(aria) => <input type="date" defaultValue={str(values?.usedOn) ?? ""} {...aria} />}
        </UseField>
      </details>
      <div className="actions">
        <button type="submit" className="primary" aria-label={t("uses.buttonLabel", { situation })}>
          {t("uses.button")}
        </button>
      </div>
    </Form>
  );
}
