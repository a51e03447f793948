import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import { REVIEW_NEXT } from "../../db/values";
import type { FieldErrors } from "../lib/forms";
import { Choices, FormError, TextArea, TextField } from "./fields";

type Goal = { id: string; title: string; status: string };

/**
 * "Samen terugkijken" as one plain form: the day, who was there, then per goal how it
 * went and how to go on, a note and the next day. Posts without JavaScript too.
 */
export function ReviewForm({ goals, today, errors, values }: { goals: Goal[]; today: string; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation("reviews");
  return (
    <Form method="post" noValidate>
      <FormError errors={errors} />
      <TextField name="heldOn" type="date" label={t("new.heldOn")} hint={t("new.heldOnHint")} errors={errors} defaultValue={values?.heldOn ?? today} required />
      <TextArea name="present" label={t("new.present")} hint={t("new.presentHint")} errors={errors} defaultValue={values?.present} rows={2} />

      <section aria-labelledby="review-goals" className="review-goals">
        <h2 id="review-goals">{t("new.goalsTitle")}</h2>
        {goals.length === 0 ? (
          <p>{t("new.noGoals")}</p>
        ) : (
          <>
            <p>{t("new.goalsIntro")}</p>
            <ul className="review-explain">
              {REVIEW_NEXT.map((next) => (
                <li key={next}>
                  <strong>{t(`next.${next}`)}:</strong> {t(`nextExplain.${next}`)}
                </li>
              ))}
            </ul>
          </>
        )}
        <ol className="list review-goal-list">
          {goals.map((goal) => (
            <li key={goal.id} className="review-goal">
              <h3 className="own-words" dir="auto" id={`review-goal-${goal.id}`}>
                {goal.title}
              </h3>
              {goal.status === "paused" ? <p className="meta">{t("common:goalStatus.paused")}</p> : null}
              <TextArea name={`howItWent-${goal.id}`} label={t("new.howItWent")} hint={t("new.howItWentHint")} errors={errors} defaultValue={values?.[`howItWent-${goal.id}`]} rows={2} />
              <Choices
                name={`next-${goal.id}`}
                label={t("new.next")}
                errors={errors}
                defaultValue={values?.[`next-${goal.id}`]}
                options={REVIEW_NEXT.map((next) => ({ value: next, label: t(`next.${next}`) }))}
              />
            </li>
          ))}
        </ol>
      </section>

      <TextArea name="note" label={t("new.note")} hint={t("new.noteHint")} errors={errors} defaultValue={values?.note} rows={3} />
      <TextField name="nextOn" type="date" label={t("new.nextOn")} hint={t("new.nextOnHint")} errors={errors} defaultValue={values?.nextOn} />
      <div className="actions">
        <button type="submit" className="primary">
          {t("new.submit")}
        </button>
      </div>
    </Form>
  );
}
