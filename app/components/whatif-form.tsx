import type { ReactNode } from "react";
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
