import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { families } from "../../db/schema";
import { makeFamily } from "../support/factories";

// A connection keeps its prepared statements (ADR 022). Whoever gets a kept one
// must get it as if it were new: in the default row mode, and never while another
// caller is still walking its rows.

describe("kept statements", () => {
  it("hand out the same statement again, in the default row mode after drizzle used it for arrays", async () => {
    const { familyId } = await makeFamily(undefined, "Gezin Kept");
    const db = getDb();
    // drizzle reads with raw() (rows as arrays) and maps the columns itself.
    expect(db.select({ id: families.id, name: families.name }).from(families).where(eq(families.id, familyId)).get()).toEqual({ id: familyId, name: "Gezin Kept" });
    const sql = db.select({ id: families.id, name: families.name }).from(families).where(eq(families.id, familyId)).toSQL().sql;
    const again = db.$client.prepare(sql);
    expect(db.$client.prepare(sql)).toBe(again);
    expect(again.get(familyId)).toEqual({ id: familyId, name: "Gezin Kept" });
  });

  it("give a fresh statement while a kept one is still walking its rows", async () => {
    await makeFamily(undefined, "Gezin Een");
    await makeFamily(undefined, "Gezin Twee");
    const db = getDb();
    const sql = "select name from families order by rowid";
    const names: string[] = [];
    for (const row of db.$client.prepare(sql).iterate() as IterableIterator<{ name: string }>) {
      // The same SQL while the first walk goes on: without a fresh statement this throws "busy".
      names.push(`${row.name}:${(db.$client.prepare(sql).all() as unknown[]).length}`);
    }
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(new Set(names.map((name) => name.split(":")[1])).size).toBe(1);
  });
});
