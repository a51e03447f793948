import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, changes, consents, members, strengths } from "../../db/schema";
import type { Language } from "../../app/i18n";
import { addMember } from "../../app/plan/members.server";
import { createStrength } from "../../app/plan/strengths.server";
import { familyFrame } from "../../app/plan/families.server";
import * as listPage from "../../app/routes/family/strengths";
import * as editPage from "../../app/routes/family/strength-edit";
import * as deletePage from "../../app/routes/family/delete";
import * as planPage from "../../app/routes/family/plan";
import * as looksPage from "../../app/routes/family/looks";
import * as accessEdit from "../../app/routes/family/access-edit";
import * as carePage from "../../app/routes/care/strengths";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { call, inLanguage, load, makeRequest, submit } from "../support/routes";

// "Wat gaat goed?" and "Waar zijn we trots op?" (issue 14 §5): in the family's own
// words, per family and member, and a part of the plan the family can share.

const FAMILY = "Gezin Sterk-Geheim";

async function family() {
  const made = await makeFamily(undefined, FAMILY);
  const semId = addMember(getDb(), made.familyId, made.admin.id, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
  return { ...made, semId };
}

const rows = (familyId: string) => getDb().select().from(strengths).where(eq(strengths.familyId, familyId)).all();
const history = (familyId: string) => getDb().select().from(changes).where(and(eq(changes.familyId, familyId), eq(changes.entity, "strength"))).all();
const logOf = (familyId: string) => getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();

function add(familyId: string, cookie: string, form: Record<string, string | string[]>) {
  return submit(listPage.action, `/f/${familyId}/strengths`, { familyId }, form, cookie);
}

/** A family page as the server draws it, inside the family layout (which gives the members). */
function renderFamilyPage(Component: ComponentType, familyId: string, data: unknown, extra: { actionData?: unknown; lang?: Language } = {}) {
  const frame = familyFrame(getDb(), familyId, "admin");
  const Stub = createRoutesStub([{ id: "routes/family/layout", path: "/f/:familyId", Component: Outlet, children: [{ id: "page", path: "page", Component }] }]);
  const hydrationData = { loaderData: { "routes/family/layout": frame, page: data }, ...(extra.actionData ? { actionData: { page: extra.actionData } } : {}) };
  return renderToString(inLanguage(extra.lang ?? "nl", createElement(Stub, { initialEntries: [`/f/${familyId}/page`], hydrationData })));
}

function renderCare(data: unknown, lang: Language = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: "/care", Component: carePage.default as ComponentType }]);
  return renderToString(inLanguage(lang, createElement(Stub, { initialEntries: ["/care"], hydrationData: { loaderData: { page: data } } })));
}

const visible = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");

