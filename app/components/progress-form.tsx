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
  compact = false,
}: {
  goals: { id: string; title: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  action?: string;
  /** On the plan page: the score and the goal fold away, so the box and its button fit the first screen of a phone. */
  compact?: boolean;
}) {
  const { t } = useTranslation("progress");
  const location = useLocation();
  const more = (
    <>
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
    </>
  );
  // Open when something in it was chosen or needs a look, so nothing typed is hidden.
  const openMore = Boolean(values?.mood || values?.goalId || errors?.mood || errors?.goalId);
  return (
    // A new, empty form after each save, as a page without JavaScript gets: the saved
    // text left in the box looks unsaved and invites saving it twice.
    <Form key={location.key} method="post" action={action} noValidate>
      <input type="hidden" name="intent" value="progress" />
      <FormError errors={errors} />
      {/* Compact, the example sits in the empty box rather than above it: one line less before the button. */}
      <TextArea
        name="text"
        label={t("form.text")}
        hint={compact ? undefined : t("form.textHint")}
        placeholder={compact ? t("form.textHint") : undefined}
        errors={errors}
        defaultValue={values?.text}
        rows={2}
        required
      />
      {compact ? (
        <details className="more-fields" open={openMore}>
          <summary>{t("form.more")}</summary>
          {more}
        </details>
      ) : (
        more
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t("form.save")}
        </button>
      </div>
    </Form>
  );
}
