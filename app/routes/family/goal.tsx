import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/goal";
import { GOAL_STATUSES } from "../../../db/values";
import { familyContext, readSection, writeSection, notFound, type FamilyContext } from "../../plan/context.server";
import { createStep, getGoal, listSteps, setGoalStatus, setStepDone } from "../../plan/goals.server";
import { listNetwork } from "../../plan/network.server";
import { coachChoices } from "../../plan/team.server";
import { listProgress, moodByWeek } from "../../plan/progress.server";
import { goalStatusSchema, stepSchema } from "../../plan/schemas";
import { useFamily } from "../../hooks/use-family";
import { parseForm } from "../../lib/forms";
import { formatDateTime } from "../../lib/dates";
import { Choices, FormError } from "../../components/fields";
import { StepForm } from "../../components/step-form";
import { whoName } from "../../lib/step-who";
import { ReadAloud } from "../../components/read-aloud";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { handlerFor, intentOf } from "../../lib/intents";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";
import { MoodChart } from "../../components/mood-chart";
import { useStepDay } from "../../components/step-day";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const goal = readSection(ctx, "goals", (db, familyId) => {
    const found = getGoal(db, familyId, params.goalId);
    return found ? { ...found, steps: listSteps(db, familyId, found.id) } : null;
  });
  if (!goal) throw notFound();
  return {
    goal,
    network: readSection(ctx, "network", listNetwork),
    professionals: readSection(ctx, "team", (db, familyId) => coachChoices(db, familyId)),
    progress: readSection(ctx, "progress", (db, familyId) => listProgress(db, familyId, { goalId: goal.id, limit: 10 })),
    moods: readSection(ctx, "progress", (db, familyId) => moodByWeek(db, familyId, { goalId: goal.id })),
  };
}

type Posted = { ctx: FamilyContext; formData: FormData; goalId: string; here: string };