describe("wat gaat goed: the family", () => {
  it("a member writes one for the whole family and one for Sem, stored as written (only trimmed) and kept in the history", async () => {
    const { familyId, admin, semId } = await family();
    const first = await add(familyId, admin.cookie, { kind: "going_well", memberId: "", text: "  We eten  elke ochtend samen.  " });
    expect(first.status).toBe(302);
    const second = await add(familyId, admin.cookie, { kind: "proud", memberId: semId, text: "Sem hielp de juf <echt> & goed" });
    expect(second.status).toBe(302);
    const stored = rows(familyId);
    expect(stored.map((s) => [s.kind, s.memberId, s.text, s.createdBy])).toEqual([
      ["going_well", null, "We eten  elke ochtend samen.", admin.id],
      ["proud", semId, "Sem hielp de juf <echt> & goed", admin.id],
    ]);
    expect(second.location).toBe(`/f/${familyId}/strengths?saved=1#strength-${stored[1].id}`);
    expect(history(familyId).map((c) => c.action)).toEqual(["create", "create"]);

    const list = await load(listPage.loader, `/f/${familyId}/strengths`, { familyId }, admin.cookie);
    expect(list.data.strengths.map((s: any) => [s.memberName, s.text, s.author])).toEqual([
      [null, "We eten  elke ochtend samen.", null],
      ["Sem", "Sem hielp de juf <echt> & goed", null],
    ]);
    const html = renderFamilyPage(listPage.default as ComponentType, familyId, list.data);
    // The family's words, marked for their own direction and escaped, never run as HTML.
    expect(html).toContain('<span class="pre own-words" dir="auto">Sem hielp de juf &lt;echt&gt; &amp; goed</span>');
    expect(html).not.toContain("<echt>");
    const text = visible(html);
    expect(text).toMatch(/Het hele gezin Wat gaat goed\? We eten elke ochtend samen\./);
    expect(text).toMatch(/Sem Waar zijn we trots op\? Sem hielp de juf/);
    expect(html).toContain(`href="/f/${familyId}/delete/strength/${stored[1].id}"`);
    // A plain form: it posts without JavaScript, with every field's label.
    const form = html.match(/<form[^>]*>/)![0];
    expect(form).toMatch(/method="post"/);
    expect(form).toMatch(/novalidate=""/i);
    expect(visible(renderFamilyPage(listPage.default as ComponentType, familyId, list.data, { lang: "en" }))).toContain("The whole family What goes well?");
    expect(visible(renderFamilyPage(listPage.default as ComponentType, familyId, list.data, { lang: "ar" }))).toContain("العائلة كلها");
  });

  it("shows beside the goals on the plan page, below them, in the family's words", async () => {
    const { familyId, admin, semId } = await family();
    await add(familyId, admin.cookie, { kind: "proud", memberId: semId, text: "Sem kan zwemmen" });
    const plan = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    expect(plan.data.strengths).toMatchObject({ count: 1, shown: [{ text: "Sem kan zwemmen", memberName: "Sem" }] });
    const html = renderFamilyPage(planPage.default as ComponentType, familyId, plan.data);
    expect(html).toContain('dir="auto">Sem kan zwemmen</span>');
    // The quick note comes first, then the goals, then what goes well.
    expect(html.indexOf('id="quick-progress"')).toBeLessThan(html.indexOf('id="goals-heading"'));
    expect(html.indexOf('id="goals-heading"')).toBeLessThan(html.indexOf('id="strengths-heading"'));
    // A link relative to the plan page (its route in this stub sits at ".../page").
    expect(html).toMatch(/href="[^"]*\/strengths#add"/);
  });

  it("a plain member may add too; changing and removing go like the other parts", async () => {
    const { familyId, admin, semId } = await family();
    const lisa = await makeUser({ name: "Lisa" });
    const lisaId = addMember(getDb(), familyId, admin.id, { name: "Lisa", relation: "dochter", livesAtHome: "yes" });
    getDb().update(members).set({ userId: lisa.id }).where(eq(members.id, lisaId)).run();
    expect((await add(familyId, lisa.cookie, { kind: "going_well", memberId: lisaId, text: "Ik slaap beter" })).status).toBe(302);
    const id = rows(familyId)[0].id;
    const params = { familyId, strengthId: id };

    const page = await load(editPage.loader, `/f/${familyId}/strengths/${id}`, params, lisa.cookie);
    expect(page.data.strength).toMatchObject({ id, kind: "going_well", memberId: lisaId, text: "Ik slaap beter" });
    const edited = await submit(editPage.action, `/f/${familyId}/strengths/${id}`, params, { kind: "proud", memberId: semId, text: "Sem slaapt beter" }, lisa.cookie);
    expect(edited.status).toBe(302);
    expect(rows(familyId)[0]).toMatchObject({ kind: "proud", memberId: semId, text: "Sem slaapt beter" });
    const update = history(familyId).find((c) => c.action === "update")!;
    expect(update.userId).toBe(lisa.id);

    const confirm = await load(deletePage.loader, `/f/${familyId}/delete/strength/${id}`, { familyId, entity: "strength", id }, admin.cookie);
    expect(confirm.data).toMatchObject({ entity: "strength", text: "Sem slaapt beter", back: `strengths/${id}` });
    const removed = await submit(deletePage.action, `/f/${familyId}/delete/strength/${id}`, { familyId, entity: "strength", id }, {}, admin.cookie);
    expect(removed.location).toBe(`/f/${familyId}/strengths`);
    expect(rows(familyId)[0].deletedAt).not.toBeNull();
    expect((await load(listPage.loader, `/f/${familyId}/strengths`, { familyId }, admin.cookie)).data.strengths).toEqual([]);
    expect((await load(editPage.loader, `/f/${familyId}/strengths/${id}`, params, admin.cookie)).status).toBe(404);
    expect(history(familyId).map((c) => c.action)).toEqual(["create", "update", "delete"]);
  });

  it("bad input gets a message next to its field, keeps what was typed, and stores nothing", async () => {
    const { familyId, admin } = await family();
    const other = await family();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ kind: "going_well", memberId: "", text: "   " }, { text: "errors.required" }],
      [{ kind: "proud", text: "x".repeat(301) }, { text: "errors.tooLong" }],
      [{ kind: "sad", text: "Het ging goed" }, { kind: "errors.choose" }],
      [{ text: "Het ging goed\u0007" }, { kind: "errors.choose", text: "errors.invalidCharacters" }],
      // Someone from another family is nobody here.
      [{ kind: "proud", memberId: other.semId, text: "Sem kan fietsen" }, { memberId: "errors.choose" }],
    ];
    for (const [form, errors] of cases) {
      const result = await add(familyId, admin.cookie, form);
      expect(result.status, JSON.stringify(form)).toBe(400);
      expect(result.data.errors).toEqual(errors);
      if (form.text.length < 100) expect(result.data.values.text).toBe(form.text);
    }
    expect(rows(familyId)).toEqual([]);
    expect(history(familyId)).toEqual([]);

    const refused = await add(familyId, admin.cookie, { kind: "proud", memberId: "", text: "" });
    const list = await load(listPage.loader, `/f/${familyId}/strengths`, { familyId }, admin.cookie);
    const html = renderFamilyPage(listPage.default as ComponentType, familyId, list.data, { actionData: refused.data });
    expect(html).toContain('<p class="field-error" id="field-text-error">Vul dit in.</p>');
    expect(html).toContain('name="kind" checked="" value="proud"');

    // A strength of another family cannot be changed or removed from here.
    const theirs = createStrength(getDb(), other.familyId, other.admin.id, { kind: "proud", memberId: null, text: "Van een ander gezin" });
    if (!("id" in theirs)) throw new Error("not made");
    const params = { familyId, strengthId: theirs.id };
    expect((await submit(editPage.action, `/f/${familyId}/strengths/${theirs.id}`, params, { kind: "proud", text: "Weg" }, admin.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, `/f/${familyId}/delete/strength/${theirs.id}`, { familyId, entity: "strength", id: theirs.id }, {}, admin.cookie)).status).toBe(404);
    expect(rows(other.familyId)[0]).toMatchObject({ text: "Van een ander gezin", deletedAt: null });
  });
});

