import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import * as historyPage from "../../app/routes/family/history";
import * as newGoal from "../../app/routes/family/goal-new";
import * as goalPage from "../../app/routes/family/goal";
import * as editGoal from "../../app/routes/family/goal-edit";
import * as progressPage from "../../app/routes/family/progress";
import * as deletePage from "../../app/routes/family/delete";
import * as membersPage from "../../app/routes/family/members";
import * as newMember from "../../app/routes/family/member-new";
import * as joinPage from "../../app/routes/join";
import { writeThroughGate } from "../../consent/gate";
import { createProgressNote } from "../../app/plan/progress.server";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, submit } from "../support/routes";

// Changes are ordered by their time in milliseconds; keep steps apart.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function addGoal(familyId: string, user: TestUser, title: string) {
  const created = await submit(newGoal.action, `/f/${familyId}/goals/new`, { familyId }, { title, lifeArea: "school", term: "short" }, user.cookie);
  return created.location!.split("/").pop()!;
}

function history(familyId: string, user: TestUser, query = "") {
  return load(historyPage.loader, `/f/${familyId}/history${query}`, { familyId }, user.cookie);
}

describe("history of changes", () => {
  it("says who changed what, newest first, in plain words", async () => {
    const { familyId, admin } = await makeFamily();
    const goalId = await addGoal(familyId, admin, "Op tijd naar school");
    await tick();
    await submit(editGoal.action, "/x", { familyId, goalId }, { title: "Elke dag op tijd naar school", lifeArea: "school", term: "long" }, admin.cookie);
    await tick();
    await submit(goalPage.action, "/x", { familyId, goalId }, { intent: "status", status: "reached" }, admin.cookie);

    const page = await history(familyId, admin);
    expect(page.status).toBe(200);
    const [status, edit, created, ...start] = page.data.changes;
    expect(status).toMatchObject({ entity: "goal", action: "update", who: admin.name, label: "Elke dag op tijd naar school", fields: ["status"] });
    expect(edit).toMatchObject({ entity: "goal", action: "update", label: "Elke dag op tijd naar school", fields: ["title", "term"] });
    expect(created).toMatchObject({ entity: "goal", action: "create", label: "Op tijd naar school", fields: [] });
    // Starting the family made the family and its first member.
    expect(start.map((c: any) => [c.entity, c.action])).toEqual(
      expect.arrayContaining([
        ["family", "create"],
        ["member", "create"],
      ]),
    );
    expect(typeof status.at).toBe("number");
    // Only words for the page leave the server: never the stored rows.
    for (const change of page.data.changes) {
      expect(Object.keys(change).sort()).toEqual(["action", "at", "entity", "fields", "former", "id", "label", "organisation", "who"]);
    }
  });

  it("shows removals by whom, with the words that were removed", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(progressPage.action, "/x", { familyId }, { intent: "progress", text: "Ruzie gehad, maar weer goedgemaakt", mood: "3" }, admin.cookie);
    const noteId = (await load(progressPage.loader, "/x", { familyId }, admin.cookie)).data.progress[0].id;
    await tick();
    await submit(deletePage.action, "/x", { familyId, entity: "progress", id: noteId }, {}, admin.cookie);
    const page = await history(familyId, admin);
    expect(page.data.changes.slice(0, 2)).toEqual([
      expect.objectContaining({ entity: "progress", action: "delete", who: admin.name, label: "Ruzie gehad, maar weer goedgemaakt" }),
      expect.objectContaining({ entity: "progress", action: "create", who: admin.name, label: "Ruzie gehad, maar weer goedgemaakt" }),
    ]);
  });

  it("a professional's change shows their organisation", async () => {
    const { familyId, admin } = await makeFamily();
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { progress: "write" } });
    writeThroughGate(getDb(), webAccess(professional.id, familyId), "progress", () =>
      createProgressNote(getDb(), familyId, professional.id, { text: "Goed gesprek gehad.", goalId: null, mood: null }),
    );
    const page = await history(familyId, admin);
    expect(page.data.changes[0]).toMatchObject({ entity: "progress", action: "create", who: professional.name, organisation: "Basisschool De Linde" });
  });

  it("shows who joined with a link and what changed for that member", async () => {
    const { familyId, admin } = await makeFamily();
    await submit(newMember.action, "/x", { familyId }, { name: "Papa Rik", relation: "papa", livesAtHome: "no" }, admin.cookie);
    const members = (await load(membersPage.loader, "/x", { familyId }, admin.cookie)).data.members;
    const papa = members.find((m: any) => m.name === "Papa Rik");
    await tick();
    const invited = await submit(membersPage.action, "/x", { familyId }, { intent: "invite", memberId: papa.id, role: "admin" }, admin.cookie);
    const token = invited.data.invited.link.split("/join/")[1];
    const rik = await makeUser({ name: "Rik" });
    await tick();
    await submit(joinPage.action, `/join/${token}`, { token }, {}, rik.cookie);

    const page = await history(familyId, rik);
    const top = page.data.changes.slice(0, 4).map((c: any) => [c.entity, c.action, c.who, c.label, c.fields]);
    expect(top).toEqual(
      expect.arrayContaining([
        ["invitation", "update", "Rik", "Papa Rik", ["claimedAt"]],
        ["member", "update", "Rik", "Papa Rik", ["userId", "role"]],
        ["invitation", "create", admin.name, "Papa Rik", []],
        ["member", "create", admin.name, "Papa Rik", []],
      ]),
    );
    expect(JSON.stringify(page.data)).not.toContain(rik.id);
    expect(JSON.stringify(page.data)).not.toContain(token);
  });

  it("can show only the changes to one goal and its steps", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const school = await addGoal(familyId, admin, "Op tijd naar school");
    const other = await addGoal(familyId, admin, "Gezond eten");
    await tick();
    await submit(goalPage.action, "/x", { familyId, goalId: school }, { intent: "step", what: "Wekker om 7 uur", who: `member:${adminMemberId}`, when: "" }, admin.cookie);
    await submit(goalPage.action, "/x", { familyId, goalId: other }, { intent: "step", what: "Fruit kopen", who: "together", when: "" }, admin.cookie);

    const page = await history(familyId, admin, `?goal=${school}`);
    expect(page.data.goal).toMatchObject({ id: school, title: "Op tijd naar school", deleted: false });
    expect(page.data.changes.map((c: any) => [c.entity, c.action, c.label])).toEqual([
      ["step", "create", "Wekker om 7 uur"],
      ["goal", "create", "Op tijd naar school"],
    ]);

    // A removed goal keeps its history.
    await submit(deletePage.action, "/x", { familyId, entity: "goal", id: school }, {}, admin.cookie);
    const removed = await history(familyId, admin, `?goal=${school}`);
    expect(removed.data.goal).toMatchObject({ deleted: true });
    expect(removed.data.changes[0]).toMatchObject({ entity: "goal", action: "delete" });

    expect((await history(familyId, admin, "?goal=onbekend")).status).toBe(404);
    const stranger = await makeFamily(undefined, "Ander gezin");
    const theirGoal = await addGoal(stranger.familyId, stranger.admin, "Hun doel");
    expect((await history(familyId, admin, `?goal=${theirGoal}`)).status).toBe(404);
  });

  it("someone from another family gets 404 and sees nothing", async () => {
    const { familyId, admin } = await makeFamily();
    await addGoal(familyId, admin, "Geheim");
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    const result = await history(familyId, stranger);
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.data ?? "")).not.toContain("Geheim");
    const own = await history((await makeFamily(stranger, "Nog een gezin")).familyId, stranger);
    expect(JSON.stringify(own.data)).not.toContain("Geheim");
  });
});
