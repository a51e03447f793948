import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/plan";
import { familyContext, readSection, writeSection } from "../../plan/context.server";
import { listGoals, moveGoal, weekSteps } from "../../plan/goals.server";
import { planHints } from "../../plan/plan-check.server";
import { listProgress } from "../../plan/progress.server";
import { saveProgressNote } from "../../plan/progress-action.server";
import { listWhatIfs } from "../../plan/whatifs.server";
import { formatDateTime, today } from "../../lib/dates";
import { ProgressForm } from "../../components/progress-form";
import { FormError } from "../../components/fields";
import { ReadAloud } from "../../components/read-aloud";
import { PrintButton } from "../../components/print-button";
import { whatIfHeading } from "../../lib/whatif-heading";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { endingSoon } from "../../sharing/consents.server";
import { visitsSince } from "../../sharing/visits.server";
import { SharingGlance } from "../../components/sharing-glance";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";
import { useStepDay } from "../../components/step-day";
import { whoName } from "../../lib/step-who";
import { PlanCheck } from "../../components/plan-check";
import { reviewDates } from "../../plan/reviews.server";
import { ReviewGlance } from "../../components/review-glance";
import { familyStrengths } from "../../plan/strengths.server";
import { StrengthList } from "../../components/strengths";
import { useFamily } from "../../hooks/use-family";
import { waakvlamOf } from "../../plan/coaching.server";
import { WaakvlamCard } from "../../components/waakvlam-card";

// The plan page shows the newest few; the strengths page has them all.
const PLAN_STRENGTHS = 6;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return {
    goals: readSection(ctx, "goals", listGoals),
    week: readSection(ctx, "goals", (db, familyId) => weekSteps(db, familyId, today())),
    // The plan check is for those who keep the plan together: the admins.
    hints: ctx.access.role === "admin" ? readSection(ctx, "goals", planHints) : [],
    strengths: readSection(ctx, "strengths", (db, familyId) => {
      const all = familyStrengths(db, familyId);
      return { shown: all.slice(-PLAN_STRENGTHS), count: all.length };
    }),
    whatIfs: readSection(ctx, "whatifs", listWhatIfs),
    progress: readSection(ctx, "progress", (db, familyId) => listProgress(db, familyId, { limit: 3 })),
    reviews: readSection(ctx, "goals", (db, familyId) => reviewDates(db, familyId)),
    waakvlam: readSection(ctx, "team", (db, familyId) => waakvlamOf(db, familyId)),
    sharing: {
      familyId: ctx.familyId,
      isAdmin: ctx.access.role === "admin",
      endingSoon: endingSoon(ctx),
      newLooks: visitsSince(ctx.db, ctx.familyId, ctx.access.memberId),
    },
  };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "move") {
    const goalId = String(formData.get("goalId") ?? "");
    const direction = formData.get("direction") === "down" ? "down" : "up";
    writeSection(ctx, "goals", (db, familyId, userId) => moveGoal(db, familyId, userId, goalId, direction));
    return redirect(`/f/${ctx.familyId}#goals`);
  }
  const refused = saveProgressNote(ctx, formData);
  if (refused) return refused;
  return redirect(`/f/${ctx.familyId}?saved=1`);
});

