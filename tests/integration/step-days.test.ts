import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { steps } from "../../db/schema";
import * as newGoal from "../../app/routes/family/goal-new";
import * as goalPage from "../../app/routes/family/goal";
import * as stepEdit from "../../app/routes/family/step-edit";
import * as planPage from "../../app/routes/family/plan";
import * as careGoals from "../../app/routes/care/goals";
import { setGoalStatus } from "../../app/plan/goals.server";
import { addDays, today, weekOf } from "../../app/lib/dates";
import { makeFamily } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit } from "../support/routes";

// Issue 14 §4: a step may have a day, or from-to, besides the free-text "when". The
// plan shows overdue and this week's steps first, without blame, and after adding a
// step the page says it was kept and where.

async function familyWithGoal(title = "Op tijd naar school") {
  const family = await makeFamily();
  const created = await submit(newGoal.action, `/f/${family.familyId}/goals/new`, { familyId: family.familyId }, { title, lifeArea: "school", term: "short" }, family.admin.cookie);
  const goalId = created.location!.split("/").pop()!;
  const path = `/f/${family.familyId}/goals/${goalId}`;
  const addStep = (form: Record<string, string>) =>
    submit(goalPage.action, path, { familyId: family.familyId, goalId }, { intent: "step", who: "together", when: "", ...form }, family.admin.cookie);
  return { ...family, goalId, path, addStep };
}

describe("a step with a day", () => {
  it("is kept with its day, and the page comes back to the new step and says it was saved", async () => {
    const f = await familyWithGoal();
    const answer = await f.addStep({ what: "Gesprek met de juf", startsOn: "2027-01-12" });
    expect(answer.status).toBe(302);
    const stepId = getDb().select().from(steps).where(eq(steps.goalId, f.goalId)).get()!.id;
    expect(answer.location).toBe(`${f.path}?saved=${stepId}#step-${stepId}`);
    const page = await load(goalPage.loader, f.path, { familyId: f.familyId, goalId: f.goalId }, f.admin.cookie);
    expect(page.data.goal.steps[0]).toMatchObject({ what: "Gesprek met de juf", startsOn: "2027-01-12", endsOn: null });

    // From-to, and a from-to on one day is that day.
    await f.addStep({ what: "Logeren bij oma", startsOn: "2027-01-15", endsOn: "2027-01-17" });
    await f.addStep({ what: "Naar de tandarts", startsOn: "2027-01-20", endsOn: "2027-01-20" });
    const rows = getDb().select().from(steps).where(eq(steps.goalId, f.goalId)).all();
    expect(rows.find((s) => s.what === "Logeren bij oma")).toMatchObject({ startsOn: "2027-01-15", endsOn: "2027-01-17" });
    expect(rows.find((s) => s.what === "Naar de tandarts")).toMatchObject({ startsOn: "2027-01-20", endsOn: null });
  });

  it("a last day before the first, a last day alone or no real date gets a message next to the field, keeps what was typed, stores nothing", async () => {
    const f = await familyWithGoal();
    const cases: { form: Record<string, string>; field: string; message: string }[] = [
      { form: { startsOn: "2027-01-12", endsOn: "2027-01-10" }, field: "endsOn", message: "errors.lastDayBeforeFirst" },
      { form: { endsOn: "2027-01-10" }, field: "startsOn", message: "errors.firstDayMissing" },
      { form: { startsOn: "2027-02-30" }, field: "startsOn", message: "errors.date" },
    ];
    for (const { form, field, message } of cases) {
      const answer = await f.addStep({ what: "Samen naar de bieb", ...form });
      expect(answer.status).toBe(400);
      expect(answer.data.errors[field]).toBe(message);
      expect(answer.data.values.what).toBe("Samen naar de bieb");
    }
    expect(getDb().select().from(steps).where(eq(steps.goalId, f.goalId)).all()).toEqual([]);
  });

  it("can be moved to a new day on its own page, and the goal page marks it after", async () => {
    const f = await familyWithGoal();
    await f.addStep({ what: "Wekker zetten", startsOn: addDays(today(), -3) });
    const stepId = getDb().select().from(steps).where(eq(steps.goalId, f.goalId)).get()!.id;
    const params = { familyId: f.familyId, goalId: f.goalId, stepId };
    const editPath = `${f.path}/steps/${stepId}`;
    expect((await load(stepEdit.loader, editPath, params, f.admin.cookie)).data.step.startsOn).toBe(addDays(today(), -3));
    const moved = await submit(stepEdit.action, editPath, params, { what: "Wekker zetten", who: "together", when: "", startsOn: addDays(today(), 1) }, f.admin.cookie);
    expect(moved.location).toBe(`${f.path}?saved=${stepId}#step-${stepId}`);
    expect(getDb().select().from(steps).where(eq(steps.id, stepId)).get()!.startsOn).toBe(addDays(today(), 1));
  });
});

describe("the plan's 'Deze week'", () => {
  it("shows steps not done whose day passed (oldest first), then this week's; not later ones, done ones or those of a goal at rest", async () => {
    const f = await familyWithGoal("Rust in huis");
    const now = today();
    const { sunday } = weekOf(now);
    await f.addStep({ what: "Lang geleden", startsOn: addDays(now, -20) });
    await f.addStep({ what: "Gisteren", startsOn: addDays(now, -1) });
    await f.addStep({ what: "Vandaag", startsOn: now });
    await f.addStep({ what: "Loopt nog", startsOn: addDays(now, -2), endsOn: addDays(now, 2) });
    await f.addStep({ what: "Volgende week", startsOn: addDays(sunday, 1) });
    await f.addStep({ what: "Zonder dag" });
    await f.addStep({ what: "Al gedaan", startsOn: addDays(now, -1) });
    const done = getDb().select().from(steps).where(eq(steps.what, "Al gedaan")).get()!;
    await submit(goalPage.action, f.path, { familyId: f.familyId, goalId: f.goalId }, { intent: "step-done", stepId: done.id }, f.admin.cookie);

    const plan = await load(planPage.loader, `/f/${f.familyId}`, { familyId: f.familyId }, f.admin.cookie);
    expect(plan.data.week.overdue.map((s: any) => s.what)).toEqual(["Lang geleden", "Gisteren"]);
    expect(plan.data.week.thisWeek.map((s: any) => s.what)).toEqual(["Loopt nog", "Vandaag"]);
    expect(plan.data.week.overdue[0]).toMatchObject({ goalId: f.goalId, goalTitle: "Rust in huis" });

    // A goal put to rest takes its steps out of the week.
    setGoalStatus(getDb(), f.familyId, f.admin.id, f.goalId, "paused");
    const resting = await load(planPage.loader, `/f/${f.familyId}`, { familyId: f.familyId }, f.admin.cookie);
    expect(resting.data.week).toEqual({ overdue: [], thisWeek: [] });
  });

  it("a professional who may read the goals sees the step's day, not the family's week list", async () => {
    const f = await familyWithGoal();
    await f.addStep({ what: "Gesprek met de juf", startsOn: "2027-01-12" });
    const { professional } = await makeConsent(f.familyId, f.admin.id, { scopes: { goals: "read" } });
    const page = await load(careGoals.loader, `/care/${f.familyId}/goals`, { familyId: f.familyId }, professional.cookie);
    expect(page.status).toBe(200);
    expect(page.data.goals[0].steps[0]).toMatchObject({ what: "Gesprek met de juf", startsOn: "2027-01-12", endsOn: null });
    expect((await load(planPage.loader, `/f/${f.familyId}`, { familyId: f.familyId }, professional.cookie)).status).toBe(404);
  });
});
