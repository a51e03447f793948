import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, progressNotes } from "../../db/schema";
import * as progressPage from "../../app/routes/family/progress";
import * as deletePage from "../../app/routes/family/delete";
import { writeThroughGate } from "../../consent/gate";
import { createGoal } from "../../app/plan/goals.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, submit } from "../support/routes";

function notesOf(familyId: string) {
  return getDb().select().from(progressNotes).where(eq(progressNotes.familyId, familyId)).all();
}

function goal(familyId: string, userId: string, title: string) {
  return createGoal(getDb(), familyId, userId, { title, lifeArea: "school", term: "short", memberIds: [] });
}

// Notes are ordered by their time in milliseconds; keep two notes apart.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("progress", () => {
  it("a member writes a note with a mood and a goal, and sees it at the top, as written", async () => {
    const { familyId, admin } = await makeFamily();
    const goalId = goal(familyId, admin.id, "Op tijd naar school");
    const path = `/f/${familyId}/progress`;
    await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "Eerste week", mood: "", goalId: "" }, admin.cookie);
    await tick();
    const text = "Vandaag gelukt: om 8 uur op school!\nSem was trots.";
    const saved = await submit(progressPage.action, path, { familyId }, { intent: "progress", text, mood: "4", goalId }, admin.cookie);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${path}?saved=1`);

    const page = await load(progressPage.loader, path, { familyId }, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data.progress).toHaveLength(2);
    expect(page.data.progress[0]).toMatchObject({ text, mood: 4, goalId, goalTitle: "Op tijd naar school", authorName: admin.name, authorOrganisation: null });
    expect(page.data.progress[1]).toMatchObject({ text: "Eerste week", mood: null, goalId: null });
    expect(page.data.goals.map((g: any) => g.title)).toEqual(["Op tijd naar school"]);

    const noteId = page.data.progress[0].id;
    const history = getDb().select().from(changes).where(eq(changes.entityId, noteId)).all();
    expect(history).toEqual([expect.objectContaining({ entity: "progress", action: "create", userId: admin.id })]);
  });

  it("can show only the notes about one goal", async () => {
    const { familyId, admin } = await makeFamily();
    const school = goal(familyId, admin.id, "Op tijd naar school");
    const money = goal(familyId, admin.id, "Rekeningen op tijd betalen");
    const path = `/f/${familyId}/progress`;
    await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "Op tijd!", goalId: school }, admin.cookie);
    await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "Huur betaald", goalId: money }, admin.cookie);
    await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "Fijne dag", goalId: "" }, admin.cookie);

    const filtered = await load(progressPage.loader, `${path}?goal=${school}`, { familyId }, admin.cookie);
    expect(filtered.data.filterGoal).toMatchObject({ id: school, title: "Op tijd naar school" });
    expect(filtered.data.progress.map((n: any) => n.text)).toEqual(["Op tijd!"]);
    const all = await load(progressPage.loader, path, { familyId }, admin.cookie);
    expect(all.data.progress).toHaveLength(3);

    // A goal of another family is not a filter here.
    const other = await makeFamily(undefined, "Ander gezin");
    const otherGoal = goal(other.familyId, other.admin.id, "Geheim doel");
    expect((await load(progressPage.loader, `${path}?goal=${otherGoal}`, { familyId }, admin.cookie)).status).toBe(404);
  });

  it("mood is optional; bad input gets a message per field and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const path = `/f/${familyId}/progress`;
    const result = await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "   ", mood: "9" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ text: "errors.required", mood: "errors.choose" });
    expect(result.data.values).toMatchObject({ text: "   ", mood: "9" });
    const tooLong = await submit(progressPage.action, path, { familyId }, { intent: "progress", text: "a".repeat(1001) }, admin.cookie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors).toEqual({ text: "errors.tooLong" });
    expect(notesOf(familyId)).toHaveLength(0);
  });

  it("a goal of another family cannot be picked, and nothing is stored", async () => {
    const { familyId, admin } = await makeFamily();
    const other = await makeFamily(undefined, "Ander gezin");
    const otherGoal = goal(other.familyId, other.admin.id, "Hun doel");
    const result = await submit(progressPage.action, `/f/${familyId}/progress`, { familyId }, { intent: "progress", text: "Hallo", goalId: otherGoal }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ goalId: "errors.choose" });
    expect(notesOf(familyId)).toHaveLength(0);
    expect(notesOf(other.familyId)).toHaveLength(0);
  });

  it("shows a professional's note with their organisation", async () => {
    const { familyId, admin } = await makeFamily();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { progress: "write" } });
    writeThroughGate(getDb(), webAccess(professional.id, familyId), "progress", () =>
      createProgressNote(getDb(), familyId, professional.id, { text: "Sem was deze week elke dag op tijd.", goalId: null, mood: 5 }),
    );
    const page = await load(progressPage.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie);
    expect(page.data.progress[0]).toMatchObject({
      text: "Sem was deze week elke dag op tijd.",
      mood: 5,
      authorName: professional.name,
      authorOrganisation: "Basisschool De Linde",
    });
  });

  it("a note can be removed after confirming; who removed it is kept", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(progressPage.action, `/f/${familyId}/progress`, { familyId }, { intent: "progress", text: "Per ongeluk" }, admin.cookie);
    const noteId = notesOf(familyId)[0].id;
    const params = { familyId, entity: "progress", id: noteId };
    const confirm = await load(deletePage.loader, `/f/${familyId}/delete/progress/${noteId}`, params, admin.cookie);
    expect(confirm.data).toMatchObject({ entity: "progress", text: "Per ongeluk", back: "progress" });
    const removed = await submit(deletePage.action, "/x", params, {}, admin.cookie);
    expect(removed.location).toBe(`/f/${familyId}/progress`);
    expect((await load(progressPage.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie)).data.progress).toHaveLength(0);
    expect(getDb().select().from(changes).where(eq(changes.entityId, noteId)).all().map((c) => [c.action, c.userId])).toEqual([
      ["create", admin.id],
      ["delete", admin.id],
    ]);
  });

  it("someone from another family gets 404 and adds or removes nothing", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(progressPage.action, `/f/${familyId}/progress`, { familyId }, { intent: "progress", text: "Van ons" }, admin.cookie);
    const noteId = notesOf(familyId)[0].id;
    const stranger = await makeUser({ name: "Vreemde" });
    expect((await load(progressPage.loader, `/f/${familyId}/progress`, { familyId }, stranger.cookie)).status).toBe(404);
    expect((await submit(progressPage.action, "/x", { familyId }, { intent: "progress", text: "Ingebroken" }, stranger.cookie)).status).toBe(404);
    expect((await submit(deletePage.action, "/x", { familyId, entity: "progress", id: noteId }, {}, stranger.cookie)).status).toBe(404);
    expect(notesOf(familyId)).toEqual([expect.objectContaining({ text: "Van ons", deletedAt: null })]);
  });

  it("signed out visitors are sent to sign in", async () => {
    const { familyId } = await makeFamily();
    const result = await load(progressPage.loader, `/f/${familyId}/progress`, { familyId });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/login?redirectTo=${encodeURIComponent(`/f/${familyId}/progress`)}`);
  });
});
