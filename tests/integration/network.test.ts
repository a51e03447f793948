import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, networkPeople } from "../../db/schema";
import * as listPage from "../../app/routes/family/network";
import * as newPage from "../../app/routes/family/network-new";
import * as editPage from "../../app/routes/family/network-edit";
import * as deletePage from "../../app/routes/family/delete";
import { makeFamily } from "../support/factories";
import { load, submit, inLanguage } from "../support/routes";

const oma = { name: "  Oma Ria  ", kind: "informal", relation: " oma (van mama's kant) ", organisation: "", phone: " 06 23456789 " };
const juf = { name: "Sanne", kind: "professional", relation: "juf van Sem", organisation: "De Linde", phone: "" };

function rows(familyId: string) {
  return getDb().select().from(networkPeople).where(eq(networkPeople.familyId, familyId)).all();
}

function history(entityId: string) {
  return getDb().select().from(changes).where(eq(changes.entityId, entityId)).all();
}

async function withPerson(form: Record<string, string> = oma) {
  const family = await makeFamily();
  const created = await submit(newPage.action, `/f/${family.familyId}/network/new`, { familyId: family.familyId }, form, family.admin.cookie);
  expect(created.status).toBe(302);
  expect(created.location).toBe(`/f/${family.familyId}/network`);
  const id = rows(family.familyId)[0].id;
  return { ...family, id };
}

function render(Component: ComponentType, path: string, loaderData: unknown, actionData?: unknown) {
  const Stub = createRoutesStub([{ id: "page", path, Component }]);
  const hydrationData = { loaderData: { page: loaderData }, actionData: actionData ? { page: actionData } : undefined };
  return renderToString(inLanguage("nl", createElement(Stub, { initialEntries: [path], hydrationData })));
}

