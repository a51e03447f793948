import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, changes, whatIfs, whatIfUses } from "../../db/schema";
import type { Language } from "../../app/i18n";
import { addMonths, today } from "../../app/lib/dates";
import { createWhatIf, lastMonths, listWhatIfUses, monthlyWhatIfUses, needsLook, recordWhatIfUse } from "../../app/plan/whatifs.server";
import * as listPage from "../../app/routes/family/whatifs";
import * as editPage from "../../app/routes/family/whatif-edit";
import * as carePage from "../../app/routes/care/whatifs";
import { seedDemo } from "../../demo/seed.server";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit, inLanguage } from "../support/routes";

// "We gebruikten deze afspraak": one tap, and if they want a few words on how it
// went. Over months the family sees hard moments come less often; the people who
// may read the agreements see how often, never the family's words.

const DAY = 24 * 60 * 60 * 1000;
const WORDS = "Papa liep naar buiten & kwam rustig terug <echt>.\nSem sliep goed.";

const agreement = { situation: "papa heel boos wordt", earlySigns: "", actions: "Mama gaat met Sem naar boven.", informs: "", phones: "", lastCheckedOn: null };

/** The calendar day `days` after today in the Netherlands (before, when negative). */
function dayFromToday(days: number) {
  return new Date(Date.parse(`${today()}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

async function familyWithAgreement(name = "Gezin Gebruik") {
  const family = await makeFamily(undefined, name);
  const id = createWhatIf(getDb(), family.familyId, family.admin.id, agreement);
  return { ...family, id, path: `/f/${family.familyId}/what-ifs`, params: { familyId: family.familyId } };
}

function uses(familyId: string) {
  return getDb().select().from(whatIfUses).where(eq(whatIfUses.familyId, familyId)).all();
}

function useChanges(familyId: string) {
  return getDb().select().from(changes).where(and(eq(changes.familyId, familyId), eq(changes.entity, "whatifuse"))).all();
}

function render(Component: ComponentType, path: string, loaderData: unknown, actionData?: unknown, lang: Language = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: path.split("?")[0], Component }]);
  const hydrationData = { loaderData: { page: loaderData }, ...(actionData ? { actionData: { page: actionData } } : {}) };
  return renderToString(inLanguage(lang, createElement(Stub, { initialEntries: [path], hydrationData })));
}

describe("we used this agreement", () => {
  it("one tap keeps today's use, without words, and the history keeps who did it", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    const done = await submit(listPage.action, path, params, { intent: "used", whatIfId: id }, admin.cookie);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${path}?used=${id}#whatif-${id}`);
    expect(uses(familyId)).toEqual([expect.objectContaining({ whatIfId: id, usedOn: today(), howItWent: "", createdBy: admin.id, deletedAt: null })]);
    expect(useChanges(familyId)).toEqual([expect.objectContaining({ action: "create", userId: admin.id, entityId: uses(familyId)[0].id })]);
  });

  it("with words and an earlier day: stored as typed, only the outer spaces go", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    const day = dayFromToday(-3);
    const done = await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: `  ${WORDS}  `, usedOn: day }, admin.cookie);
    expect(done.status).toBe(302);
    expect(uses(familyId)).toEqual([expect.objectContaining({ usedOn: day, howItWent: WORDS })]);
    expect(useChanges(familyId)[0].after).toMatchObject({ howItWent: WORDS, usedOn: day, whatIfId: id });

    // A day typed the Dutch way on an old phone, and today itself, are fine too.
    const [y, m, d] = dayFromToday(-10).split("-");
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, usedOn: `${Number(d)}-${Number(m)}-${y}` }, admin.cookie);
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, usedOn: today() }, admin.cookie);
    expect(listWhatIfUses(getDb(), familyId, id).map((u) => u.usedOn)).toEqual([today(), day, dayFromToday(-10)]);
  });

  it("the page shows how often, the last time, the months, and the family's own words", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: WORDS, usedOn: dayFromToday(-1) }, admin.cookie);
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id }, admin.cookie);

    const page = await load(listPage.loader, path, params, admin.cookie);
    expect(page.status).toBe(200);
    const { uses: shown } = page.data.whatIfs[0];
    expect(shown).toMatchObject({ count: 2, lastUsedOn: today() });
    expect(shown.notes).toEqual([expect.objectContaining({ usedOn: dayFromToday(-1), howItWent: WORDS })]);
    expect(shown.months).toHaveLength(12);
    expect(shown.months.at(-1)).toEqual({ month: today().slice(0, 7), count: dayFromToday(-1).slice(0, 7) === today().slice(0, 7) ? 2 : 1 });
    expect(shown.months.reduce((sum: number, m: { count: number }) => sum + m.count, 0)).toBe(2);

    const html = render(listPage.default, `${path}?used=${id}`, page.data);
    expect(html).toContain("2 keer gebruikt. De laatste keer was op");
    expect(html).toContain("Per maand: ");
    expect(html).toContain('<p class="notice" role="status">Opgeslagen. Jullie gebruikten deze afspraak.</p>');
    // The family's words as they wrote them, escaped, in their own direction.
    expect(html).toContain('<p class="own-words" dir="auto">Papa liep naar buiten &amp; kwam rustig terug &lt;echt&gt;.\nSem sliep goed.</p>');
    // One tap: a plain form that posts without JavaScript; the words are folded away.
    const form = html.match(new RegExp(`<form[^>]*id="use-${id}"[^>]*>`))![0];
    expect(form).toMatch(/method="post"/);
    expect(html).toContain(`${form}<input type="hidden" name="intent" value="used"/><input type="hidden" name="whatIfId" value="${id}"/>`);
    expect(html).toContain(`<label for="use-${id}-howItWent">Hoe ging het?</label>`);
    expect(html).toMatch(/<details><summary>/);
    expect(html).toContain(">We gebruikten deze afspraak</button>");

    expect(render(listPage.default, path, page.data, undefined, "en")).toContain("Used 2 times. The last time was on");
    // Arabic counts two as its own form.
    expect(render(listPage.default, path, page.data, undefined, "ar")).toContain("استُعمل مرتين.");

    // Without ?used=, or after using another agreement, this card says nothing of saving.
    expect(render(listPage.default, path, page.data)).not.toContain("Opgeslagen.");
    expect(render(listPage.default, `${path}?used=another`, page.data)).not.toContain("Opgeslagen.");
  });

  it("the month line reads as plain words, from the first month with a use up to now", () => {
    const months = (list: [string, number][]) => list.map(([month, count]) => ({ month, count }));
    const card = (m: { month: string; count: number }[]) => ({
      familyId: "f",
      whatIfs: [{ ...agreement, id: "w", createdAt: Date.now(), uses: { count: 4, lastUsedOn: "2026-06-03", months: m, notes: [] }, needsLook: false }],
    });
    const html = render(listPage.default, "/f/f/what-ifs", card(months([["2026-04", 0], ["2026-05", 3], ["2026-06", 1], ["2026-07", 0]])));
    expect(html).toContain("Per maand: mei 3 keer, juni 1 keer, juli 0 keer");
    expect(html).not.toContain("april");
    // And as bars, one per month shown, with the same sentence as their text alternative.
    expect((html.match(/class="month-bars-bar"/g) ?? []).length).toBe(3);
    expect(html).toContain('role="img" aria-label="Per maand: mei 3 keer, juni 1 keer, juli 0 keer"');
    const newYear = render(listPage.default, "/f/f/what-ifs", card(months([["2025-11", 2], ["2025-12", 0], ["2026-01", 1]])));
    expect(newYear).toContain("Per maand: november 2025 2 keer, december 0 keer, januari 2026 1 keer");
    expect(render(listPage.default, "/f/f/what-ifs", card(months([["2026-05", 1]])), undefined, "en")).toContain("Per month: May once");
    expect(render(listPage.default, "/f/f/what-ifs", card(months([["2026-05", 0]])))).toContain("Het afgelopen jaar niet meer gebruikt.");
  });

  it("counts each of the last twelve months in the Netherlands' calendar, oldest first", async () => {
    const { familyId, admin, id } = await familyWithAgreement();
    const db = getDb();
    const now = Date.parse("2026-07-15T10:00:00Z");
    for (const usedOn of ["2025-07-31", "2025-08-01", "2026-05-02", "2026-05-20", "2026-05-31", "2026-07-01"]) recordWhatIfUse(db, familyId, admin.id, id, { usedOn, howItWent: "" });
    expect(lastMonths(now)).toEqual(["2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    const counts = Object.fromEntries(monthlyWhatIfUses(db, familyId, [id], now).get(id)!.map((m) => [m.month, m.count]));
    expect(counts).toMatchObject({ "2025-08": 1, "2026-05": 3, "2026-06": 0, "2026-07": 1 });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("a day still to come, a too long text or a wrong date: a message next to the field, what was typed kept, nothing stored", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    const before = getDb().select().from(changes).where(eq(changes.familyId, familyId)).all().length;

    const tomorrow = dayFromToday(1);
    const future = await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: WORDS, usedOn: tomorrow }, admin.cookie);
    expect(future.status).toBe(400);
    expect(future.data.errors).toEqual({ usedOn: "whatifs:errors.futureDay" });
    expect(future.data.values).toMatchObject({ whatIfId: id, howItWent: WORDS, usedOn: tomorrow });

    const long = "x".repeat(301);
    const tooLong = await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: long }, admin.cookie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors).toEqual({ howItWent: "errors.tooLong" });
    expect(tooLong.data.values.howItWent).toBe(long);
    const wrongDay = await submit(listPage.action, path, params, { intent: "used", whatIfId: id, usedOn: "31-02-2026" }, admin.cookie);
    expect(wrongDay.data.errors).toEqual({ usedOn: "errors.date" });

    expect(uses(familyId)).toHaveLength(0);
    expect(getDb().select().from(changes).where(eq(changes.familyId, familyId)).all()).toHaveLength(before);

    const page = await load(listPage.loader, path, params, admin.cookie);
    const html = render(listPage.default, path, page.data, future.data);
    expect(html).toContain(`<p class="field-error" id="use-${id}-usedOn-error">Deze dag moet nog komen. Kies vandaag of een dag ervoor.</p>`);
    expect(html).toContain(`aria-describedby="use-${id}-usedOn-hint use-${id}-usedOn-error"`);
    const dateField = html.match(new RegExp(`<input[^>]*id="use-${id}-usedOn"[^>]*>`))![0];
    expect(dateField).toContain(`value="${tomorrow}"`);
    expect(dateField).toContain('aria-invalid="true"');
    expect(html).toContain("Papa liep naar buiten &amp; kwam rustig terug &lt;echt&gt;.");
    // The folded part is open, so the message is seen.
    expect(html).toContain("<details open=\"\">");

    const longHtml = render(listPage.default, path, page.data, tooLong.data);
    expect(longHtml).toContain(`<p class="field-error" id="use-${id}-howItWent-error">Dit is te lang. Maak het korter.</p>`);
    expect(longHtml).toContain(`>${long}</textarea>`);

    // The refusal speaks the reader's language.
    expect(render(listPage.default, path, page.data, future.data, "en")).toContain("This day has not come yet. Choose today or a day before.");
  });

  it("someone outside the family gets 404 for the page and the post, and nothing is stored", async () => {
    const { familyId, id, path, params } = await familyWithAgreement();
    const stranger = await makeUser();
    const page = await load(listPage.loader, path, params, stranger.cookie);
    expect(page.status).toBe(404);
    const post = await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: "gekaapt" }, stranger.cookie);
    expect(post.status).toBe(404);
    // Bad input from a stranger is not even looked at.
    expect((await submit(listPage.action, path, params, { intent: "used", whatIfId: id, usedOn: "2999-01-01" }, stranger.cookie)).status).toBe(404);
    // Their own family with this family's agreement: still not found.
    const own = await makeFamily(stranger, "Ander gezin");
    expect((await submit(listPage.action, "/x", { familyId: own.familyId }, { intent: "used", whatIfId: id }, stranger.cookie)).status).toBe(404);
    // A professional who may read the agreements does not write here either.
    const member = await familyWithAgreement();
    const { professional } = await makeConsent(member.familyId, member.admin.id, { scopes: { whatifs: "write" } });
    expect((await submit(listPage.action, member.path, member.params, { intent: "used", whatIfId: member.id }, professional.cookie)).status).toBe(404);

    const signedOut = await submit(listPage.action, path, params, { intent: "used", whatIfId: id });
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);

    expect(uses(familyId)).toHaveLength(0);
    expect(uses(own.familyId)).toHaveLength(0);
    expect(uses(member.familyId)).toHaveLength(0);
    expect(useChanges(familyId)).toHaveLength(0);
  });

  it("an agreement that is not there, or was removed, cannot be used", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    expect((await submit(listPage.action, path, params, { intent: "used", whatIfId: "nope" }, admin.cookie)).status).toBe(404);
    getDb().update(whatIfs).set({ deletedAt: Date.now() }).where(eq(whatIfs.id, id)).run();
    expect((await submit(listPage.action, path, params, { intent: "used", whatIfId: id }, admin.cookie)).status).toBe(404);
    expect((await submit(listPage.action, path, params, { intent: "maybe", whatIfId: id }, admin.cookie)).status).toBe(400);
    expect(uses(familyId)).toHaveLength(0);
  });
});

