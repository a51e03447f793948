import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, goals, reviewGoals, reviews } from "../../db/schema";
import type { Language } from "../../app/i18n";
import { addDays, addMonths, formatDate, today } from "../../app/lib/dates";
import { createGoal, setGoalStatus } from "../../app/plan/goals.server";
import { createReview, getReview, reviewDates } from "../../app/plan/reviews.server";
import * as planPage from "../../app/routes/family/plan";
import * as listPage from "../../app/routes/family/reviews";
import * as newPage from "../../app/routes/family/reviews-new";
import * as reviewPage from "../../app/routes/family/reviews-detail";
import * as printPage from "../../app/routes/family/reviews-print";
import { seedDemo } from "../../demo/seed.server";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";
import { inLanguage, load, submit } from "../support/routes";

// "Samen terugkijken" (issue 14 §3, ADR 017): every six months the family writes down
// who was there and, per goal, how it went and how they go on. The outcome is the
// goal's new status; a reached goal is celebrated; the plan says when the next one
// is; the review prints for the family's papers. Only the family's own members see it.

const dayFromToday = (days: number) => addDays(today(), days);

async function familyWithGoals(name = "Gezin Terugkijken") {
  const family = await makeFamily(undefined, name);
  const db = getDb();
  const goal = (title: string) => createGoal(db, family.familyId, family.admin.id, { title, lifeArea: "home", term: "short", memberIds: [] });
  const ids = {
    breakfast: goal("Elke ochtend samen ontbijten"),
    school: goal("Sem is op tijd op school"),
    post: goal("Samen de post openmaken"),
    sleep: goal("Op tijd naar bed"),
  };
  setGoalStatus(db, family.familyId, family.admin.id, ids.sleep, "paused");
  // Reached before: a review does not ask about it again.
  const done = goal("Geen limonade meer kopen");
  setGoalStatus(db, family.familyId, family.admin.id, done, "reached");
  const base = `/f/${family.familyId}`;
  return { ...family, ids, done, base, params: { familyId: family.familyId } };
}

type Family = Awaited<ReturnType<typeof familyWithGoals>>;

/** A complete, valid review form for this family's four open goals. */
function reviewForm(s: Family, extra: Record<string, string> = {}): Record<string, string> {
  return {
    heldOn: today(),
    present: "Mama, papa  en Marco (coach)",
    note: "We zijn trots.\nVolgende keer met oma.",
    nextOn: "",
    [`howItWent-${s.ids.breakfast}`]: "Elke dag gelukt <echt> & met Sem!",
    [`next-${s.ids.breakfast}`]: "reached",
    [`howItWent-${s.ids.school}`]: "",
    [`next-${s.ids.school}`]: "continue",
    [`howItWent-${s.ids.post}`]: "Lukt niet op maandag.",
    [`next-${s.ids.post}`]: "change",
    [`howItWent-${s.ids.sleep}`]: "Past nu niet.",
    [`next-${s.ids.sleep}`]: "stop",
    ...extra,
  };
}

function goalRow(id: string) {
  return getDb().select().from(goals).where(eq(goals.id, id)).get()!;
}

function reviewsOf(familyId: string) {
  return getDb().select().from(reviews).where(eq(reviews.familyId, familyId)).all();
}

function render(Component: ComponentType, path: string, loaderData: unknown, actionData?: unknown, lang: Language = "nl") {
  // Inside the family's layout, whose members the plan page orders "Wat gaat goed?" by.
  const Stub = createRoutesStub([{ id: "routes/family/layout", path: "/", Component: Outlet, children: [{ id: "page", path: path.split("?")[0], Component }] }]);
  const hydrationData = { loaderData: { "routes/family/layout": { members: [] }, page: loaderData }, ...(actionData ? { actionData: { page: actionData } } : {}) };
  return renderToString(inLanguage(lang, createElement(Stub, { initialEntries: [path], hydrationData })));
}

const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ");

