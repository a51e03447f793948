import { and, desc, eq, inArray } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { formerMember, shownName, shownOrganisation } from "../auth/account-delete.server";
import { changes, families, familyInvitations, goals, members, networkPeople, progressNotes, steps, strengths, users, whatIfs } from "../../db/schema";

export type Entity = "family" | "member" | "goal" | "step" | "whatif" | "whatifuse" | "review" | "progress" | "network" | "invitation" | "relogin" | "team" | "strength";

/**
 * Keeps who changed what and when. Call it inside the same gate transaction as the
 * change itself, with the row as it was before and as it is after.
 */
export function recordChange(
  db: DB,
  entry: {
    familyId: string;
    entity: Entity;
    entityId: string;
    action: "create" | "update" | "delete";
    userId: string;
    before?: unknown;
    after?: unknown;
  },
) {
  db.insert(changes)
    .values({
      familyId: entry.familyId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      userId: entry.userId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

export function listChanges(db: DB, familyId: string, filter?: { entity: Entity; entityIds: string[] }, limit = 200) {
  const where = filter
    ? and(eq(changes.familyId, familyId), eq(changes.entity, filter.entity), inArray(changes.entityId, filter.entityIds))
    : eq(changes.familyId, familyId);
  return db
    .select({
      id: changes.id,
      entity: changes.entity,
      entityId: changes.entityId,
      action: changes.action,
      at: changes.at,
      before: changes.before,
      after: changes.after,
      userName: shownName(),
      userOrganisation: shownOrganisation(),
      userFormer: formerMember(),
    })
    .from(changes)
    .innerJoin(users, eq(users.id, changes.userId))
    .where(where)
    .orderBy(desc(changes.at), desc(changes.id))
    .limit(limit)
    .all();
}

/** The fields that differ between two versions of a row, for "what changed". */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

// ---------------------------------------------------------------------------
// "Wie veranderde wat?" as the family reads it.

const LIMIT = 200;
const ENTITIES = ["goal", "step", "whatif", "whatifuse", "review", "progress", "network", "member", "family", "invitation", "relogin", "team", "strength"] as const;
const ACTIONS = ["create", "update", "delete"] as const;

// Bookkeeping columns say nothing to a family.
const HIDDEN_FIELDS = new Set(["id", "familyId", "createdAt", "createdBy", "deletedAt", "reachedAt", "authorUserId", "claimedBy", "memberName", "tokenHash"]);
// Several columns make one thing a family thinks of: "who does it".
const FIELD_ALIASES = new Map([
  ["whoKind", "who"],
  ["whoMemberId", "who"],
  ["whoNetworkId", "who"],
  ["whoConsentId", "who"],
  // A strength is for one member (or the whole family): the same "voor wie" as a goal's.
  ["memberId", "memberIds"],
  ["coachConsentId", "coach"],
  ["secondCoachConsentId", "coach"],
  // Going on waakvlam (ADR 021) is one step for the family, whichever columns it sets.
  ["waakvlamAt", "waakvlam"],
  ["lastCoachConsentId", "waakvlam"],
  ["checkinMail", "waakvlam"],
]);
const KNOWN_FIELDS = new Set([
  "title", "lifeArea", "term", "memberIds", "status", "priority", "what", "when", "who", "doneAt", "situation",
  "earlySigns", "actions", "informs", "phones", "lastCheckedOn", "name", "relation", "kind", "organisation", "phone",
  "text", "mood", "goalId", "livesAtHome", "role", "userId", "claimedAt", "expiresAt", "coach", "teamPage", "waakvlam",
]);

// The words that name an item, as the family wrote them.
const LABEL_FIELD = new Map<string, string>([
  ["goal", "title"],
  ["step", "what"],
  ["whatif", "situation"],
  ["whatifuse", "howItWent"],
  ["strength", "text"],
  ["review", "present"],
  ["progress", "text"],
  ["network", "name"],
  ["member", "name"],
  ["family", "name"],
  ["invitation", "memberName"],
  ["relogin", "memberName"],
]);

type Row = ReturnType<typeof listChanges>[number];

function fieldKeys(row: Row): string[] {
  if (row.action !== "update") return [];
  const keys = changedFields(row.before, row.after)
    .filter((field) => !HIDDEN_FIELDS.has(field))
    .map((field) => FIELD_ALIASES.get(field) ?? field)
    .map((field) => (KNOWN_FIELDS.has(field) ? field : "other"));
  return [...new Set(keys)];
}

function labelFromRow(row: Row): string | null {
  const field = LABEL_FIELD.get(row.entity);
  if (!field) return null;
  for (const version of [row.after, row.before]) {
    if (version && typeof version === "object") {
      const value = (version as Record<string, unknown>)[field];
      if (typeof value === "string" && value) return value;
    }
  }
  return null;
}

type Names = (db: DB, familyId: string, ids: string[]) => { id: string; label: string }[];

// Each kind of item's name as it is now. Removed items keep their name here: the
// history is about them too.
const CURRENT_NAME = new Map<string, Names>([
  ["goal", (db, familyId, ids) => db.select({ id: goals.id, label: goals.title }).from(goals).where(and(eq(goals.familyId, familyId), inArray(goals.id, ids))).all()],
  ["step", (db, familyId, ids) => db.select({ id: steps.id, label: steps.what }).from(steps).where(and(eq(steps.familyId, familyId), inArray(steps.id, ids))).all()],
  ["whatif", (db, familyId, ids) => db.select({ id: whatIfs.id, label: whatIfs.situation }).from(whatIfs).where(and(eq(whatIfs.familyId, familyId), inArray(whatIfs.id, ids))).all()],
  ["strength", (db, familyId, ids) => db.select({ id: strengths.id, label: strengths.text }).from(strengths).where(and(eq(strengths.familyId, familyId), inArray(strengths.id, ids))).all()],
  [
    "progress",
    (db, familyId, ids) =>
      db.select({ id: progressNotes.id, label: progressNotes.text }).from(progressNotes).where(and(eq(progressNotes.familyId, familyId), inArray(progressNotes.id, ids))).all(),
  ],
  [
    "network",
    (db, familyId, ids) =>
      db.select({ id: networkPeople.id, label: networkPeople.name }).from(networkPeople).where(and(eq(networkPeople.familyId, familyId), inArray(networkPeople.id, ids))).all(),
  ],
  ["member", (db, familyId, ids) => db.select({ id: members.id, label: members.name }).from(members).where(and(eq(members.familyId, familyId), inArray(members.id, ids))).all()],
  ["family", (db, familyId) => db.select({ id: families.id, label: families.name }).from(families).where(eq(families.id, familyId)).all()],
  [
    "invitation",
    (db, familyId, ids) =>
      db
        .select({ id: familyInvitations.id, label: members.name })
        .from(familyInvitations)
        .innerJoin(members, eq(members.id, familyInvitations.memberId))
        .where(and(eq(familyInvitations.familyId, familyId), inArray(familyInvitations.id, ids)))
        .all(),
  ],
]);

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
  for (const [entity, set] of wanted) put(entity, CURRENT_NAME.get(entity)?.(db, familyId, [...set]) ?? []);
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

/**
 * "Wie veranderde wat?" in plain words, for the whole plan or for one goal and its
 * steps. Only field names leave the server (as translation keys), never the stored
 * before/after rows. Null when the goal is not this family's.
 */
export function familyHistory(db: DB, familyId: string, goalId: string | null) {
    let goal: { id: string; title: string; deleted: boolean } | null = null;
    if (goalId) {
      const found = db
        .select({ id: goals.id, title: goals.title, deletedAt: goals.deletedAt })
        .from(goals)
        .where(and(eq(goals.id, goalId), eq(goals.familyId, familyId)))
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
        former: row.userFormer,
        label: labelFromRow(row) ?? labels.get(`${row.entity}:${row.entityId}`) ?? null,
        fields: fieldKeys(row),
      })),
    };
}