/** Active, reached, paused or stopped. */
function status({ ctx, formData, goalId, here }: Posted) {
  const parsed = parseForm(formData, goalStatusSchema);
  if (!parsed.ok) return data({ intent: "status", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const ok = writeSection(ctx, "goals", (db, familyId, userId) => setGoalStatus(db, familyId, userId, goalId, parsed.data.status));
  if (!ok) throw notFound();
  return redirect(here);
}

/** A step ticked off, or not done after all. */
function stepDone(done: boolean) {
  return ({ ctx, formData, here }: Posted) => {
    const stepId = String(formData.get("stepId") ?? "");
    const ok = writeSection(ctx, "goals", (db, familyId, userId) => setStepDone(db, familyId, userId, stepId, done));
    if (!ok) throw notFound();
    return redirect(`${here}#steps`);
  };
}

/** A new step: what, who, when. */
function step({ ctx, formData, goalId, here }: Posted) {
  const parsed = parseForm(formData, stepSchema);
  if (!parsed.ok) return data({ intent: "step", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const created = writeSection(ctx, "goals", (db, familyId, userId) => createStep(db, familyId, userId, goalId, parsed.data));
  if ("error" in created) {
    if (created.error === "notFound") throw notFound();
    return data({ intent: "step", errors: { who: "errors.choose" }, values: parsed.values }, { status: 400 });
  }
  // Back on the page with the new step marked, so the family sees it was kept and where.
  return redirect(`${here}?saved=${created.id}#step-${created.id}`);
}

const INTENTS = { status, "step-done": stepDone(true), "step-undone": stepDone(false), step };

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  // The step form is the page's main form; a post without a known intent is one.
  const handler = handlerFor(INTENTS, intentOf(formData)) ?? step;
  return handler({ ctx, formData, goalId: params.goalId, here: `/f/${ctx.familyId}/goals/${params.goalId}` });
});

export default function Goal() {
  const { t, i18n } = useTranslation("goals");
  const { members } = useFamily();
  const { goal, network, professionals, progress, moods } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const stepDay = useStepDay();
  const forWhom = members.filter((m) => goal.memberIds.includes(m.id)).map((m) => m.name);
  return (
    <div className="stack">
      <section className="card">
        <p className="meta">{t("detail.goal")}</p>
        <div className="read-row">
          <h1 className="own-words" dir="auto">{goal.title}</h1>
          <ReadAloud text={goal.title} />
        </div>
        <p className="meta">
          <span className="tag">{t(`common:lifeAreas.${goal.lifeArea}`)}</span> {t(`term.${goal.term}`)} ·{" "}
          {forWhom.length ? forWhom.join(", ") : t("detail.wholeFamily")}
        </p>
        <p>
          {t("detail.status")} <strong>{t(`common:goalStatus.${goal.status}`)}</strong>
        </p>
        <p className="actions">
          <Link to="edit" className="button-secondary">
            {t("detail.edit")}
          </Link>
          <Link to={`/f/${goal.familyId}/delete/goal/${goal.id}`} className="button-secondary">
            {t("detail.delete")}
          </Link>
          <Link to={`/f/${goal.familyId}/history?goal=${goal.id}`}>
            {t("detail.history")}
          </Link>
        </p>
      </section>

      <section className="card" id="steps" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t("steps.title")}</h2>
        {goal.steps.length === 0 ? <p>{t("steps.none")}</p> : null}
        {saved && goal.steps.some((step) => step.id === saved) ? <Notice>{t("steps.saved")}</Notice> : null}
        {result?.intent.startsWith("step-") ? <FormError errors={result.errors} /> : null}
        <ul className="list">
          {goal.steps.map((step) => (
            <li key={step.id} id={`step-${step.id}`} className={step.id === saved ? "just-saved" : undefined}>
              <div className="read-row">
                <p className={step.doneAt ? "item-title muted" : "item-title"}>
                  {step.doneAt ? <span aria-hidden="true">✓ </span> : null}
                  <span className="pre" dir="auto">{step.what}</span>
                </p>
                <ReadAloud text={step.what} />
              </div>
              <p className="meta">
                {t("steps.whoLabel")}{" "}
                {whoName(step, t("steps.together"))}
                {step.when ? ` · ${t("steps.whenLabel")} ${step.when}` : ""}
                {step.startsOn ? ` · ${stepDay(step)}` : ""}
                {step.authorOrganisation ? ` · ${t("steps.addedBy", { name: step.authorName, organisation: step.authorOrganisation })}` : ""}
              </p>
              <div className="actions">
                <Form method="post">
                  <input type="hidden" name="stepId" value={step.id} />
                  <button type="submit" name="intent" value={step.doneAt ? "step-undone" : "step-done"} className="button-secondary">
                    {step.doneAt ? t("steps.undo") : t("steps.done")}
                  </button>
                </Form>
                <Link to={`steps/${step.id}`} className="button-link" aria-label={t("steps.editLabel", { what: step.what })}>
                  {t("steps.edit")}
                </Link>
                <Link to={`/f/${goal.familyId}/delete/step/${step.id}`} className="button-link" aria-label={t("steps.deleteLabel", { what: step.what })}>
                  {t("steps.delete")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
        <h3>{t("steps.add")}</h3>
        <StepForm
          members={members}
          network={network}
          professionals={professionals}
          errors={result?.intent === "step" ? result.errors : undefined}
          values={result?.intent === "step" ? result.values : undefined}
          submitLabel={t("steps.addSubmit")}
          intent="step"
        />
      </section>

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("detail.changeStatus")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="status" />
          <FormError errors={result?.intent === "status" ? result.errors : undefined} />
          <Choices
            name="status"
            label={t("detail.statusLabel")}
            defaultValue={goal.status}
            errors={result?.intent === "status" ? result.errors : undefined}
            options={GOAL_STATUSES.map((status) => ({ value: status, label: t(`common:goalStatus.${status}`) }))}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("detail.saveStatus")}
            </button>
          </div>
        </Form>
      </section>

      {progress.length > 0 ? (
        <section className="card" aria-labelledby="goal-progress-heading">
          <h2 id="goal-progress-heading">{t("detail.progress")}</h2>
          {moods.weeks.length > 0 ? <MoodChart data={moods} title={t("detail.moodTitle")} /> : null}
          <ul className="list">
            {progress.map((note) => (
              <li key={note.id}>
                <div className="read-row">
                  <p className="pre" dir="auto">{note.text}</p>
                  <ReadAloud text={note.text} />
                </div>
                <p className="meta">
                  {authorName(t, { name: note.authorName, former: note.authorFormer })} · {formatDateTime(note.createdAt, i18n.language)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