describe("samen terugkijken: saving a review", () => {
  it("keeps the review as typed and gives each goal its new status: reached (with reachedAt), active, stopped", async () => {
    const s = await familyWithGoals();
    const before = Date.now();
    const saved = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), s.admin.cookie);
    expect(saved.status).toBe(302);
    const [review] = reviewsOf(s.familyId);
    expect(saved.location).toBe(`${s.base}/reviews/${review.id}?saved=1`);
    // As typed, double space and new line and all.
    expect(review).toMatchObject({ heldOn: today(), present: "Mama, papa  en Marco (coach)", note: "We zijn trots.\nVolgende keer met oma.", createdBy: s.admin.id, nextOn: addMonths(today(), 6) });

    expect(goalRow(s.ids.breakfast).status).toBe("reached");
    expect(goalRow(s.ids.breakfast).reachedAt).toBeGreaterThanOrEqual(before);
    expect(goalRow(s.ids.school).status).toBe("active");
    // "Anders doen" keeps working on it; a paused goal stopped is stopped.
    expect(goalRow(s.ids.post).status).toBe("active");
    expect(goalRow(s.ids.sleep).status).toBe("stopped");
    expect(goalRow(s.ids.sleep).reachedAt).toBeNull();

    const outcomes = getDb().select().from(reviewGoals).where(eq(reviewGoals.reviewId, review.id)).all();
    expect(Object.fromEntries(outcomes.map((o) => [o.goalId, [o.next, o.howItWent]]))).toEqual({
      [s.ids.breakfast]: ["reached", "Elke dag gelukt <echt> & met Sem!"],
      [s.ids.school]: ["continue", ""],
      [s.ids.post]: ["change", "Lukt niet op maandag."],
      [s.ids.sleep]: ["stop", "Past nu niet."],
    });
    // The goal reached before was not asked about.
    expect(outcomes.some((o) => o.goalId === s.done)).toBe(false);

    // "Wie veranderde wat?" keeps the review, and each goal's own status change.
    const history = getDb().select().from(changes).where(eq(changes.familyId, s.familyId)).all();
    expect(history.filter((c) => c.entity === "review")).toEqual([expect.objectContaining({ entityId: review.id, action: "create", userId: s.admin.id })]);
    const statusChanges = history.filter((c) => c.entity === "goal" && c.action === "update");
    expect(statusChanges.map((c) => [c.entityId, c.after])).toEqual(
      expect.arrayContaining([
        [s.ids.breakfast, { status: "reached" }],
        [s.ids.sleep, { status: "stopped" }],
      ]),
    );
  });

  it("a day the family chooses for the next review is kept; a review of an earlier day counts from that day", async () => {
    const s = await familyWithGoals();
    const heldOn = dayFromToday(-20);
    const chosen = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s, { heldOn, nextOn: dayFromToday(60) }), s.admin.cookie);
    expect(chosen.status).toBe(302);
    expect(reviewsOf(s.familyId)[0]).toMatchObject({ heldOn, nextOn: dayFromToday(60) });
    // Typed the Dutch way on a phone without a date picker.
    const [y, m, d] = dayFromToday(-40).split("-");
    const typed = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s, { heldOn: `${d}-${m}-${y}` }), s.admin.cookie);
    expect(typed.status).toBe(302);
    expect(reviewsOf(s.familyId).find((r) => r.heldOn === dayFromToday(-40))?.nextOn).toBe(addMonths(dayFromToday(-40), 6));
  });

  it("lands on the review's page with a notice, the reached goal celebrated and the goal to change linked to its edit page", async () => {
    const s = await familyWithGoals();
    const saved = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), s.admin.cookie);
    const reviewId = saved.location!.split("/").at(-1)!.split("?")[0];
    const page = await load(reviewPage.loader, `${s.base}/reviews/${reviewId}`, { ...s.params, reviewId }, s.admin.cookie);
    expect(page.status).toBe(200);
    const html = render(reviewPage.default, `/r?saved=1`, page.data);
    const words = text(html);
    expect(words).toContain("Opgeslagen. Goed dat jullie samen terugkeken!");
    expect(words).toContain(`Samen teruggekeken op ${formatDate(today(), "nl")}`);
    expect(words).toContain("Gehaald! Dit doel is gelukt. Goed gedaan!");
    expect(words).toContain("Elke dag gelukt <echt> & met Sem!");
    expect(words).toContain("Hoe verder: Anders doen");
    expect(html).toContain(`href="/f/${s.familyId}/goals/${s.ids.post}/edit"`);
    // Only the goal to change links to editing.
    expect(html).not.toContain(`/goals/${s.ids.school}/edit`);
    // The family's words take their own direction.
    expect(html).toMatch(/<span class="pre" dir="auto">Mama, papa {2}en Marco \(coach\)<\/span>/);
    expect(html).not.toContain("<echt>");

    const arabic = text(render(reviewPage.default, "/r", page.data, undefined, "ar"));
    expect(arabic).toContain("تحقق!");
    const english = text(render(reviewPage.default, "/r", page.data, undefined, "en"));
    expect(english).toContain("Reached! This goal worked out. Well done!");
    expect(english).toContain("Going on: Do it differently");
  });

  it("the list shows every review, the newest first, with how many goals were reached", async () => {
    const s = await familyWithGoals();
    createReview(getDb(), s.familyId, s.admin.id, { heldOn: dayFromToday(-200), present: "Mama", note: "", nextOn: dayFromToday(-20), goals: [{ goalId: s.ids.school, howItWent: "", next: "continue" }] });
    await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), s.admin.cookie);
    const list = await load(listPage.loader, `${s.base}/reviews`, s.params, s.admin.cookie);
    expect(list.data.reviews.map((r: { heldOn: string }) => r.heldOn)).toEqual([today(), dayFromToday(-200)]);
    const words = text(render(listPage.default, "/r", list.data));
    expect(words).toContain("4 doelen besproken · ★ 1 doel gehaald");
    expect(words).toContain("1 doel besproken");
  });
});

