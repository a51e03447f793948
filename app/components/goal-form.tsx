import type { ReactNode } from "react";
import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import { GOAL_TERMS, LIFE_AREAS } from "../../db/values";
import type { FieldErrors } from "../lib/forms";
import { FormError, Choices, SelectField, TextArea } from "./fields";

export function GoalForm({
  members,
  errors,
  values,
  submitLabel,
  extra,
}: {
  members: { id: string; name: string }[];
  errors?: FieldErrors;
  values?: { title?: string; lifeArea?: string; term?: string; memberIds?: string[] };
  submitLabel: string;
  /** More fields before the button, such as "Wie mag dit zien?". */
  extra?: ReactNode;
}) {
  const { t } = useTranslation("goals");
  return (
    <Form method="post" noValidate>
      <FormError errors={errors} />
      <TextArea name="title" label={t("form.title")} hint={t("form.titleHint")} errors={errors} defaultValue={values?.title} rows={2} required />
      <Choices
        name="memberIds"
        multiple
        label={t("form.forWhom")}
        hint={t("form.forWhomHint")}
        errors={errors}
        defaultValue={values?.memberIds}
        options={members.map((m) => ({ value: m.id, label: m.name }))}
      />
      <SelectField
        name="lifeArea"
        label={t("form.lifeArea")}
        errors={errors}
        defaultValue={values?.lifeArea}
        required
        options={[{ value: "", label: t("form.choose") }, ...LIFE_AREAS.map((area) => ({ value: area, label: t(`common:lifeAreas.${area}`) }))]}
      />
      <Choices
        name="term"
        label={t("form.term")}
        errors={errors}
        defaultValue={values?.term ?? "short"}
        options={GOAL_TERMS.map((term) => ({ value: term, label: t(`term.${term}`) }))}
      />
      {extra}
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
