import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, whatIfs } from "../../db/schema";
import type { Language } from "../../app/i18n";
import { today as todayInTheNetherlands } from "../../app/lib/dates";
import * as listPage from "../../app/routes/family/whatifs";
import * as newPage from "../../app/routes/family/whatif-new";
import * as editPage from "../../app/routes/family/whatif-edit";
import * as deletePage from "../../app/routes/family/delete";
import { makeFamily } from "../support/factories";
import { load, submit, inLanguage } from "../support/routes";

const agreement = {
  situation: "  papa heel boos wordt  ",
  earlySigns: "Hij loopt heen en weer.\nHij praat hard & snel <echt>.",
  actions: "Mama gaat met Sem naar boven.\nLisa belt oma.",
  informs: "Mama belt Marco (gezinscoach) de volgende dag.",
  phones: "Oma Ria 06 23456789\nBuurvrouw Fatima: +31 (0)6 34567890\nBij gevaar: 112",
  lastCheckedOn: "2026-11-01",
};

function rows(familyId: string) {
  return getDb().select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).all();
}

function history(entityId: string) {
  return getDb().select().from(changes).where(eq(changes.entityId, entityId)).all();
}

async function withAgreement(form: Record<string, string> = agreement) {
  const family = await makeFamily();
  const created = await submit(newPage.action, `/f/${family.familyId}/what-ifs/new`, { familyId: family.familyId }, form, family.admin.cookie);
  expect(created.status).toBe(302);
  const id = rows(family.familyId)[0].id;
  return { ...family, id, created };
}

/** The page's HTML as the server would send it, with the loader data given. */
function render(Component: ComponentType, path: string, loaderData: unknown, lang: Language = "nl") {
  const Stub = createRoutesStub([{ id: "page", path, Component }]);
  return renderToString(
    inLanguage(lang, createElement(Stub, { initialEntries: [path], hydrationData: { loaderData: { page: loaderData } } })),
  );
}

