import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import { and, eq, inArray } from "drizzle-orm";
import type { Route } from "./+types/history";
import type { DB } from "../../../db/client.server";
import { families, familyInvitations, goals, members, networkPeople, progressNotes, steps, whatIfs } from "../../../db/schema";
import { familyContext, readSection, notFound } from "../../plan/context.server";
import { changedFields, listChanges, type Entity } from "../../plan/history.server";
import { formatDateTime } from "../../lib/dates";

// "Wie veranderde wat?": every change to the plan in plain words. Only field names
// leave the server (as translation keys), never the stored before/after rows.

const LIMIT = 200;
const ENTITIES = ["goal", "step", "whatif", "progress", "network", "member", "family", "invitation"] as const;
const ACTIONS = ["create", "update", "delete"] as const;

// Bookkeeping columns say nothing to a family.
const HIDDEN_FIELDS = new Set(["id", "familyId", "createdAt", "createdBy", "deletedAt", "reachedAt", "authorUserId", "claimedBy", "memberName", "tokenHash"]);
// Several columns make one thing a family thinks of: "who does it".
const FIELD_ALIASES: Record<string, string> = { whoKind: "who", whoMemberId: "who", whoNetworkId: "who" };
const KNOWN_FIELDS = new Set([
  "title", "lifeArea", "term", "memberIds", "status", "priority", "what", "when", "who", "doneAt", "situation",
  "earlySigns", "actions", "informs", "phones", "lastCheckedOn", "name", "relation", "kind", "organisation", "phone",
  "text", "mood", "goalId", "livesAtHome", "role", "userId", "claimedAt", "expiresAt",
]);

// The words that name an item, as the family wrote them.
const LABEL_FIELD: Partial<Record<Entity, string>> = {
  goal: "title",
  step: "what",
  whatif: "situation",
  progress: "text",
  network: "name",
  member: "name",
  family: "name",
};

type Row = ReturnType<typeof listChanges>[number];

function fieldKeys(row: Row): string[] {
  if (row.action !== "update") return [];
  const keys = changedFields(row.before, row.after)
    .filter((field) => !HIDDEN_FIELDS.has(field))
    .map((field) => FIELD_ALIASES[field] ?? field)
    .map((field) => (KNOWN_FIELDS.has(field) ? field : "other"));
  return [...new Set(keys)];
}

function labelFromRow(row: Row): string | null {
  const field = row.entity === "invitation" ? "memberName" : LABEL_FIELD[row.entity as Entity];
  if (!field) return null;
  for (const version of [row.after, row.before]) {
    if (version && typeof version === "object") {
      const value = (version as Record<string, unknown>)[field];
      if (typeof value === "string" && value) return value;
    }
  }
  return null;
}

/** Names for items whose change row does not carry one (a status change, a claim). */
function currentLabels(db: DB, familyId: string, rows: Row[]): Map<string, string> {
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    if (labelFromRow(row) === null) {
      const ids = wanted.get(row.entity) ?? new Set<string>();
      ids.add(row.entityId);
      wanted.set(row.entity, ids);
    }
  }
  const labels = new Map<string, string>();
  const put = (entity: string, found: { id: string; label: string }[]) => {
    for (const item of found) labels.set(`${entity}:${item.id}`, item.label);
  };
  for (const [entity, set] of wanted) {
    const ids = [...set];
    // Removed items keep their name here: the history is about them too.
    if (entity === "goal") put(entity, db.select({ id: goals.id, label: goals.title }).from(goals).where(and(eq(goals.familyId, familyId), inArray(goals.id, ids))).all());
    if (entity === "step") put(entity, db.select({ id: steps.id, label: steps.what }).from(steps).where(and(eq(steps.familyId, familyId), inArray(steps.id, ids))).all());
    if (entity === "whatif") put(entity, db.select({ id: whatIfs.id, label: whatIfs.situation }).from(whatIfs).where(and(eq(whatIfs.familyId, familyId), inArray(whatIfs.id, ids))).all());
    if (entity === "progress")
      put(entity, db.select({ id: progressNotes.id, label: progressNotes.text }).from(progressNotes).where(and(eq(progressNotes.familyId, familyId), inArray(progressNotes.id, ids))).all());
    if (entity === "network")
      put(entity, db.select({ id: networkPeople.id, label: networkPeople.name }).from(networkPeople).where(and(eq(networkPeople.familyId, familyId), inArray(networkPeople.id, ids))).all());
    if (entity === "member") put(entity, db.select({ id: members.id, label: members.name }).from(members).where(and(eq(members.familyId, familyId), inArray(members.id, ids))).all());
    if (entity === "family") put(entity, db.select({ id: families.id, label: families.name }).from(families).where(eq(families.id, familyId)).all());
    if (entity === "invitation")
      put(
        entity,
        db
          .select({ id: familyInvitations.id, label: members.name })
          .from(familyInvitations)
          .innerJoin(members, eq(members.id, familyInvitations.memberId))
          .where(and(eq(familyInvitations.familyId, familyId), inArray(familyInvitations.id, ids)))
          .all(),
      );
  }
  return labels;
}

