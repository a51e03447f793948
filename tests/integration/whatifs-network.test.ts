import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, networkPeople, whatIfs } from "../../db/schema";
import * as whatIfList from "../../app/routes/family/whatifs";
import * as whatIfNew from "../../app/routes/family/whatif-new";
import * as whatIfEdit from "../../app/routes/family/whatif-edit";
import * as networkList from "../../app/routes/family/network";
import * as networkNew from "../../app/routes/family/network-new";
import * as networkEdit from "../../app/routes/family/network-edit";
import * as deletePage from "../../app/routes/family/delete";
import { makeFamily } from "../support/factories";
import { load, submit } from "../support/routes";

const agreement = {
  situation: "  papa heel boos wordt  ",
  earlySigns: "Hij loopt heen en weer.",
  actions: "Mama gaat met Sem naar boven.\nLisa belt oma.",
  informs: "Mama belt Marco de volgende dag.",
  phones: "Oma Ria 06 23456789",
  lastCheckedOn: "2026-11-01",
};

describe("wat-als agreements", () => {
  it("are kept in the family's own words, with phone numbers and the date last checked", async () => {
    const { familyId, admin } = await makeFamily();
    const created = await submit(whatIfNew.action, `/f/${familyId}/what-ifs/new`, { familyId }, agreement, admin.cookie);
    expect(created.status).toBe(302);
    const list = await load(whatIfList.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    expect(list.data.whatIfs).toHaveLength(1);
    expect(list.data.whatIfs[0]).toMatchObject({ ...agreement, situation: "papa heel boos wordt" });
  });

  it("bad input gets a message next to the field and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await submit(whatIfNew.action, `/f/${familyId}/what-ifs/new`, { familyId }, { situation: " ", lastCheckedOn: "31-02-2026", phones: "x".repeat(301) }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ situation: "errors.required", lastCheckedOn: "errors.date", phones: "errors.tooLong" });
    expect(getDb().select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).all()).toHaveLength(0);
  });

  it("edits keep who changed what, and deleting hides but keeps the agreement", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(whatIfNew.action, `/f/${familyId}/what-ifs/new`, { familyId }, agreement, admin.cookie);
    const id = getDb().select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).get()!.id;
    const params = { familyId, whatIfId: id };
    const edited = await submit(whatIfEdit.action, `/f/${familyId}/what-ifs/${id}`, params, { ...agreement, phones: "Oma Ria 06 99999999" }, admin.cookie);
    expect(edited.status).toBe(302);
    const update = getDb().select().from(changes).where(eq(changes.entityId, id)).all().find((c) => c.action === "update")!;
    expect(update.userId).toBe(admin.id);
    expect(update.before).toMatchObject({ phones: "Oma Ria 06 23456789" });
    expect(update.after).toMatchObject({ phones: "Oma Ria 06 99999999" });

    await submit(deletePage.action, "/x", { familyId, entity: "whatif", id }, {}, admin.cookie);
    const list = await load(whatIfList.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    expect(list.data.whatIfs).toHaveLength(0);
    expect(getDb().select().from(whatIfs).where(eq(whatIfs.id, id)).get()!.deletedAt).not.toBeNull();
  });

  it("someone from another family gets 404 and changes nothing; signed out goes to sign in", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(whatIfNew.action, `/f/${familyId}/what-ifs/new`, { familyId }, agreement, admin.cookie);
    const id = getDb().select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).get()!.id;
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    expect((await load(whatIfList.loader, "/x", { familyId }, stranger.cookie)).status).toBe(404);
    expect((await load(whatIfEdit.loader, "/x", { familyId, whatIfId: id }, stranger.cookie)).status).toBe(404);
    expect((await submit(whatIfEdit.action, "/x", { familyId, whatIfId: id }, { situation: "gekaapt" }, stranger.cookie)).status).toBe(404);
    expect((await submit(whatIfNew.action, "/x", { familyId }, { situation: "gekaapt" }, stranger.cookie)).status).toBe(404);
    expect((await load(whatIfList.loader, "/x", { familyId })).status).toBe(302);
    expect(getDb().select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).all().map((w) => w.situation)).toEqual(["papa heel boos wordt"]);
  });
});

describe("the network", () => {
  it("holds informal and professional people, with or without an account", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(networkNew.action, "/x", { familyId }, { name: "Oma Ria", kind: "informal", relation: "oma", organisation: "", phone: "06 23456789" }, admin.cookie);
    await submit(networkNew.action, "/x", { familyId }, { name: "Sanne", kind: "professional", relation: "juf van Sem", organisation: "De Linde", phone: "" }, admin.cookie);
    const list = await load(networkList.loader, "/x", { familyId }, admin.cookie);
    expect(list.data.people.map((p: any) => [p.name, p.kind, p.relation, p.organisation, p.phone])).toEqual([
      ["Oma Ria", "informal", "oma", "", "06 23456789"],
      ["Sanne", "professional", "juf van Sem", "De Linde", ""],
    ]);
  });

  it("bad input gets a message per field and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await submit(networkNew.action, "/x", { familyId }, { name: "", kind: "alien", phone: "bel maar" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ name: "errors.required", kind: "errors.choose", phone: "errors.phone" });
    expect(getDb().select().from(networkPeople).where(eq(networkPeople.familyId, familyId)).all()).toHaveLength(0);
  });

  it("edits are recorded, strangers get 404, and deleting keeps the row", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(networkNew.action, "/x", { familyId }, { name: "Fatima", kind: "informal", relation: "buurvrouw", phone: "" }, admin.cookie);
    const id = getDb().select().from(networkPeople).where(eq(networkPeople.familyId, familyId)).get()!.id;
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    expect((await load(networkEdit.loader, "/x", { familyId, personId: id }, stranger.cookie)).status).toBe(404);
    expect((await submit(networkEdit.action, "/x", { familyId, personId: id }, { name: "X", kind: "informal" }, stranger.cookie)).status).toBe(404);
    expect((await load(networkList.loader, "/x", { familyId }, stranger.cookie)).status).toBe(404);

    await submit(networkEdit.action, "/x", { familyId, personId: id }, { name: "Fatima", kind: "informal", relation: "buurvrouw", phone: "06 34567890" }, admin.cookie);
    const update = getDb().select().from(changes).where(eq(changes.entityId, id)).all().find((c) => c.action === "update")!;
    expect(update).toMatchObject({ userId: admin.id, before: { phone: "" }, after: { phone: "06 34567890" } });

    await submit(deletePage.action, "/x", { familyId, entity: "network", id }, {}, admin.cookie);
    expect((await load(networkList.loader, "/x", { familyId }, admin.cookie)).data.people).toHaveLength(0);
    expect(getDb().select().from(networkPeople).where(eq(networkPeople.id, id)).get()!.deletedAt).not.toBeNull();
  });
});