describe("an agreement not looked at for half a year", () => {
  async function agreementAged({ createdMonthsAgo, checkedOn }: { createdMonthsAgo: number; checkedOn: string | null }) {
    const family = await familyWithAgreement();
    const createdAt = Date.parse(`${addMonths(today(), -createdMonthsAgo)}T12:00:00Z`);
    getDb().update(whatIfs).set({ createdAt, lastCheckedOn: checkedOn }).where(eq(whatIfs.id, family.id)).run();
    const page = await load(listPage.loader, family.path, family.params, family.admin.cookie);
    return { ...family, page, html: render(listPage.default, family.path, page.data) };
  }
  const HINT = "Al een half jaar niet samen bekeken. Klopt deze afspraak nog?";

  it("asks for a look when it was never checked and is older than six months, with a link to check it", async () => {
    const { familyId, id, page, html } = await agreementAged({ createdMonthsAgo: 7, checkedOn: null });
    expect(page.data.whatIfs[0].needsLook).toBe(true);
    expect(html).toContain(HINT);
    expect(html).toContain(`href="/f/${familyId}/what-ifs/${id}?bekijken=1"`);
  });

  it("asks for a look when the last check is more than six months ago", async () => {
    const { html } = await agreementAged({ createdMonthsAgo: 12, checkedOn: dayFromToday(-200) });
    expect(html).toContain(HINT);
  });

  it("says nothing for an agreement checked recently, or exactly six months ago, or new and never checked", async () => {
    for (const aged of [
      { createdMonthsAgo: 12, checkedOn: dayFromToday(-30) },
      { createdMonthsAgo: 12, checkedOn: addMonths(today(), -6) },
      { createdMonthsAgo: 2, checkedOn: null },
    ]) {
      const { page, html } = await agreementAged(aged);
      expect(page.data.whatIfs[0].needsLook, JSON.stringify(aged)).toBe(false);
      expect(html).not.toContain(HINT);
    }
    expect(needsLook({ lastCheckedOn: "2026-01-14", createdAt: 0 }, Date.parse("2026-07-14T12:00:00Z"))).toBe(false);
    expect(needsLook({ lastCheckedOn: "2026-01-13", createdAt: 0 }, Date.parse("2026-07-14T12:00:00Z"))).toBe(true);
  });

  it("the link opens the agreement with today filled in; saving it ends the hint", async () => {
    const { familyId, admin, id, path, params } = await agreementAged({ createdMonthsAgo: 7, checkedOn: null });
    const editParams = { familyId, whatIfId: id };
    const edit = await load(editPage.loader, `/f/${familyId}/what-ifs/${id}?bekijken=1`, editParams, admin.cookie);
    expect(edit.data.checkingOn).toBe(today());
    const html = render(editPage.default, `/f/${familyId}/what-ifs/${id}`, edit.data);
    expect(html).toContain("Lees de afspraak samen door.");
    expect(html).toContain(`value="${today()}"`);
    expect((await load(editPage.loader, `/f/${familyId}/what-ifs/${id}`, editParams, admin.cookie)).data.checkingOn).toBeNull();

    await submit(editPage.action, `/f/${familyId}/what-ifs/${id}`, editParams, { ...agreement, lastCheckedOn: today() }, admin.cookie);
    const after = await load(listPage.loader, path, params, admin.cookie);
    expect(after.data.whatIfs[0].needsLook).toBe(false);
  });
});

