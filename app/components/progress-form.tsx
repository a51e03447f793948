import { Form, useLocation } from "react-router";
import { useTranslation } from "../use-translation";
import type { FieldErrors } from "../lib/forms";
import { Choices, FormError, SelectField, TextArea } from "./fields";

/** The few-seconds form: one text box, an optional mood and goal, one button. */
export function ProgressForm({
  goals,
  errors,
  values,
  action,
}: {
  goals: { id: string; title: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  action?: string;
}) {
  const { t } = useTranslation("progress");
  const location = useLocation();
  return (
    // A new, empty form after each save, as a page without JavaScript gets: the saved
    // text left in the box looks unsaved and invites saving it twice.
    <Form key={location.key} method="post" action={action} noValidate>
      <input type="hidden" name="intent" value="progress" />
      <FormError errors={errors} />
      <TextArea name="text" label={t("form.text")} hint={t("form.textHint")} errors={errors} defaultValue={values?.text} rows={2} required />
      <Choices
        name="mood"
        label={t("form.mood")}
        className="choices mood"
        errors={errors}
        defaultValue={values?.mood}
        options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`mood.${n}`) }))}
      />
      {goals.length > 0 ? (
        <SelectField
          name="goalId"
          label={t("form.goal")}
          errors={errors}
          defaultValue={values?.goalId}
          options={[{ value: "", label: t("form.noGoal") }, ...goals.map((g) => ({ value: g.id, label: g.title }))]}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("form.save")}
        </button>
      </div>
    </Form>
  );
}
