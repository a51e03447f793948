import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, goals } from "../../db/schema";
import * as newGoal from "../../app/routes/family/goal-new";
import * as goalPage from "../../app/routes/family/goal";
import * as editGoal from "../../app/routes/family/goal-edit";
import * as planPage from "../../app/routes/family/plan";
import * as deletePage from "../../app/routes/family/delete";
import { makeFamily } from "../support/factories";
import { load, submit } from "../support/routes";

describe("goals", () => {
  it("a member adds a goal in their own words and sees it on the plan", async () => {
    const { familyId, admin } = await makeFamily();
    const title = "  Water drinken in plaats van limonade  ";
    const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title, lifeArea: "body", term: "short" }, admin.cookie);
    expect(created.status).toBe(302);
    const goalId = created.location!.split("/").pop()!;

    const plan = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    expect(plan.status).toBe(200);
    expect(plan.data.goals.map((g: any) => g.title)).toEqual(["Water drinken in plaats van limonade"]);

    const history = getDb().select().from(changes).where(eq(changes.entityId, goalId)).all();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "create", userId: admin.id });
  });

  it("bad input gets a message per field and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "   ", lifeArea: "moon", term: "forever" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ title: "errors.required", lifeArea: "errors.choose", term: "errors.choose" });
    expect(getDb().select().from(goals).where(eq(goals.familyId, familyId)).all()).toHaveLength(0);
  });

  it("someone from another family gets 404 on every goal route and changes nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "Schulden op een rij", lifeArea: "money", term: "long" }, admin.cookie);
    const goalId = created.location!.split("/").pop()!;
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;

    const params = { familyId, goalId };
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await load(goalPage.loader, `/f/${familyId}/goals/${goalId}`, params, stranger.cookie)).status).toBe(404);
    expect((await load(editGoal.loader, `/f/${familyId}/goals/${goalId}/edit`, params, stranger.cookie)).status).toBe(404);
    expect((await submit(editGoal.action, `/f/${familyId}/goals/${goalId}/edit`, params, { title: "Gekaapt", lifeArea: "money", term: "long" }, stranger.cookie)).status).toBe(404);
    expect((await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "Gekaapt", lifeArea: "money", term: "long" }, stranger.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, "/x", { familyId, entity: "goal", id: goalId }, {}, stranger.cookie)).status).toBe(404);
    expect(getDb().select().from(goals).where(eq(goals.id, goalId)).get()).toMatchObject({ title: "Schulden op een rij", deletedAt: null });
  });

  it("signed out visitors are sent to sign in", async () => {
    const { familyId } = await makeFamily();
    const result = await load(planPage.loader, `/f/${familyId}`, { familyId });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/login?redirectTo=${encodeURIComponent(`/f/${familyId}`)}`);
  });

  it("steps say who does what and when; a member of another family cannot be picked", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const other = await makeFamily(undefined, "Ander gezin");
    const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "Op tijd naar school", lifeArea: "school", term: "short" }, admin.cookie);
    const goalId = created.location!.split("/").pop()!;
    const params = { familyId, goalId };
    const path = `/f/${familyId}/goals/${goalId}`;

    const ok = await submit(goalPage.action, path, params, { intent: "step", what: "Wekker om 7 uur", who: `member:${adminMemberId}`, when: "elke schooldag" }, admin.cookie);
    expect(ok.status).toBe(302);
    const refused = await submit(goalPage.action, path, params, { intent: "step", what: "Iets", who: `member:${other.adminMemberId}`, when: "" }, admin.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.who).toBe("errors.choose");

    const page = await load(goalPage.loader, path, params, admin.cookie);
    expect(page.data.goal.steps).toHaveLength(1);
    expect(page.data.goal.steps[0]).toMatchObject({ what: "Wekker om 7 uur", when: "elke schooldag", whoKind: "member", whoMemberName: admin.name, doneAt: null });

    const stepId = page.data.goal.steps[0].id;
    await submit(goalPage.action, path, params, { intent: "step-done", stepId }, admin.cookie);
    const after = await load(goalPage.loader, path, params, admin.cookie);
    expect(after.data.goal.steps[0].doneAt).not.toBeNull();
  });

  it("a reached goal stays visible as reached, and the change is kept", async () => {
    const { familyId, admin } = await makeFamily();
    const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "Rustig blijven bij ruzie", lifeArea: "home", term: "short" }, admin.cookie);
    const goalId = created.location!.split("/").pop()!;
    await submit(goalPage.action, `/f/${familyId}/goals/${goalId}`, { familyId, goalId }, { intent: "status", status: "reached" }, admin.cookie);
    const plan = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    expect(plan.data.goals[0]).toMatchObject({ title: "Rustig blijven bij ruzie", status: "reached" });
    expect(plan.data.goals[0].reachedAt).toBeTypeOf("number");
    const updates = getDb().select().from(changes).where(eq(changes.entityId, goalId)).all().filter((c) => c.action === "update");
    expect(updates[0]).toMatchObject({ before: { status: "active" }, after: { status: "reached" } });
  });

  it("deleting asks first, then hides the goal but keeps it and who deleted it", async () => {
    const { familyId, admin } = await makeFamily();
    const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title: "Sporten", lifeArea: "body", term: "long" }, admin.cookie);
    const goalId = created.location!.split("/").pop()!;
    const params = { familyId, entity: "goal", id: goalId };
    const confirm = await load(deletePage.loader, `/f/${familyId}/delete/goal/${goalId}`, params, admin.cookie);
    expect(confirm.data).toMatchObject({ entity: "goal", text: "Sporten" });
    expect(getDb().select().from(goals).where(eq(goals.id, goalId)).get()!.deletedAt).toBeNull();

    const removed = await submit(deletePage.action, `/f/${familyId}/delete/goal/${goalId}`, params, {}, admin.cookie);
    expect(removed.status).toBe(302);
    const plan = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    expect(plan.data.goals).toHaveLength(0);
    expect(getDb().select().from(goals).where(eq(goals.id, goalId)).get()!.deletedAt).not.toBeNull();
    const deletion = getDb().select().from(changes).where(eq(changes.entityId, goalId)).all().find((c) => c.action === "delete");
    expect(deletion).toMatchObject({ userId: admin.id });
  });

  it("the family's own priority order can be changed", async () => {
    const { familyId, admin } = await makeFamily();
    for (const title of ["Eerste", "Tweede", "Derde"]) {
      await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title, lifeArea: "home", term: "short" }, admin.cookie);
    }
    const before = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    const derde = before.data.goals.find((g: any) => g.title === "Derde");
    await submit(planPage.action, `/f/${familyId}?index`, { familyId }, { intent: "move", goalId: derde.id, direction: "up" }, admin.cookie);
    const after = await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    expect(after.data.goals.map((g: any) => g.title)).toEqual(["Eerste", "Derde", "Tweede"]);
    // Two goals swapped places: both histories record their new place.
    const tweede = before.data.goals.find((g: any) => g.title === "Tweede");
    for (const goal of [derde, tweede]) {
      const moves = getDb().select().from(changes).where(eq(changes.entityId, goal.id)).all().filter((c) => c.action === "update");
      expect(moves, goal.title).toHaveLength(1);
      expect(moves[0].before).toEqual({ priority: goal.priority });
    }
  });
});