describe("samen terugkijken: on the plan", () => {
  it("shows the last review and around when the next is, with a link to the reviews", async () => {
    const s = await familyWithGoals();
    createReview(getDb(), s.familyId, s.admin.id, { heldOn: dayFromToday(-30), present: "", note: "", nextOn: dayFromToday(150), goals: [] });
    const plan = await load(planPage.loader, s.base, s.params, s.admin.cookie);
    expect(plan.data.reviews).toMatchObject({ lastOn: dayFromToday(-30), nextOn: dayFromToday(150), due: "later" });
    const html = render(planPage.default, "/p", plan.data);
    const words = text(html);
    expect(words).toContain(`Laatst samen teruggekeken: ${formatDate(dayFromToday(-30), "nl")}. Volgende keer: rond ${formatDate(dayFromToday(150), "nl")}.`);
    expect(words).not.toContain("Tijd om samen terug te kijken");
    expect(html).toContain(`href="/f/${s.familyId}/reviews"`);
    // What was on the plan page stays.
    expect(words).toContain("Onze doelen");
    expect(words.indexOf("Onze doelen")).toBeLessThan(words.indexOf("Laatst samen teruggekeken"));
  });

  it("says gently that it is time from 14 days before, and when the day has passed", async () => {
    const db = getDb();
    const later = await familyWithGoals("Gezin Later");
    createReview(db, later.familyId, later.admin.id, { heldOn: dayFromToday(-170), present: "", note: "", nextOn: dayFromToday(15), goals: [] });
    expect(reviewDates(db, later.familyId).due).toBe("later");
    const t = await familyWithGoals("Gezin Bijna");
    createReview(db, t.familyId, t.admin.id, { heldOn: dayFromToday(-170), present: "", note: "", nextOn: dayFromToday(14), goals: [] });
    expect(reviewDates(db, t.familyId).due).toBe("soon");
    const plan = await load(planPage.loader, t.base, t.params, t.admin.cookie);
    const words = text(render(planPage.default, "/p", plan.data));
    expect(words).toContain("Tijd om samen terug te kijken.");
    expect(render(planPage.default, "/p", plan.data)).toContain(`href="/f/${t.familyId}/reviews/new"`);
    expect(text(render(planPage.default, "/p", plan.data, undefined, "en"))).toContain("Time to look back together.");
    expect(text(render(planPage.default, "/p", plan.data, undefined, "ar"))).toContain("حان وقت النظر معًا إلى الوراء.");

    const late = await familyWithGoals("Gezin Laat");
    createReview(db, late.familyId, late.admin.id, { heldOn: dayFromToday(-200), present: "", note: "", nextOn: dayFromToday(-3), goals: [] });
    expect(reviewDates(db, late.familyId).due).toBe("overdue");
    expect(text(render(planPage.default, "/p", (await load(planPage.loader, late.base, late.params, late.admin.cookie)).data))).toContain("Tijd om samen terug te kijken.");
  });

  it("a family that never looked back is offered the first time", async () => {
    const s = await familyWithGoals();
    const plan = await load(planPage.loader, s.base, s.params, s.admin.cookie);
    expect(plan.data.reviews).toEqual({ lastId: null, lastOn: null, nextOn: null, due: null });
    const html = render(planPage.default, "/p", plan.data);
    expect(text(html)).toContain("Jullie hebben nog niet samen teruggekeken.");
    expect(text(html)).toContain("De eerste keer samen terugkijken");
    expect(html).toContain(`href="/f/${s.familyId}/reviews/new"`);
  });
});

