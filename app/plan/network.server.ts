import { and, asc, eq, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { networkPeople } from "../../db/schema";
import type { NETWORK_KINDS } from "../../db/values";
import { newId } from "../../consent/tokens";
import { recordChange } from "./history.server";

export type NetworkInput = {
  name: string;
  kind: (typeof NETWORK_KINDS)[number];
  relation: string;
  organisation: string;
  phone: string;
};

export function listNetwork(db: DB, familyId: string) {
  return db
    .select({
      id: networkPeople.id,
      name: networkPeople.name,
      kind: networkPeople.kind,
      relation: networkPeople.relation,
      organisation: networkPeople.organisation,
      phone: networkPeople.phone,
    })
    .from(networkPeople)
    .where(and(eq(networkPeople.familyId, familyId), isNull(networkPeople.deletedAt)))
    .orderBy(asc(networkPeople.kind), asc(networkPeople.name))
    .all();
}

export function getNetworkPerson(db: DB, familyId: string, id: string) {
  return db
    .select()
    .from(networkPeople)
    .where(and(eq(networkPeople.id, id), eq(networkPeople.familyId, familyId), isNull(networkPeople.deletedAt)))
    .get();
}

export function createNetworkPerson(db: DB, familyId: string, userId: string, input: NetworkInput) {
  const row = { id: newId(), familyId, ...input };
  db.insert(networkPeople).values(row).run();
  recordChange(db, { familyId, entity: "network", entityId: row.id, action: "create", userId, after: row });
  return row.id;
}

export function updateNetworkPerson(db: DB, familyId: string, userId: string, id: string, input: NetworkInput) {
  const before = getNetworkPerson(db, familyId, id);
  if (!before) return false;
  db.update(networkPeople).set(input).where(eq(networkPeople.id, id)).run();
  recordChange(db, { familyId, entity: "network", entityId: id, action: "update", userId, before, after: { ...before, ...input } });
  return true;
}

export function deleteNetworkPerson(db: DB, familyId: string, userId: string, id: string) {
  const before = getNetworkPerson(db, familyId, id);
  if (!before) return false;
  db.update(networkPeople).set({ deletedAt: Date.now() }).where(eq(networkPeople.id, id)).run();
  recordChange(db, { familyId, entity: "network", entityId: id, action: "delete", userId, before });
  return true;
}
