import { and, asc, eq, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { whatIfs } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";
import type { WhatIfInput, WhatIfView } from "./schemas";

export function whatIfView(w: typeof whatIfs.$inferSelect): WhatIfView {
  const { id, situation, earlySigns, actions, informs, phones, lastCheckedOn } = w;
  return { id, situation, earlySigns, actions, informs, phones, lastCheckedOn };
}

export function listWhatIfs(db: DB, familyId: string) {
  return db
    .select()
    .from(whatIfs)
    .where(and(eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt)))
    .orderBy(asc(whatIfs.createdAt))
    .all();
}

export function getWhatIf(db: DB, familyId: string, id: string) {
  return db
    .select()
    .from(whatIfs)
    .where(and(eq(whatIfs.id, id), eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt)))
    .get();
}

export function createWhatIf(db: DB, familyId: string, userId: string, input: WhatIfInput) {
  const row = { id: newId(), familyId, createdBy: userId, ...input };
  db.insert(whatIfs).values(row).run();
  recordChange(db, { familyId, entity: "whatif", entityId: row.id, action: "create", userId, after: row });
  return row.id;
}

export function updateWhatIf(db: DB, familyId: string, userId: string, id: string, input: WhatIfInput) {
  const before = getWhatIf(db, familyId, id);
  if (!before) return false;
  db.update(whatIfs).set(input).where(eq(whatIfs.id, id)).run();
  recordChange(db, { familyId, entity: "whatif", entityId: id, action: "update", userId, before, after: { ...before, ...input } });
  return true;
}

export function deleteWhatIf(db: DB, familyId: string, userId: string, id: string) {
  const before = getWhatIf(db, familyId, id);
  if (!before) return false;
  db.update(whatIfs).set({ deletedAt: Date.now() }).where(eq(whatIfs.id, id)).run();
  recordChange(db, { familyId, entity: "whatif", entityId: id, action: "delete", userId, before });
  return true;
}
