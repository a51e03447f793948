import { and, desc, eq, inArray } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { changes, users } from "../../db/schema";

export type Entity = "family" | "member" | "goal" | "step" | "whatif" | "progress" | "network" | "invitation";

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
      userName: users.name,
      userOrganisation: users.organisation,
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