describe("the network", () => {
  it("holds informal and professional people in the family's own words, only trimmed", async () => {
    const { familyId, admin, id } = await withPerson();
    await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, juf, admin.cookie);

    const list = await load(listPage.loader, `/f/${familyId}/network`, { familyId }, admin.cookie);
    expect(list.status).toBe(200);
    expect(list.data.people.map((p: any) => [p.name, p.kind, p.relation, p.organisation, p.phone])).toEqual([
      ["Oma Ria", "informal", "oma (van mama's kant)", "", "06 23456789"],
      ["Sanne", "professional", "juf van Sem", "De Linde", ""],
    ]);
    expect(history(id)).toEqual([expect.objectContaining({ action: "create", entity: "network", userId: admin.id })]);
    // Someone in the network does not need an account.
    expect(rows(familyId).every((p) => p.userId === null)).toBe(true);
  });

  it("the list page groups family and friends apart from professionals, with tap-to-call numbers", async () => {
    const { familyId, admin } = await withPerson();
    await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, juf, admin.cookie);
    await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, { name: "buurvrouw Fatima", kind: "informal", phone: "" }, admin.cookie);
    const list = await load(listPage.loader, `/f/${familyId}/network`, { familyId }, admin.cookie);
    const html = render(listPage.default, `/f/${familyId}/network`, list.data);

    const informal = html.indexOf("Familie, vrienden, buren");
    const professional = html.indexOf("Hulpverleners");
    expect(informal).toBeGreaterThan(-1);
    expect(professional).toBeGreaterThan(informal);
    // Names sorted as people read them, not by capital letters first.
    expect(html.indexOf("buurvrouw Fatima")).toBeLessThan(html.indexOf("Oma Ria"));
    expect(html.indexOf("Oma Ria")).toBeLessThan(professional);
    expect(html.indexOf("Sanne")).toBeGreaterThan(professional);
    expect(html).toContain("oma (van mama&#x27;s kant)");
    expect(html).toContain("juf van Sem · De Linde");
    expect(html).toContain('<a href="tel:0623456789" class="phone">06 23456789</a>');
    expect(html).toContain(`href="/f/${familyId}/delete/network/`);
    expect(html).toContain(`href="/f/${familyId}/network/new"`);
  });

  it("bad input gets a message per field, keeps what was typed, and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const form = { name: " ", kind: "alien", relation: "x".repeat(101), organisation: "y".repeat(101), phone: "bel maar" };
    const result = await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, form, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      name: "errors.required",
      kind: "errors.choose",
      relation: "errors.tooLong",
      organisation: "errors.tooLong",
      phone: "errors.phone",
    });
    expect(result.data.values).toMatchObject({ phone: "bel maar", relation: form.relation });
    expect(rows(familyId)).toHaveLength(0);

    const noKind = await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, { name: "x".repeat(101) }, admin.cookie);
    expect(noKind.data.errors).toEqual({ name: "errors.tooLong", kind: "errors.choose" });
    expect(rows(familyId)).toHaveLength(0);

    const loaded = await load(newPage.loader, `/f/${familyId}/network/new`, { familyId }, admin.cookie);
    const html = render(newPage.default, "/new", loaded.data, result.data);
    expect(html).toContain('<p class="field-error" id="field-phone-error">Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678.</p>');
    expect(html).toContain('value="bel maar"');
    const formTag = html.match(/<form[^>]*>/)![0];
    expect(formTag).toMatch(/method="post"/);
    expect(formTag).toMatch(/novalidate=""/i);
  });

  it("the edit page shows the person, and a change keeps who changed what", async () => {
    const { familyId, admin, id } = await withPerson();
    const params = { familyId, personId: id };
    const page = await load(editPage.loader, `/f/${familyId}/network/${id}`, params, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data.person).toMatchObject({ id, name: "Oma Ria", kind: "informal", phone: "06 23456789" });
    const html = render(editPage.default, `/f/${familyId}/network/${id}`, page.data);
    expect(html).toContain('value="Oma Ria"');
    const radios = html.match(/<input type="radio"[^>]*>/g)!;
    expect(radios.filter((tag) => tag.includes('checked=""'))).toEqual([expect.stringContaining('value="informal"')]);

    const edited = await submit(editPage.action, `/f/${familyId}/network/${id}`, params, { ...oma, phone: "+31 6 34567890", organisation: "Buurthuis" }, admin.cookie);
    expect(edited.status).toBe(302);
    expect(rows(familyId)[0]).toMatchObject({ phone: "+31 6 34567890", organisation: "Buurthuis" });
    const update = history(id).find((c) => c.action === "update")!;
    expect(update).toMatchObject({
      userId: admin.id,
      before: { phone: "06 23456789", organisation: "" },
      after: { phone: "+31 6 34567890", organisation: "Buurthuis" },
    });
  });

  it("a bad edit stores nothing and records nothing; an unknown person is not found", async () => {
    const { familyId, admin, id } = await withPerson();
    const bad = await submit(editPage.action, "/x", { familyId, personId: id }, { ...oma, phone: "zes" }, admin.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ phone: "errors.phone" });
    expect(rows(familyId)[0].phone).toBe("06 23456789");
    expect(history(id).map((c) => c.action)).toEqual(["create"]);

    expect((await load(editPage.loader, "/x", { familyId, personId: "nobody" }, admin.cookie)).status).toBe(404);
    expect((await submit(editPage.action, "/x", { familyId, personId: "nobody" }, juf, admin.cookie)).status).toBe(404);
  });

  it("someone from another family gets 404 everywhere and changes nothing", async () => {
    const { familyId, id } = await withPerson();
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    const params = { familyId, personId: id };
    const hijack = { name: "Gekaapt", kind: "informal" };

    expect((await load(listPage.loader, `/f/${familyId}/network`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await load(newPage.loader, `/f/${familyId}/network/new`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, hijack, stranger.cookie)).status).toBe(404);
    expect((await load(editPage.loader, `/f/${familyId}/network/${id}`, params, stranger.cookie)).status).toBe(404);
    expect((await submit(editPage.action, `/f/${familyId}/network/${id}`, params, hijack, stranger.cookie)).status).toBe(404);
    expect((await submit(editPage.action, `/f/${familyId}/network/${id}`, params, { name: "" }, stranger.cookie)).status).toBe(404);
    const deleteParams = { familyId, entity: "network", id };
    expect((await load(deletePage.loader, "/x", deleteParams, stranger.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, "/x", deleteParams, {}, stranger.cookie)).status).toBe(404);

    // Their own family id with this family's person id: still not found.
    const own = (await makeFamily(stranger, "Nog een gezin")).familyId;
    expect((await load(editPage.loader, "/x", { familyId: own, personId: id }, stranger.cookie)).status).toBe(404);
    expect((await submit(editPage.action, "/x", { familyId: own, personId: id }, hijack, stranger.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, "/x", { familyId: own, entity: "network", id }, {}, stranger.cookie)).status).toBe(404);

    expect(rows(familyId)).toEqual([expect.objectContaining({ id, name: "Oma Ria", deletedAt: null })]);
    expect(history(id).map((c) => c.action)).toEqual(["create"]);
  });

  it("signed out visitors are sent to sign in, and nothing is stored", async () => {
    const { familyId, id } = await withPerson();
    const params = { familyId, personId: id };
    const list = await load(listPage.loader, `/f/${familyId}/network`, { familyId });
    expect(list.status).toBe(302);
    expect(list.location).toBe(`/login?redirectTo=${encodeURIComponent(`/f/${familyId}/network`)}`);
    for (const result of [
      await load(newPage.loader, `/f/${familyId}/network/new`, { familyId }),
      await submit(newPage.action, `/f/${familyId}/network/new`, { familyId }, juf),
      await load(editPage.loader, `/f/${familyId}/network/${id}`, params),
      await submit(editPage.action, `/f/${familyId}/network/${id}`, params, juf),
    ]) {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login\?redirectTo=/);
    }
    expect(rows(familyId).map((p) => p.name)).toEqual(["Oma Ria"]);
  });

  it("deleting asks first, then hides the person but keeps the row and who deleted it", async () => {
    const { familyId, admin, id } = await withPerson();
    const params = { familyId, entity: "network", id };
    const confirm = await load(deletePage.loader, `/f/${familyId}/delete/network/${id}`, params, admin.cookie);
    expect(confirm.data).toMatchObject({ entity: "network", text: "Oma Ria" });
    expect(rows(familyId)[0].deletedAt).toBeNull();

    const removed = await submit(deletePage.action, `/f/${familyId}/delete/network/${id}`, params, {}, admin.cookie);
    expect(removed.status).toBe(302);
    expect(removed.location).toBe(`/f/${familyId}/network`);

    expect((await load(listPage.loader, `/f/${familyId}/network`, { familyId }, admin.cookie)).data.people).toHaveLength(0);
    expect((await load(editPage.loader, "/x", { familyId, personId: id }, admin.cookie)).status).toBe(404);
    const row = rows(familyId)[0];
    expect(row).toMatchObject({ id, name: "Oma Ria", phone: "06 23456789" });
    expect(row.deletedAt).toBeTypeOf("number");
    expect(history(id).find((c) => c.action === "delete")).toMatchObject({ userId: admin.id, before: { name: "Oma Ria" } });
  });
});
