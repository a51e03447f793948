import type { ReactNode } from "react";
import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import { NETWORK_KINDS } from "../../db/values";
import type { FieldErrors } from "../lib/forms";
import { FormError, Choices, TextField } from "./fields";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export function NetworkForm({
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
  const { t } = useTranslation("network");
  return (
    <Form method="post" noValidate>
      <FormError errors={errors} />
      <TextField name="name" label={t("form.name")} errors={errors} defaultValue={str(values?.name)} autoComplete="off" required />
      <Choices name="kind" label={t("form.kind")} errors={errors} defaultValue={str(values?.kind) ?? "informal"} options={NETWORK_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
      <TextField name="relation" label={t("form.relation")} hint={t("form.relationHint")} errors={errors} defaultValue={str(values?.relation)} />
      <TextField name="organisation" label={t("form.organisation")} errors={errors} defaultValue={str(values?.organisation)} />
      <TextField name="phone" type="tel" inputMode="tel" label={t("form.phone")} errors={errors} defaultValue={str(values?.phone)} autoComplete="off" />
      {extra}
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