describe("samen terugkijken: bad input", () => {
  async function refused(s: Family, form: Record<string, string>) {
    const goalsBefore = getDb().select().from(goals).where(eq(goals.familyId, s.familyId)).all();
    const result = await submit(newPage.action, `${s.base}/reviews/new`, s.params, form, s.admin.cookie);
    expect(result.status).toBe(400);
    // Nothing stored: no review, no outcome, no goal changed.
    expect(reviewsOf(s.familyId)).toEqual([]);
    expect(getDb().select().from(goals).where(eq(goals.familyId, s.familyId)).all()).toEqual(goalsBefore);
    expect(getDb().select().from(changes).where(and(eq(changes.familyId, s.familyId), eq(changes.entity, "review"))).all()).toEqual([]);
    return result;
  }

  it("a day still to come is refused next to the day, with everything typed kept", async () => {
    const s = await familyWithGoals();
    const form = reviewForm(s, { heldOn: dayFromToday(1) });
    const result = await refused(s, form);
    expect(result.data.errors).toEqual({ heldOn: "reviews:errors.futureDay" });
    expect(result.data.values).toMatchObject(form);
    const html = render(newPage.default, "/n", (await load(newPage.loader, `${s.base}/reviews/new`, s.params, s.admin.cookie)).data, result.data);
    expect(html).toMatch(/<p class="field-error" id="field-heldOn-error">Deze dag moet nog komen\. Kies vandaag of een dag ervoor\.<\/p>/);
    expect(html).toContain(`value="${dayFromToday(1)}"`);
    expect(html).toContain("Elke dag gelukt &lt;echt&gt; &amp; met Sem!");
    expect(html).toContain(`name="next-${s.ids.post}" checked="" value="change"`);
  });

  it("a next day on or before the day held is refused next to the next day", async () => {
    const s = await familyWithGoals();
    expect((await refused(s, reviewForm(s, { heldOn: dayFromToday(-5), nextOn: dayFromToday(-6) }))).data.errors).toEqual({ nextOn: "reviews:errors.nextNotAfter" });
    expect((await refused(s, reviewForm(s, { heldOn: dayFromToday(-5), nextOn: dayFromToday(-5) }))).data.errors).toEqual({ nextOn: "reviews:errors.nextNotAfter" });
    const english = render(newPage.default, "/n", (await load(newPage.loader, `${s.base}/reviews/new`, s.params, s.admin.cookie)).data, { errors: { nextOn: "reviews:errors.nextNotAfter" }, values: {} }, "en");
    expect(english).toContain("Choose a day after the day you looked back.");
  });

  it("each goal on the form needs how to go on; the message is at that goal's choice", async () => {
    const s = await familyWithGoals();
    const form = reviewForm(s);
    delete form[`next-${s.ids.school}`];
    const result = await refused(s, { ...form, [`next-${s.ids.sleep}`]: "pause" });
    expect(result.data.errors).toEqual({ [`next-${s.ids.school}`]: "errors.choose", [`next-${s.ids.sleep}`]: "errors.choose" });
    expect(result.data.values[`howItWent-${s.ids.breakfast}`]).toBe("Elke dag gelukt <echt> & met Sem!");
    const html = render(newPage.default, "/n", { goals: result.data.goals, today: today() }, result.data);
    expect(html).toContain(`id="field-next-${s.ids.school}-error">Kies een van de mogelijkheden.</p>`);
  });

  it("too long words, a day that does not exist and an empty day get their own messages, all at once", async () => {
    const s = await familyWithGoals();
    const long = await refused(s, reviewForm(s, { present: "a".repeat(301), note: "b".repeat(1001), [`howItWent-${s.ids.school}`]: "c".repeat(1001), heldOn: dayFromToday(3) }));
    expect(long.data.errors).toEqual({ present: "errors.tooLong", note: "errors.tooLong", [`howItWent-${s.ids.school}`]: "errors.tooLong", heldOn: "reviews:errors.futureDay" });
    // A little too long comes back to shorten.
    expect(long.data.values.present).toBe("a".repeat(301));
    expect((await refused(s, reviewForm(s, { heldOn: "31-02-2026" }))).data.errors).toEqual({ heldOn: "errors.date" });
    expect((await refused(s, reviewForm(s, { heldOn: "  " }))).data.errors).toEqual({ heldOn: "errors.required" });
    expect((await refused(s, reviewForm(s, { nextOn: "morgen" }))).data.errors).toEqual({ nextOn: "errors.date" });
  });

  it("a goal that is not the family's is not changed, whatever the form says", async () => {
    const s = await familyWithGoals();
    const other = await familyWithGoals("Gezin Ander");
    const saved = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s, { [`next-${other.ids.school}`]: "stop" }), s.admin.cookie);
    expect(saved.status).toBe(302);
    expect(goalRow(other.ids.school).status).toBe("active");
    expect(createReview(getDb(), s.familyId, s.admin.id, { heldOn: today(), present: "", note: "", nextOn: dayFromToday(10), goals: [{ goalId: other.ids.post, howItWent: "", next: "stop" }] })).toBeTruthy();
    expect(goalRow(other.ids.post).status).toBe("active");
    // Nor is it named in this family's review.
    expect(getDb().select().from(reviewGoals).where(eq(reviewGoals.goalId, other.ids.post)).all()).toEqual([]);
    expect(getDb().select().from(reviewGoals).where(eq(reviewGoals.goalId, other.ids.school)).all()).toEqual([]);
  });
});