function goalChanges(db: DB, familyId: string, goalId: string): Row[] {
  const stepIds = db
    .select({ id: steps.id })
    .from(steps)
    .where(and(eq(steps.familyId, familyId), eq(steps.goalId, goalId)))
    .all()
    .map((s) => s.id);
  const rows = [
    ...listChanges(db, familyId, { entity: "goal", entityIds: [goalId] }, LIMIT),
    ...(stepIds.length ? listChanges(db, familyId, { entity: "step", entityIds: stepIds }, LIMIT) : []),
  ];
  return rows.sort((a, b) => b.at - a.at || b.id - a.id).slice(0, LIMIT);
}

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = familyContext(request, params.familyId);
  const goalParam = new URL(request.url).searchParams.get("goal") || null;
  const result = readSection(ctx, "family", (db, familyId) => {
    let goal: { id: string; title: string; deleted: boolean } | null = null;
    if (goalParam) {
      const found = db
        .select({ id: goals.id, title: goals.title, deletedAt: goals.deletedAt })
        .from(goals)
        .where(and(eq(goals.id, goalParam), eq(goals.familyId, familyId)))
        .get();
      if (!found) return null;
      goal = { id: found.id, title: found.title, deleted: found.deletedAt !== null };
    }
    const rows = goal ? goalChanges(db, familyId, goal.id) : listChanges(db, familyId, undefined, LIMIT);
    const labels = currentLabels(db, familyId, rows);
    return {
      goal,
      limited: rows.length >= LIMIT,
      changes: rows.map((row) => ({
        id: row.id,
        entity: (ENTITIES as readonly string[]).includes(row.entity) ? row.entity : "other",
        action: (ACTIONS as readonly string[]).includes(row.action) ? row.action : "update",
        at: row.at,
        who: row.userName,
        organisation: row.userOrganisation,
        label: labelFromRow(row) ?? labels.get(`${row.entity}:${row.entityId}`) ?? null,
        fields: fieldKeys(row),
      })),
    };
  });
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
            <p className="own-words">{goal.title}</p>
            <p className="actions">
              {goal.deleted ? null : <Link to={`/f/${familyId}/goals/${goal.id}`}>{t("toGoal")}</Link>}
              <Link to={`/f/${familyId}/history`}>{t("showAll")}</Link>
            </p>
          </div>
        ) : null}
        {changes.length === 0 ? <p>{t("none")}</p> : null}
        <ol className="list">
          {changes.map((change) => {
            const who = change.organisation ? t("byOrganisation", { name: change.who, organisation: change.organisation }) : t("by", { name: change.who });
            return (
              <li key={change.id}>
                <p>
                  <strong>{t(`sentence.${change.entity}.${change.action}`, { who })}</strong>
                </p>
                {change.label ? <p className="pre">{change.label}</p> : null}
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
