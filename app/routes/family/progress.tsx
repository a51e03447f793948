import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/progress";
import { familyContext, readSection, notFound } from "../../plan/context.server";
import { listGoals } from "../../plan/goals.server";
import { listProgress, moodByWeek } from "../../plan/progress.server";
import { saveProgressNote } from "../../plan/progress-action.server";
import { formatDateTime } from "../../lib/dates";
import { ProgressForm } from "../../components/progress-form";
import { SelectField } from "../../components/fields";
import { ReadAloud } from "../../components/read-aloud";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";
import { MoodChart } from "../../components/mood-chart";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const goalParam = new URL(request.url).searchParams.get("goal") || null;
  const goals = readSection(ctx, "goals", listGoals).map((g) => ({ id: g.id, title: g.title, status: g.status }));
  const filterGoal = goalParam ? goals.find((g) => g.id === goalParam) ?? null : null;
  if (goalParam && !filterGoal) throw notFound();
  const progress = readSection(ctx, "progress", (db, familyId) => listProgress(db, familyId, { goalId: filterGoal?.id, limit: 200 }));
  const moods = readSection(ctx, "progress", (db, familyId) => moodByWeek(db, familyId, { goalId: filterGoal?.id }));
  return { familyId: ctx.familyId, goals, filterGoal, progress, moods };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const formData = await request.formData();
  if (formData.get("intent") !== "progress") {
    return data({ errors: { form: "errors.invalid" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
  }
  const refused = saveProgressNote(ctx, formData);
  if (refused) return refused;
  const back = new URLSearchParams({ saved: "1" });
  const goal = new URL(request.url).searchParams.get("goal");
  if (goal) back.set("goal", goal);
  return redirect(`/f/${ctx.familyId}/progress?${back}`);
});

export default function Progress() {
  const { t, i18n } = useTranslation("progress");
  const { familyId, goals, filterGoal, progress, moods } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const active = goals.filter((g) => g.status === "active");
  return (
    <div className="stack">
      <h1>{t("page.title")}</h1>
      <p>{t("page.intro")}</p>

      <section className="card" aria-labelledby="add-progress">
        <h2 id="add-progress">{t("page.add")}</h2>
        {params.get("saved") ? (
          <Notice>
            {t("page.saved")}
          </Notice>
        ) : null}
        <ProgressForm goals={active} errors={result?.errors} values={result?.values ?? (filterGoal ? { goalId: filterGoal.id } : undefined)} />
      </section>

      <section className="card" aria-labelledby="mood-heading">
        <h2 id="mood-heading">{t("chart.heading")}</h2>
        <MoodChart data={moods} title={filterGoal ? t("chart.goalTitle", { title: filterGoal.title }) : t("chart.familyTitle")} />
      </section>

      <section className="card" aria-labelledby="progress-list">
        <h2 id="progress-list">{t("page.list")}</h2>
        {goals.length > 0 ? (
          <Form method="get" className="filter">
            <SelectField
              name="goal"
              label={t("filter.label")}
              defaultValue={filterGoal?.id ?? ""}
              options={[{ value: "", label: t("filter.all") }, ...goals.map((g) => ({ value: g.id, label: g.title }))]}
            />
            <div className="actions">
              <button type="submit" className="button-secondary">
                {t("filter.submit")}
              </button>
            </div>
          </Form>
        ) : null}
        {filterGoal ? (
          <p className="notice">
            {t("filter.showing", { title: filterGoal.title })}{" "}
            <Link to={`/f/${familyId}/progress`}>{t("filter.showAll")}</Link>
          </p>
        ) : null}
        {progress.length === 0 ? <p>{filterGoal ? t("page.noneForGoal") : t("page.none")}</p> : null}
        <ul className="list">
          {progress.map((note) => {
            const when = formatDateTime(note.createdAt, i18n.language);
            return (
              <li key={note.id}>
                <div className="read-row">
                  <p className="pre" dir="auto">{note.text}</p>
                  <ReadAloud text={note.text} />
                </div>
                {note.mood ? <p>{t("page.mood", { mood: t(`moodWords.${note.mood}`) })}</p> : null}
                {note.goalId && note.goalTitle ? (
                  <p className="meta">
                    {t("page.about")}{" "}
                    {goals.some((g) => g.id === note.goalId) ? (
                      <Link to={`/f/${familyId}/goals/${note.goalId}`}>{note.goalTitle}</Link>
                    ) : (
                      <span className="pre" dir="auto">{note.goalTitle}</span>
                    )}
                  </p>
                ) : null}
                <p className="meta">
                  {note.authorOrganisation
                    ? t("page.byOrganisation", { name: note.authorName, organisation: note.authorOrganisation })
                    : t("page.by", { name: authorName(t, { name: note.authorName, former: note.authorFormer }) })}{" "}
                  · <time dateTime={new Date(note.createdAt).toISOString()}>{when}</time>
                </p>
                <div className="actions">
                  <Link to={`/f/${familyId}/delete/progress/${note.id}`} className="button-link" aria-label={t("page.deleteLabel", { date: when })}>
                    {t("page.delete")}
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <p className="actions">
        <Link to={filterGoal ? `/f/${familyId}/history?goal=${filterGoal.id}` : `/f/${familyId}/history`}>{t("page.history")}</Link>
      </p>
    </div>
  );
}