export default function Plan() {
  const { t, i18n } = useTranslation("plan");
  const { goals, strengths, whatIfs, progress, sharing, week, reviews, hints, waakvlam } = useLoaderData<typeof loader>();
  const { members } = useFamily();
  const stepDay = useStepDay();
  const result = useActionData<typeof action>();
  // Moving a goal has no fields: only a storage failure comes back from it.
  const moveFailed = result && "intent" in result && result.intent === "move";
  const [params] = useSearchParams();
  const active = goals.filter((g) => g.status === "active");
  const resting = goals.filter((g) => g.status === "paused" || g.status === "stopped");
  const reached = goals.filter((g) => g.status === "reached");
  return (
    <div className="stack">
      {/* The "Plan" tab already says where you are; on a phone the first screen is
          for "Hoe ging het vandaag?". The heading stays for screen readers. */}
      <h1 className="visually-hidden">{t("title")}</h1>

      <section className="card no-print" aria-labelledby="quick-progress">
        {/* On waakvlam, a month without a word: the same form asks "Hoe gaat het?" (ADR 021). */}
        <h2 id="quick-progress">{waakvlam?.checkinDue ? t("quick.checkinTitle") : t("quick.title")}</h2>
        {waakvlam?.checkinDue ? <p>{t("quick.checkinIntro")}</p> : null}
        {params.get("waakvlam") ? <Notice>{t("quick.waakvlamSaved")}</Notice> : null}
        {params.get("saved") ? (
          <Notice>
            {t("quick.saved")}
          </Notice>
        ) : null}
        <ProgressForm goals={active} errors={moveFailed ? undefined : result?.errors} values={result?.values} compact />
      </section>

      {waakvlam ? <WaakvlamCard familyId={sharing.familyId} waakvlam={waakvlam} /> : null}

      <SharingGlance {...sharing} />

      {week.overdue.length + week.thisWeek.length > 0 ? (
        <section className="card" aria-labelledby="week-heading" id="this-week">
          <h2 id="week-heading">{t("week.title")}</h2>
          {week.overdue.length > 0 ? (
            <>
              <h3>{t("week.overdueTitle")}</h3>
              <p>{t("week.notYet")}</p>
              <ul className="list">
                {week.overdue.map((step) => (
                  <WeekStep key={step.id} step={step} day={stepDay(step)}>
                    <Link to={`goals/${step.goalId}/steps/${step.id}#field-startsOn`} className="button-secondary" aria-label={t("week.newDayLabel", { what: step.what })}>
                      {t("week.newDay")}
                    </Link>
                  </WeekStep>
                ))}
              </ul>
            </>
          ) : null}
          {week.thisWeek.length > 0 ? (
            <>
              <h3>{t("week.comingTitle")}</h3>
              <ul className="list">
                {week.thisWeek.map((step) => (
                  <WeekStep key={step.id} step={step} day={stepDay(step)} />
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="goals-heading" id="goals">
        <div className="read-row">
          <h2 id="goals-heading">{t("goals.title")}</h2>
          <PrintButton />
        </div>
        {active.length === 0 ? <p>{t("goals.none")}</p> : null}
        <FormError errors={moveFailed ? result.errors : undefined} />
        <ol className="list">
          {active.map((goal, index) => (
            <li key={goal.id}>
              <div className="read-row">
                <Link to={`goals/${goal.id}`} className="own-words" dir="auto">
                  {goal.title}
                </Link>
                <ReadAloud text={goal.title} />
              </div>
              <p className="meta">
                <span className="tag">{t(`common:lifeAreas.${goal.lifeArea}`)}</span>{" "}
                {goal.members.length ? goal.members.map((m) => m.name).join(", ") : t("goals.wholeFamily")}
                {" · "}
                {t("goals.stepsDone", { done: goal.doneCount, count: goal.stepCount })}
              </p>
              {goal.nextStep ? (
                <p>
                  {t("goals.nextStep")} <span className="pre" dir="auto">{goal.nextStep.what}</span>
                  {goal.nextStep.when ? <span className="meta"> ({goal.nextStep.when})</span> : null}
                  {goal.nextStep.startsOn ? <span className="meta"> · {stepDay(goal.nextStep)}</span> : null}
                </p>
              ) : null}
              {active.length > 1 ? (
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="goalId" value={goal.id} />
                  {index > 0 ? (
                    <button type="submit" name="direction" value="up" className="button-secondary" aria-label={t("goals.moveUpLabel", { title: goal.title })}>
                      {t("goals.moveUp")}
                    </button>
                  ) : null}
                  {index < active.length - 1 ? (
                    <button type="submit" name="direction" value="down" className="button-secondary" aria-label={t("goals.moveDownLabel", { title: goal.title })}>
                      {t("goals.moveDown")}
                    </button>
                  ) : null}
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        <p className="actions">
          <Link to="goals/new" className="button">
            {t("goals.add")}
          </Link>
        </p>
        {resting.length > 0 ? (
          <>
            <h3>{t("goals.resting")}</h3>
            <ul className="list">
              {resting.map((goal) => (
                <li key={goal.id}>
                  <Link to={`goals/${goal.id}`} className="item-title">
                    {goal.title}
                  </Link>{" "}
                  <span className="tag">{t(`common:goalStatus.${goal.status}`)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {reached.length > 0 ? (
          <>
            <h3>{t("goals.reached")}</h3>
            <ul className="list">
              {reached.map((goal) => (
                <li key={goal.id}>
                  <span aria-hidden="true">✓ </span>
                  <Link to={`goals/${goal.id}`} className="item-title">
                    {goal.title}
                  </Link>
                  {goal.reachedAt ? <span className="meta"> · {formatDateTime(goal.reachedAt, i18n.language)}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {/* Beside the goals, below them: the first screen stays for "Hoe ging het vandaag?". */}
      <section className="card" aria-labelledby="strengths-heading" id="strengths">
        <h2 id="strengths-heading">{t("strengths:plan.title")}</h2>
        {strengths.count === 0 ? <p>{t("strengths:plan.none")}</p> : <StrengthList strengths={strengths.shown} memberOrder={members.map((m) => m.id)} compact headingLevel="h3" />}
        <p className="actions">
          <Link to="strengths#add" className="button-secondary">
            {t("strengths:plan.add")}
          </Link>
          {strengths.count > 0 ? (
            <Link to="strengths" className="button-link">
              {t("strengths:plan.all", { count: strengths.count })}
            </Link>
          ) : null}
        </p>
      </section>

      <ReviewGlance familyId={sharing.familyId} dates={reviews} />

      <PlanCheck hints={hints} />

      <section className="card" aria-labelledby="whatifs-heading">
        <h2 id="whatifs-heading">{t("whatIfs.title")}</h2>
        {whatIfs.length === 0 ? <p>{t("whatIfs.none")}</p> : null}
        <ul className="list">
          {whatIfs.map((w) => (
            <li key={w.id}>
              <Link to={`what-ifs/${w.id}`} className="item-title">
                {whatIfHeading(t, w.situation)}
              </Link>
            </li>
          ))}
        </ul>
        <p className="actions">
          <Link to="what-ifs" className="button-secondary">
            {t("whatIfs.all")}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("progress.title")}</h2>
        {progress.length === 0 ? <p>{t("progress.none")}</p> : null}
        <ul className="list">
          {progress.map((note) => (
            <li key={note.id}>
              <div className="read-row">
                <p className="pre" dir="auto">{note.text}</p>
                <ReadAloud text={note.text} />
              </div>
              <p className="meta">
                {authorName(t, { name: note.authorName, former: note.authorFormer })}
                {note.authorOrganisation ? ` (${note.authorOrganisation})` : ""} · {formatDateTime(note.createdAt, i18n.language)}
              </p>
            </li>
          ))}
        </ul>
        <p className="actions">
          <Link to="progress" className="button-secondary">
            {t("progress.all")}
          </Link>
        </p>
      </section>
    </div>
  );
}

type WeekStepData = ReturnType<typeof useLoaderData<typeof loader>>["week"]["overdue"][number];

/** One step of "Deze week": what, for which goal, who and on which day. */
function WeekStep({ step, day, children }: { step: WeekStepData; day: string | null; children?: React.ReactNode }) {
  const { t } = useTranslation("plan");
  const who = whoName(step, t("goals:steps.together"));
  return (
    <li>
      <p className="item-title">
        <span className="pre own-words" dir="auto">
          {step.what}
        </span>
      </p>
      <p className="meta">
        {day} · {who}
      </p>
      <p className="meta">
        {t("week.goal")}{" "}
        <Link to={`goals/${step.goalId}`} dir="auto">
          {step.goalTitle}
        </Link>
      </p>
      {children ? <p className="actions">{children}</p> : null}
    </li>
  );
}
