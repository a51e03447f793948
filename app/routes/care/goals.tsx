import { z } from "zod";
import { Form, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/goals";
import { activeConsentFor } from "../../../consent/gate";
import { professionalContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { createStep, getGoal } from "../../plan/goals.server";
import { goalRecords, goalsPart, shownGoals } from "../../plan/parts.server";
import { stepDaysRule, stepFields } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { FormError, SelectField, TextArea, TextField } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { Notice } from "../../components/notice";
import { useStepDay } from "../../components/step-day";

// The family's goals and steps, as a professional sees them: one read through the
// gate, so one entry in the family's log. With "mag ook schrijven" the professional
// can add a step; it shows their name and organisation.
//
// Who does a step: "Samen", or one of the family members the goals are for. Those
// names come from the same goals read, so the form shows nothing the page did not
// already show. A step the professional does themselves is "Ikzelf": it is theirs on
// "Wie doet wat?" and on their own home page.

/** "member:<id>" for every member a goal is for: the only people a professional may pick. */
function whoChoices(goals: { members: { id: string; name: string }[] }[]) {
  const seen = new Map<string, string>();
  for (const goal of goals) for (const member of goal.members) seen.set(`member:${member.id}`, member.name);
  return [...seen].map(([value, name]) => ({ value, name }));
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const { goals, canWrite } = readSection(
    ctx,
    "goals",
    (db, familyId, grants) => ({ goals: goalsPart(db, familyId, grants), canWrite: grants.writes("goals") }),
    (value) => goalRecords(value.goals),
  );
  return {
    frame: careFrame(ctx),
    familyId: ctx.familyId,
    goals,
    who: whoChoices(goals),
    // The consent this professional writes under: a step for "Ikzelf" is a step for it.
    ownConsentId: canWrite ? (activeConsentFor(ctx.db, ctx.access, "goals", "write")?.id ?? null) : null,
    canWrite,
  };
}

const professionalStepSchema = stepFields
  .extend({ goalId: z.string({ error: "errors.choose" }).min(1, "errors.choose").max(40, "errors.choose") })
  .superRefine(stepDaysRule);

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = professionalContext({ request, context }, params.familyId);
  // Without "mag ook schrijven" this page does not take posts at all, not even bad ones.
  if (!activeConsentFor(ctx.db, ctx.access, "goals", "write")) throw notFound();
  const parsed = parseForm(await request.formData(), professionalStepSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { goalId, ...input } = parsed.data;
  const created = writeSection(
    ctx,
    "goals",
    (db, familyId, userId, grants) => {
      if (!getGoal(db, familyId, goalId)) return { error: "goalId" as const };
      // Only the members of goals this professional may see; a step on a goal the
      // family did not share is refused by the gate itself (404, nothing logged).
      const own = activeConsentFor(db, ctx.access, "goals", "write");
      const forSelf = own !== null && input.who === `professional:${own.id}`;
      if (input.who !== "together" && !forSelf && !whoChoices(shownGoals(db, familyId, grants)).some((choice) => choice.value === input.who)) {
        return { error: "who" as const };
      }
      const step = createStep(db, familyId, userId, goalId, input);
      return "error" in step ? { error: step.error === "notFound" ? ("goalId" as const) : ("who" as const) } : step;
    },
    { action: "create" },
  );
  if (created.error) {
    const field = created.error === "goalId" ? "goalId" : "who";
    return data({ errors: { [field]: "errors.choose" } as Record<string, string>, values: parsed.values }, { status: 400 });
  }
  return redirect(`/care/${ctx.familyId}/goals?saved=1#goal-${goalId}`);
});

export default function CareGoals() {
  const { t } = useTranslation("care");
  const { goals, who, canWrite, ownConsentId } = useLoaderData<typeof loader>();
  const stepDay = useStepDay();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const open = goals.filter((goal) => goal.status === "active" || goal.status === "paused");
  return (
    <div className="stack">
      <h1>{t("goals.title")}</h1>
      <p>{canWrite ? t("goals.introWrite") : t("goals.introRead")}</p>
      {params.get("saved") ? (
        <Notice>
          {t("goals.saved")}
        </Notice>
      ) : null}
      {goals.length === 0 ? <p>{t("goals.none")}</p> : null}

      {goals.map((goal) => (
        <section key={goal.id} id={`goal-${goal.id}`} className="card" aria-labelledby={`goal-title-${goal.id}`}>
          <h2 id={`goal-title-${goal.id}`} className="own-words" dir="auto">
            {goal.title}
          </h2>
          <p className="meta">
            <span className="tag">{t(`common:lifeAreas.${goal.lifeArea}`)}</span> {t(`goals:term.${goal.term}`)} ·{" "}
            {goal.members.length ? goal.members.map((m) => m.name).join(", ") : t("goals.wholeFamily")} ·{" "}
            {t(`common:goalStatus.${goal.status}`)}
          </p>
          <h3>{t("goals.steps")}</h3>
          {goal.steps.length === 0 ? <p>{t("goals.noSteps")}</p> : null}
          <ul className="list">
            {goal.steps.map((step) => (
              <li key={step.id}>
                <p className={step.doneAt ? "item-title muted" : "item-title"}>
                  {step.doneAt ? <span aria-hidden="true">✓ </span> : null}
                  <span className="pre" dir="auto">{step.what}</span>
                  {step.doneAt ? <span className="tag"> {t("goals.done")}</span> : null}
                </p>
                <p className="meta">
                  {t("goals:steps.whoLabel")} {step.whoName ??
                    (step.whoKind === "network"
                      ? t("goals:steps.someoneFromNetwork")
                      : step.whoKind === "professional"
                        ? t("goals:steps.someProfessional")
                        : t("goals:steps.together"))}
                  {step.when ? ` · ${t("goals:steps.whenLabel")} ${step.when}` : ""}
                  {step.startsOn ? ` · ${stepDay(step)}` : ""}
                  {step.author ? ` · ${t("goals:steps.addedBy", { name: step.author.name, organisation: step.author.organisation })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}

      {canWrite && open.length > 0 ? (
        <section className="card" id="new-step" aria-labelledby="new-step-title">
          <h2 id="new-step-title">{t("goals.add")}</h2>
          <p>{t("goals.addIntro")}</p>
          <Form method="post" noValidate>
            <FormError errors={result?.errors} />
            <SelectField
              name="goalId"
              label={t("goals.whichGoal")}
              errors={result?.errors}
              defaultValue={result?.values.goalId ?? ""}
              options={[{ value: "", label: t("goals.chooseGoal") }, ...open.map((goal) => ({ value: goal.id, label: goal.title }))]}
            />
            <TextArea
              name="what"
              label={t("goals:steps.what")}
              hint={t("goals.whatHint")}
              errors={result?.errors}
              defaultValue={result?.values.what}
              rows={2}
              required
            />
            <SelectField
              name="who"
              label={t("goals:steps.who")}
              hint={t("goals.whoHint")}
              errors={result?.errors}
              defaultValue={result?.values.who ?? "together"}
              options={[
                { value: "together", label: t("goals:steps.together") },
                ...(ownConsentId ? [{ value: `professional:${ownConsentId}`, label: t("goals.me") }] : []),
                ...who.map((w) => ({ value: w.value, label: w.name })),
              ]}
            />
            <TextField name="when" label={t("goals:steps.when")} hint={t("goals:steps.whenHint")} errors={result?.errors} defaultValue={result?.values.when} />
            <div className="field-pair">
              <TextField name="startsOn" type="date" label={t("goals:steps.startsOn")} hint={t("goals:steps.startsOnHint")} errors={result?.errors} defaultValue={result?.values.startsOn} />
              <TextField name="endsOn" type="date" label={t("goals:steps.endsOn")} hint={t("goals:steps.endsOnHint")} errors={result?.errors} defaultValue={result?.values.endsOn} />
            </div>
            <div className="actions">
              <button type="submit" className="primary">
                {t("goals.addSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