describe("samen terugkijken: who may", () => {
  it("a member of another family and the family's professional, even with a consent for goals, get 404 on every review page and post", async () => {
    const s = await familyWithGoals("Gezin Geheim Terug");
    const saved = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), s.admin.cookie);
    const reviewId = saved.location!.split("/").at(-1)!.split("?")[0];
    const stranger = (await makeFamily(undefined, "Gezin Vreemd")).admin;
    const professional = (await makeConsent(s.familyId, s.admin.id, { scopes: { goals: "write", progress: "write" } })).professional;
    const withReview = { ...s.params, reviewId };
    const loaders: [string, (args: any) => unknown, string, Record<string, string>][] = [
      ["list", listPage.loader, `${s.base}/reviews`, s.params],
      ["new", newPage.loader, `${s.base}/reviews/new`, s.params],
      ["review", reviewPage.loader, `${s.base}/reviews/${reviewId}`, withReview],
      ["print", printPage.loader, `${s.base}/reviews/${reviewId}/print`, withReview],
    ];
    for (const cookie of [stranger.cookie, professional.cookie]) {
      for (const [name, loader, path, params] of loaders) {
        const result = await load(loader, path, params, cookie);
        expect(result.status, name).toBe(404);
        expect(JSON.stringify(result.data ?? "")).not.toContain("Geheim");
      }
      const post = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), cookie);
      expect(post.status).toBe(404);
    }
    expect(reviewsOf(s.familyId)).toHaveLength(1);
    // Another family's member with their own family's address and this review's id.
    const strangerFamily = getDb().$client.prepare("select family_id as id from members where user_id = ?").get(stranger.id) as { id: string };
    expect((await load(reviewPage.loader, "/x", { familyId: strangerFamily.id, reviewId }, stranger.cookie)).status).toBe(404);
    expect(getReview(getDb(), strangerFamily.id, reviewId)).toBeNull();
    // Signed out: sign in first.
    expect((await load(listPage.loader, `${s.base}/reviews`, s.params)).location).toMatch(/^\/login/);
  });
});

