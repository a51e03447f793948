import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/history";
import { familyContext, readSection, notFound } from "../../plan/context.server";
import { familyHistory } from "../../plan/history.server";
import { formatDateTime } from "../../lib/dates";
import { authorName } from "../../components/author-name";

// "Wie veranderde wat?": every change to the plan in plain words.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const goalId = new URL(request.url).searchParams.get("goal") || null;
  const result = readSection(ctx, "family", (db, familyId) => familyHistory(db, familyId, goalId));
  if (!result) throw notFound();
  return { familyId: ctx.familyId, ...result };
}

export default function History() {
  const { t, i18n } = useTranslation("history");
  const { familyId, goal, limited, changes } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="card" aria-labelledby="history-heading">
        <h1 id="history-heading">{t("title")}</h1>
        <p>{t("intro")}</p>
        {goal ? (
          <div className="notice">
            <p>{t("forGoal")}</p>
            <p className="own-words" dir="auto">{goal.title}</p>
            <p className="actions">
              {goal.deleted ? null : <Link to={`/f/${familyId}/goals/${goal.id}`}>{t("toGoal")}</Link>}
              <Link to={`/f/${familyId}/history`}>{t("showAll")}</Link>
            </p>
          </div>
        ) : null}
        {changes.length === 0 ? <p>{t("none")}</p> : null}
        <ol className="list">
          {changes.map((change) => {
            const who = change.organisation ? t("byOrganisation", { name: change.who, organisation: change.organisation }) : t("by", { name: authorName(t, { name: change.who, former: change.former }) });
            return (
              <li key={change.id}>
                <p>
                  <strong>{t(`sentence.${change.entity}.${change.action}`, { who })}</strong>
                </p>
                {change.label ? <p className="pre" dir="auto">{change.label}</p> : null}
                {change.fields.length > 0 ? (
                  <p>{t("changedFields", { fields: change.fields.map((field) => t(`fields.${field}`)).join(", ") })}</p>
                ) : null}
                <p className="meta">
                  <time dateTime={new Date(change.at).toISOString()}>{formatDateTime(change.at, i18n.language)}</time>
                </p>
              </li>
            );
          })}
        </ol>
        {limited ? <p className="meta">{t("limited", { count: changes.length })}</p> : null}
      </section>
    </div>
  );
}