describe("wat gaat goed: a professional", () => {
  it("with the part reads it, and the read is logged under that consent, with exactly what was seen", async () => {
    const { familyId, admin, semId } = await family();
    await add(familyId, admin.cookie, { kind: "proud", memberId: semId, text: "Sem hielp een klasgenoot" });
    const sanne = await makeConsent(familyId, admin.id, { scopes: { strengths: "read" } });
    const page = await load(carePage.loader, `/care/${familyId}/strengths`, { familyId }, sanne.professional.cookie);
    expect(page.status).toBe(200);
    expect(page.data.frame).toMatchObject({ familyName: FAMILY, parts: [{ section: "strengths", level: "read", path: "strengths" }] });
    expect(page.data.strengths).toEqual([expect.objectContaining({ kind: "proud", memberName: "Sem", text: "Sem hielp een klasgenoot", author: null })]);
    expect(page.data.canWrite).toBe(false);
    const log = logOf(familyId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ consentId: sanne.consentId, section: "strengths", action: "read", actorUserId: sanne.professional.id });
    expect(JSON.parse(log[0].recordIds)).toEqual([rows(familyId)[0].id]);
    expect(visible(renderCare(page.data))).toContain("Sem Waar zijn we trots op? Sem hielp een klasgenoot");

    // "Wie keek mee?" says it in plain words.
    const looks = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    const Stub = createRoutesStub([{ id: "page", path: "/looks", Component: looksPage.default as ComponentType }]);
    const said = (lang: Language) =>
      visible(renderToString(inLanguage(lang, createElement(Stub, { initialEntries: ["/looks"], hydrationData: { loaderData: { page: looks.data } } }))));
    expect(said("nl")).toMatch(/Sanne de Boer \(juf van Sem\) keek .* naar 1 ding uit Wat gaat goed/);
    expect(said("en")).toMatch(/looked on .* at 1 thing from What goes well/);

    // Reading only: this page takes no post from them, not even a good one.
    const post = await submit(carePage.action, `/care/${familyId}/strengths`, { familyId }, { kind: "proud", text: "Mag niet" }, sanne.professional.cookie);
    expect(post.status).toBe(404);
    expect(rows(familyId)).toHaveLength(1);
    expect(logOf(familyId)).toHaveLength(1);
  });

  it("without the part gets 404 with nothing of the family, and nothing is logged", async () => {
    const { familyId, admin, semId } = await family();
    await add(familyId, admin.cookie, { kind: "proud", memberId: semId, text: "Geheim trots op Sem" });
    const ahmed = await makeConsent(familyId, admin.id, { scopes: { goals: "write", progress: "write" } });
    const stranger = await makeUser({ name: "Pro Zonder" });
    for (const who of [ahmed.professional, stranger]) {
      const page = await load(carePage.loader, `/care/${familyId}/strengths`, { familyId }, who.cookie);
      expect(page.status).toBe(404);
      const post = await submit(carePage.action, `/care/${familyId}/strengths`, { familyId }, { kind: "proud", text: "Iets" }, who.cookie);
      expect(post.status).toBe(404);
      for (const answer of [page, post]) {
        const body = JSON.stringify(answer.data ?? null);
        for (const secret of [FAMILY, "Geheim trots op Sem", "Sem"]) expect(body).not.toContain(secret);
      }
    }
    expect(logOf(familyId)).toEqual([]);
    expect(rows(familyId)).toHaveLength(1);
    // Their menu has no "Wat gaat goed?".
    const goals = await load((await import("../../app/routes/care/goals")).loader, `/care/${familyId}/goals`, { familyId }, ahmed.professional.cookie);
    expect(goals.data.frame.parts.map((p: any) => p.section)).toEqual(["goals", "progress"]);
  });

  it("'alleen deze': only the chosen ones, each logged; a new one only when the family ticks it", async () => {
    const { familyId, admin, semId } = await family();
    const shared = createStrength(getDb(), familyId, admin.id, { kind: "going_well", memberId: semId, text: "Gedeeld: Sem leest elke avond" });
    createStrength(getDb(), familyId, admin.id, { kind: "proud", memberId: null, text: "Niet gedeeld: papa is rustig" });
    if (!("id" in shared)) throw new Error("not made");
    const sanne = await makeConsent(familyId, admin.id, { scopes: { strengths: "read" }, selection: { strengths: [shared.id] } });
    const read = async () => (await load(carePage.loader, `/care/${familyId}/strengths`, { familyId }, sanne.professional.cookie)).data;
    const first = await read();
    expect(first.strengths.map((s: any) => s.text)).toEqual(["Gedeeld: Sem leest elke avond"]);
    expect(JSON.stringify(first)).not.toContain("papa is rustig");
    expect(JSON.parse(logOf(familyId)[0].recordIds)).toEqual([shared.id]);

    // The add form offers the consent; left unticked, the new one stays with the family.
    const sharing = (await load(listPage.loader, `/f/${familyId}/strengths`, { familyId }, admin.cookie)).data.sharing;
    expect(sharing).toEqual([expect.objectContaining({ id: sanne.consentId, whole: false })]);
    await add(familyId, admin.cookie, { kind: "proud", memberId: "", text: "Niet aangevinkt" });
    await add(familyId, admin.cookie, { kind: "proud", memberId: "", text: "Wel aangevinkt", shareWith: sanne.consentId });
    expect((await read()).strengths.map((s: any) => s.text)).toEqual(["Gedeeld: Sem leest elke avond", "Wel aangevinkt"]);
    const consent = getDb().select().from(consents).where(eq(consents.id, sanne.consentId)).get()!;
    expect(consent.selection.strengths).toHaveLength(2);

    // The consent form lists them to pick, by whom they are for and in the family's words.
    const edit = await load(accessEdit.loader, `/f/${familyId}/access/${sanne.consentId}`, { familyId, consentId: sanne.consentId }, admin.cookie);
    expect(edit.data.choices.strengths.map((c: any) => c.title)).toContain("Sem: Gedeeld: Sem leest elke avond");
    expect(edit.data.consent.values["strengths.which"]).toBe("chosen");
    expect(edit.data.consent.parts).toEqual([{ section: "strengths", level: "read", chosen: consent.selection.strengths, withoutGoal: null }]);
  });

  it("with 'mag ook schrijven' adds one, named with it; the write is logged; only for people the page showed", async () => {
    const { familyId, admin, semId } = await family();
    createStrength(getDb(), familyId, admin.id, { kind: "going_well", memberId: semId, text: "Sem leest" });
    const sanne = await makeConsent(familyId, admin.id, { scopes: { strengths: "write" } });
    const page = await load(carePage.loader, `/care/${familyId}/strengths`, { familyId }, sanne.professional.cookie);
    expect(page.data.canWrite).toBe(true);
    expect(page.data.forWhom).toEqual([{ value: semId, name: "Sem" }]);
    expect(renderCare(page.data)).toContain('name="memberId"');

    const bad = await submit(carePage.action, `/care/${familyId}/strengths`, { familyId }, { kind: "proud", memberId: "", text: "" }, sanne.professional.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ text: "errors.required" });
    const stranger = addMember(getDb(), familyId, admin.id, { name: "Opa", relation: "opa", livesAtHome: "no" });
    const unseen = await submit(carePage.action, `/care/${familyId}/strengths`, { familyId }, { kind: "proud", memberId: stranger, text: "Opa fietst" }, sanne.professional.cookie);
    expect(unseen.status).toBe(400);
    expect(unseen.data.errors).toEqual({ memberId: "errors.choose" });
    expect(rows(familyId)).toHaveLength(1);
    const before = logOf(familyId).length;

    const made = await submit(carePage.action, `/care/${familyId}/strengths`, { familyId }, { kind: "proud", memberId: semId, text: "Sem hielp een klasgenoot" }, sanne.professional.cookie);
    expect(made.location).toBe(`/care/${familyId}/strengths?saved=1`);
    const stored = rows(familyId).find((s) => s.text === "Sem hielp een klasgenoot")!;
    expect(stored).toMatchObject({ createdBy: sanne.professional.id, memberId: semId });
    const log = logOf(familyId);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ consentId: sanne.consentId, section: "strengths", action: "create" });
    expect(JSON.parse(log.at(-1)!.recordIds)).toEqual([stored.id]);

    // The family sees who wrote it: not their own words.
    const list = await load(listPage.loader, `/f/${familyId}/strengths`, { familyId }, admin.cookie);
    expect(visible(renderFamilyPage(listPage.default as ComponentType, familyId, list.data))).toContain("Sem hielp een klasgenoot Geschreven door Sanne de Boer (Basisschool De Linde)");
  });

  it("with 'alleen deze' and 'mag ook schrijven' writes one of their own; it is logged and stays with the family's choice after", async () => {
    const { familyId, admin } = await family();
    const shared = createStrength(getDb(), familyId, admin.id, { kind: "going_well", memberId: null, text: "Gedeeld" });
    if (!("id" in shared)) throw new Error("not made");
    const sanne = await makeConsent(familyId, admin.id, { scopes: { strengths: "write" }, selection: { strengths: [shared.id] } });
    const made = await call(carePage.action, makeRequest(`/care/${familyId}/strengths`, { cookie: sanne.professional.cookie, form: { kind: "proud", memberId: "", text: "Van de juf" } }), { familyId });
    expect(made.status).toBe(302);
    const own = rows(familyId).find((s) => s.text === "Van de juf")!;
    expect(JSON.parse(logOf(familyId).at(-1)!.recordIds)).toEqual([own.id]);
    const page = await load(carePage.loader, `/care/${familyId}/strengths`, { familyId }, sanne.professional.cookie);
    expect(page.data.strengths.map((s: any) => s.text)).toEqual(["Gedeeld"]);
  });
});