describe("samen terugkijken: on paper", () => {
  it("the print page has the family's name, the day, who was there and every goal, in each language", async () => {
    const s = await familyWithGoals("Gezin Papier");
    const saved = await submit(newPage.action, `${s.base}/reviews/new`, s.params, reviewForm(s), s.admin.cookie);
    const reviewId = saved.location!.split("/").at(-1)!.split("?")[0];
    const page = await load(printPage.loader, `${s.base}/reviews/${reviewId}/print`, { ...s.params, reviewId }, s.admin.cookie);
    expect(page.status).toBe(200);
    const html = render(printPage.default, "/print", page.data);
    const words = text(html);
    expect(html).toContain('class="print-sheets"');
    expect(html).toContain('class="review-sheet"');
    expect(words).toContain("Gezin Papier · Samen terugkijken");
    expect(words).toContain(`Samen teruggekeken op ${formatDate(today(), "nl")}`);
    expect(words).toContain("Mama, papa en Marco (coach)");
    for (const title of ["Elke ochtend samen ontbijten", "Sem is op tijd op school", "Samen de post openmaken", "Op tijd naar bed"]) expect(words).toContain(title);
    expect(words).toContain("Gehaald!");
    expect(words).toContain(`Volgende keer samen terugkijken: rond ${formatDate(addMonths(today(), 6), "nl")}.`);
    // Paper cannot be clicked: no links into the app on the sheet.
    expect(html.slice(html.indexOf('class="review-sheet"'))).not.toContain("<a ");
    // The print button needs JavaScript: the server renders none.
    expect(words).not.toContain("Afdrukken");
    expect(text(render(printPage.default, "/print", page.data, undefined, "ar"))).toContain("Gezin Papier");
    expect(text(render(printPage.default, "/print", page.data, undefined, "en"))).toContain("Gezin Papier · Look back together");
  });
});

describe("samen terugkijken: the demo family", () => {
  it("looked back five months ago with the coach, reached one goal then, and the next time is in about a month", async () => {
    const seeded = await seedDemo(getDb());
    const familyId = (seeded as { familyId: string }).familyId;
    const dates = reviewDates(getDb(), familyId);
    expect(dates.lastOn).toBe(dayFromToday(-150));
    expect(dates.due).toBe("later");
    const review = getReview(getDb(), familyId, dates.lastId!)!;
    expect(review.present).toContain("Marco (gezinscoach)");
    expect(review.goals.filter((goal) => goal.next === "reached").map((goal) => goal.title)).toEqual(["Elke ochtend samen ontbijten"]);
    const reached = getDb().select().from(goals).where(and(eq(goals.familyId, familyId), eq(goals.title, "Elke ochtend samen ontbijten"))).get()!;
    expect(reached.status).toBe("reached");
    expect(reached.reachedAt).toBeLessThan(Date.now() - 100 * 24 * 60 * 60 * 1000);
    const daysToNext = (Date.parse(dates.nextOn!) - Date.parse(today())) / (24 * 60 * 60 * 1000);
    expect(daysToNext).toBeGreaterThan(20);
    expect(daysToNext).toBeLessThan(45);
  });
});
