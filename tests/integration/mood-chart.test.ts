import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { progressNotes } from "../../db/schema";
import { createGoal } from "../../app/plan/goals.server";
import { createProgressNote, moodByWeek } from "../../app/plan/progress.server";
import { addDays, startOfDay, today, weekOf } from "../../app/lib/dates";
import * as progressPage from "../../app/routes/family/progress";
import { makeFamily } from "../support/factories";
import { inLanguage, load } from "../support/routes";

// Issue 14 §7: "hoe gaat het" (1-5) over time, per goal and for the family, drawn
// on the server as SVG with a text alternative, readable without JavaScript.

function noteOn(familyId: string, userId: string, day: string, mood: number | null, goalId: string | null = null) {
  const { id } = createProgressNote(getDb(), familyId, userId, { text: `notitie ${day}`, goalId, mood });
  getDb().update(progressNotes).set({ createdAt: startOfDay(day) + 12 * 60 * 60 * 1000 }).where(eq(progressNotes.id, id!)).run();
}

function renderProgress(data: unknown, lang: "nl" | "en" | "ar" = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: "/progress", Component: progressPage.default as any }]);
  return renderToString(inLanguage(lang, createElement(Stub, { initialEntries: ["/progress"], hydrationData: { loaderData: { page: data } } })));
}

describe("Hoe gaat het, over time", () => {
  it("averages the scores per week, leaves weeks without a score out, and looks back half a year", async () => {
    const { familyId, admin } = await makeFamily();
    const monday = weekOf(today()).monday;
    const goal = createGoal(getDb(), familyId, admin.id, { title: "Rust in huis", lifeArea: "home", term: "short", memberIds: [] });
    noteOn(familyId, admin.id, addDays(monday, -14), 2);
    noteOn(familyId, admin.id, addDays(monday, -13), 3, goal);
    noteOn(familyId, admin.id, addDays(monday, -12), null);
    noteOn(familyId, admin.id, monday, 5, goal);
    // Older than half a year: not on the chart.
    noteOn(familyId, admin.id, addDays(monday, -7 * 30), 1);

    const family = moodByWeek(getDb(), familyId);
    expect(family.to).toBe(monday);
    expect(family.weeks).toEqual([
      { monday: addDays(monday, -14), average: 2.5, count: 2 },
      { monday, average: 5, count: 1 },
    ]);
    expect(moodByWeek(getDb(), familyId, { goalId: goal }).weeks.map((week) => week.average)).toEqual([3, 5]);
  });

  it("the progress page draws it with faces on the scale, and says in words and numbers what it shows", async () => {
    const { familyId, admin } = await makeFamily();
    const monday = weekOf(today()).monday;
    noteOn(familyId, admin.id, addDays(monday, -7), 2);
    noteOn(familyId, admin.id, monday, 4);
    const page = await load(progressPage.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie);
    const html = renderProgress(page.data);
    expect(html).toContain('role="img"');
    expect((html.match(/class="mood-face"/g) ?? []).length).toBe(5);
    expect((html.match(/class="mood-dot"/g) ?? []).length).toBe(2);
    const text = html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("2 weken met een cijfer, gemiddeld 3 van 5. Het laatste cijfer: 4 van 5");
    expect(text).toContain("Bekijk de cijfers");
    expect(text).toContain("4 (Goed)");
    expect(renderProgress(page.data, "en").replace(/<!-- -->/g, "")).toContain("2 weeks with a score, on average 3 out of 5.");
  });

  it("without scores it says how to get them, and draws nothing", async () => {
    const { familyId, admin } = await makeFamily();
    noteOn(familyId, admin.id, today(), null);
    const page = await load(progressPage.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie);
    const html = renderProgress(page.data);
    expect(html).not.toContain("<svg");
    expect(html).toContain("Nog geen cijfers.");
  });
});