describe("what a professional sees of the uses", () => {
  it("with the wat-als part: how often and the last day, never the family's words; one log entry as before", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: WORDS, usedOn: dayFromToday(-2) }, admin.cookie);
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: "Ging goed, geheim voor de school" }, admin.cookie);
    const { professional, consentId } = await makeConsent(familyId, admin.id, { scopes: { whatifs: "read" } });

    const care = await load(carePage.loader, `/care/${familyId}/what-ifs`, params, professional.cookie);
    expect(care.status).toBe(200);
    expect(care.data.whatIfs[0].uses).toEqual({ count: 2, lastUsedOn: today() });
    const data = JSON.stringify(care.data);
    expect(data).not.toContain("Papa liep naar buiten");
    expect(data).not.toContain("geheim voor de school");
    expect(data).not.toContain("howItWent");

    const html = render(carePage.default, `/care/${familyId}/what-ifs`, care.data);
    expect(html).toContain("2 keer gebruikt. De laatste keer was op");
    expect(html).not.toContain("Papa liep naar buiten");
    expect(html).not.toContain("geheim voor de school");
    expect(html).not.toContain("Per maand");
    // The family's buttons are not on the professional's page.
    expect(html).not.toContain("<form");

    const log = getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all();
    expect(log).toEqual([expect.objectContaining({ section: "whatifs", action: "read", consentId, actorUserId: professional.id, recordIds: JSON.stringify([id]) })]);
  });

  it("without the wat-als part: 404, and nothing of the uses", async () => {
    const { familyId, admin, id, path, params } = await familyWithAgreement();
    await submit(listPage.action, path, params, { intent: "used", whatIfId: id, howItWent: WORDS }, admin.cookie);
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    const care = await load(carePage.loader, `/care/${familyId}/what-ifs`, params, professional.cookie);
    expect(care.status).toBe(404);
    expect(JSON.stringify(care.data ?? "")).not.toContain("Papa liep");
  });
});

describe("the demo family", () => {
  it("used its agreements month after month, less and less, in its own words", async () => {
    const seeded = await seedDemo(getDb());
    const familyId = (seeded as { familyId: string }).familyId;
    const all = uses(familyId);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.every((u) => u.usedOn <= today())).toBe(true);
    const older = all.filter((u) => u.usedOn < dayFromToday(-90)).length;
    const newer = all.filter((u) => u.usedOn >= dayFromToday(-90)).length;
    expect(older).toBeGreaterThan(newer);
    expect(all.filter((u) => u.howItWent !== "").length).toBeGreaterThan(all.length / 2);
    // Written through the app's own writer: each use is in the history.
    expect(useChanges(familyId)).toHaveLength(all.length);
  });
});