describe("wat-als agreements", () => {
  it("are stored in the family's own words, only trimmed, and the creation is kept", async () => {
    const { familyId, admin, id, created } = await withAgreement();
    expect(created.location).toBe(`/f/${familyId}/what-ifs#whatif-${id}`);

    const list = await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    expect(list.status).toBe(200);
    expect(list.data.whatIfs).toHaveLength(1);
    expect(list.data.whatIfs[0]).toMatchObject({ ...agreement, situation: "papa heel boos wordt", createdBy: admin.id, deletedAt: null });

    expect(history(id)).toEqual([expect.objectContaining({ action: "create", userId: admin.id, entity: "whatif" })]);
  });

  it("the list page shows every part, with big tap-to-call links and nothing rewritten", async () => {
    const { familyId, admin } = await withAgreement();
    const list = await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    const html = render(listPage.default, `/f/${familyId}/what-ifs`, list.data);

    expect(html).toContain("Als papa heel boos wordt");
    expect(html).toContain("Zo merken we het op tijd");
    expect(html).toContain("Wie bel je?");
    // React escapes the family's text; it is shown, never run as HTML.
    expect(html).toContain("Hij praat hard &amp; snel &lt;echt&gt;.");
    expect(html).not.toContain("<echt>");
    expect(html).toContain('<a href="tel:0623456789" class="phone">06 23456789</a>');
    expect(html).toContain('<a href="tel:+31634567890" class="phone">+31 (0)6 34567890</a>');
    expect(html).toContain('<a href="tel:112" class="phone">112</a>');
    expect(html).toContain("Samen nagelopen op 1 november 2026");
    expect(html).toContain(`href="/f/${familyId}/what-ifs/new"`);

    const english = render(listPage.default, `/f/${familyId}/what-ifs`, list.data, "en");
    expect(english).toContain("Gone through together on 1 November 2026");
    expect(english).toContain("If papa heel boos wordt");
  });

  it("a situation that already starts with 'Als' gets no second 'Als'", async () => {
    const { familyId, admin } = await withAgreement({ situation: "Als de huur niet betaald kan worden" });
    const list = await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    const html = render(listPage.default, `/f/${familyId}/what-ifs`, list.data);
    expect(html).toContain(">Als de huur niet betaald kan worden</h2>");
    expect(html).toContain("Nog niet samen nagelopen");
  });

  it("only the situation is needed; the rest may stay empty", async () => {
    const { familyId } = await withAgreement({ situation: "de stroom wordt afgesloten" });
    expect(rows(familyId)[0]).toMatchObject({ situation: "de stroom wordt afgesloten", earlySigns: "", actions: "", informs: "", phones: "", lastCheckedOn: null });
  });

  it("bad input gets a message per field, keeps what was typed, and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const form = { situation: "   ", earlySigns: "x".repeat(1001), phones: "x".repeat(301), lastCheckedOn: "31-02-2026", actions: "Mama belt oma\u0007" };
    const result = await submit(newPage.action, `/f/${familyId}/what-ifs/new`, { familyId }, form, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      situation: "errors.required",
      earlySigns: "errors.tooLong",
      phones: "errors.tooLong",
      lastCheckedOn: "errors.date",
      actions: "errors.invalidCharacters",
    });
    expect(result.data.values).toMatchObject({ earlySigns: form.earlySigns, lastCheckedOn: "31-02-2026" });
    expect(rows(familyId)).toHaveLength(0);

    const tooLong = await submit(newPage.action, `/f/${familyId}/what-ifs/new`, { familyId }, { situation: "x".repeat(301) }, admin.cookie);
    expect(tooLong.data.errors).toEqual({ situation: "errors.tooLong" });
    expect(rows(familyId)).toHaveLength(0);
  });

  it("the form shows the message next to the field, in the reader's language", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await submit(newPage.action, `/f/${familyId}/what-ifs/new`, { familyId }, { situation: "" }, admin.cookie);
    const loaded = await load(newPage.loader, `/f/${familyId}/what-ifs/new`, { familyId }, admin.cookie);
    const Stub = createRoutesStub([{ id: "page", path: "/new", Component: newPage.default }]);
    const html = renderToString(
      inLanguage("nl",
        createElement(Stub, { initialEntries: ["/new"], hydrationData: { loaderData: { page: loaded.data }, actionData: { page: result.data } } }),
      ),
    );
    expect(html).toContain('<p class="field-error" id="field-situation-error">Vul dit in.</p>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('type="date"');
    // A plain HTML form: it posts without JavaScript, and the server checks the input.
    const form = html.match(/<form[^>]*>/)![0];
    expect(form).toMatch(/method="post"/);
    expect(form).toMatch(/novalidate=""/i);
  });

  it("a date written the Dutch way (14-3-2026) is understood", async () => {
    const { familyId } = await withAgreement({ situation: "oma ziek wordt", lastCheckedOn: "14-3-2026" });
    expect(rows(familyId)[0].lastCheckedOn).toBe("2026-03-14");
  });

  it("the edit page shows the agreement, and a change keeps who changed what", async () => {
    const { familyId, admin, id } = await withAgreement();
    const params = { familyId, whatIfId: id };
    const page = await load(editPage.loader, `/f/${familyId}/what-ifs/${id}`, params, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data.whatIf).toMatchObject({ id, situation: "papa heel boos wordt", phones: agreement.phones });

    const edited = await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, params, { ...agreement, phones: "Oma Ria 06 99999999", lastCheckedOn: "" }, admin.cookie);
    expect(edited.status).toBe(302);
    expect(rows(familyId)[0]).toMatchObject({ phones: "Oma Ria 06 99999999", lastCheckedOn: null });

    const update = history(id).find((c) => c.action === "update")!;
    expect(update.userId).toBe(admin.id);
    expect(update.before).toMatchObject({ phones: agreement.phones, lastCheckedOn: "2026-11-01" });
    expect(update.after).toMatchObject({ phones: "Oma Ria 06 99999999", lastCheckedOn: null });
  });

  it("a bad edit stores nothing and records nothing", async () => {
    const { familyId, admin, id } = await withAgreement();
    const result = await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, { familyId, whatIfId: id }, { situation: "" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ situation: "errors.required" });
    expect(rows(familyId)[0].situation).toBe("papa heel boos wordt");
    expect(history(id).map((c) => c.action)).toEqual(["create"]);
  });

  it("an agreement that does not exist is not found", async () => {
    const { familyId, admin } = await makeFamily();
    const params = { familyId, whatIfId: "does-not-exist" };
    expect((await load(editPage.loader, "/x", params, admin.cookie)).status).toBe(404);
    expect((await submit(editPage.action, "/x", params, { situation: "iets" }, admin.cookie)).status).toBe(404);
    expect((await submit(listPage.action, "/x", { familyId }, { whatIfId: "does-not-exist" }, admin.cookie)).status).toBe(404);
  });

  it("'gone through together today' sets today's date once and keeps the change", async () => {
    const { familyId, admin, id } = await withAgreement();
    const done = await submit(listPage.action, `/f/${familyId}/what-ifs`, { familyId }, { whatIfId: id }, admin.cookie);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/f/${familyId}/what-ifs#whatif-${id}`);
    const today = todayInTheNetherlands();
    expect(rows(familyId)[0]).toMatchObject({ lastCheckedOn: today, situation: "papa heel boos wordt", phones: agreement.phones });
    const update = history(id).find((c) => c.action === "update")!;
    expect(update).toMatchObject({ userId: admin.id, before: { lastCheckedOn: "2026-11-01" }, after: { lastCheckedOn: today } });

    // The page's button names its intent; a page opened before it did sends none, which means the same.
    await submit(listPage.action, `/f/${familyId}/what-ifs`, { familyId }, { intent: "checked", whatIfId: id }, admin.cookie);
    expect(history(id).filter((c) => c.action === "update")).toHaveLength(1);
  });

  it("someone from another family gets 404 everywhere and changes nothing", async () => {
    const { familyId, id } = await withAgreement();
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    const params = { familyId, whatIfId: id };
    const hijack = { situation: "gekaapt", lastCheckedOn: "" };

    expect((await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await submit(listPage.action, `/f/${familyId}/what-ifs`, { familyId }, { whatIfId: id }, stranger.cookie)).status).toBe(404);
    expect((await load(newPage.loader, `/f/${familyId}/what-ifs/new`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await submit(newPage.action, `/f/${familyId}/what-ifs/new`, { familyId }, hijack, stranger.cookie)).status).toBe(404);
    expect((await load(editPage.loader, `/f/${familyId}/what-ifs/${id}`, params, stranger.cookie)).status).toBe(404);
    expect((await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, params, hijack, stranger.cookie)).status).toBe(404);
    // Bad input from a stranger is not even looked at: still 404, not 400.
    expect((await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, params, { situation: "" }, stranger.cookie)).status).toBe(404);
    const deleteParams = { familyId, entity: "whatif", id };
    expect((await load(deletePage.loader, "/x", deleteParams, stranger.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, "/x", deleteParams, {}, stranger.cookie)).status).toBe(404);

    // The stranger's own family id with this family's agreement id: still not found.
    const own = (await makeFamily(stranger, "Nog een gezin")).familyId;
    expect((await load(editPage.loader, "/x", { familyId: own, whatIfId: id }, stranger.cookie)).status).toBe(404);
    expect((await submit(editPage.action, "/x", { familyId: own, whatIfId: id }, hijack, stranger.cookie)).status).toBe(404);
    expect((await submit(listPage.action, "/x", { familyId: own }, { whatIfId: id }, stranger.cookie)).status).toBe(404);

    expect(rows(familyId)).toEqual([expect.objectContaining({ id, situation: "papa heel boos wordt", lastCheckedOn: "2026-11-01", deletedAt: null })]);
    expect(history(id).map((c) => c.action)).toEqual(["create"]);
  });

  it("signed out visitors are sent to sign in, and nothing is stored", async () => {
    const { familyId, id } = await withAgreement();
    const list = await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId });
    expect(list.status).toBe(302);
    expect(list.location).toBe(`/login?redirectTo=${encodeURIComponent(`/f/${familyId}/what-ifs`)}`);
    const params = { familyId, whatIfId: id };
    for (const result of [
      await load(newPage.loader, `/f/${familyId}/what-ifs/new`, { familyId }),
      await submit(newPage.action, `/f/${familyId}/what-ifs/new`, { familyId }, { situation: "anoniem" }),
      await load(editPage.loader, `/f/${familyId}/what-ifs/${id}`, params),
      await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, params, { situation: "anoniem" }),
      await submit(listPage.action, `/f/${familyId}/what-ifs`, { familyId }, { whatIfId: id }),
    ]) {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login\?redirectTo=/);
    }
    expect(rows(familyId).map((w) => w.situation)).toEqual(["papa heel boos wordt"]);
  });

  it("deleting asks first, then hides the agreement but keeps the row and who deleted it", async () => {
    const { familyId, admin, id } = await withAgreement();
    const params = { familyId, entity: "whatif", id };
    const confirm = await load(deletePage.loader, `/f/${familyId}/delete/whatif/${id}`, params, admin.cookie);
    expect(confirm.data).toMatchObject({ entity: "whatif", text: "papa heel boos wordt" });
    expect(rows(familyId)[0].deletedAt).toBeNull();

    const removed = await submit(deletePage.action, `/f/${familyId}/delete/whatif/${id}`, params, {}, admin.cookie);
    expect(removed.status).toBe(302);
    expect(removed.location).toBe(`/f/${familyId}/what-ifs`);

    const list = await load(listPage.loader, `/f/${familyId}/what-ifs`, { familyId }, admin.cookie);
    expect(list.data.whatIfs).toHaveLength(0);
    expect((await load(editPage.loader, "/x", { familyId, whatIfId: id }, admin.cookie)).status).toBe(404);
    expect((await submit(listPage.action, "/x", { familyId }, { whatIfId: id }, admin.cookie)).status).toBe(404);

    const row = getDb().select().from(whatIfs).where(and(eq(whatIfs.id, id), eq(whatIfs.familyId, familyId))).get()!;
    expect(row).toMatchObject({ situation: "papa heel boos wordt", phones: agreement.phones });
    expect(row.deletedAt).toBeTypeOf("number");
    expect(history(id).find((c) => c.action === "delete")).toMatchObject({ userId: admin.id, before: { situation: "papa heel boos wordt" } });
  });
});
