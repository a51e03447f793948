import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, familyInvitations, members } from "../../db/schema";
import * as membersPage from "../../app/routes/family/members";
import * as newMember from "../../app/routes/family/member-new";
import * as editMember from "../../app/routes/family/member-edit";
import * as joinPage from "../../app/routes/join";
import * as planPage from "../../app/routes/family/plan";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { load, submit } from "../support/routes";

function membersOf(familyId: string) {
  return getDb().select().from(members).where(eq(members.familyId, familyId)).all();
}

async function addMember(familyId: string, admin: TestUser, form: Record<string, string>) {
  return submit(newMember.action, `/f/${familyId}/members/new`, { familyId }, form, admin.cookie);
}

/** Another adult joins through an invitation link, the way a family does it. */
async function join(familyId: string, admin: TestUser, role: "member" | "admin", name = "Papa Test") {
  const added = await addMember(familyId, admin, { name, relation: "papa", livesAtHome: "sometimes", invite: role });
  const token = added.data.invited.link.split("/join/")[1];
  const user = await makeUser({ name });
  const claimed = await submit(joinPage.action, `/join/${token}`, { token }, {}, user.cookie);
  expect(claimed.status).toBe(302);
  const member = membersOf(familyId).find((m) => m.userId === user.id)!;
  return { user, memberId: member.id };
}

describe("family members", () => {
  it("an admin adds people without an account: a baby, a father out of the picture", async () => {
    const { familyId, admin } = await makeFamily();
    const baby = await addMember(familyId, admin, { name: "Noor", relation: "baby", livesAtHome: "yes" });
    expect(baby.status).toBe(302);
    expect(baby.location).toBe(`/f/${familyId}/members`);
    await addMember(familyId, admin, { name: "Papa Rik", relation: "papa buiten beeld", livesAtHome: "no" });
    await addMember(familyId, admin, { name: "Daan", relation: "zoon, woont om de week bij papa", livesAtHome: "sometimes" });

    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, admin.cookie);
    expect(page.status).toBe(200);
    expect(page.data.isAdmin).toBe(true);
    expect(page.data.members.map((m: any) => [m.name, m.relation, m.livesAtHome, m.hasAccount])).toEqual([
      [admin.name, "mama", "yes", true],
      ["Noor", "baby", "yes", false],
      ["Papa Rik", "papa buiten beeld", "no", false],
      ["Daan", "zoon, woont om de week bij papa", "sometimes", false],
    ]);
    const noor = membersOf(familyId).find((m) => m.name === "Noor")!;
    expect(noor).toMatchObject({ userId: null, role: "member", deletedAt: null });
    const created = getDb().select().from(changes).where(eq(changes.entityId, noor.id)).all();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ entity: "member", action: "create", userId: admin.id });
  });

  it("keeps the family's own words, only trimmed", async () => {
    const { familyId, admin } = await makeFamily();
    await addMember(familyId, admin, { name: "  opa Kees  ", relation: "opa (van mama's kant)", livesAtHome: "no" });
    expect(membersOf(familyId).find((m) => m.name === "opa Kees")).toMatchObject({ relation: "opa (van mama's kant)" });
  });

  it("bad input gets a message per field and stores nothing", async () => {
    const { familyId, admin } = await makeFamily();
    const result = await addMember(familyId, admin, { name: "   ", relation: "x".repeat(101), livesAtHome: "on the moon" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ name: "errors.required", relation: "errors.tooLong", livesAtHome: "errors.choose" });
    expect(result.data.values.relation).toBe("x".repeat(101));
    expect(membersOf(familyId)).toHaveLength(1);
  });

  it("an admin changes a member, and the change is kept", async () => {
    const { familyId, admin } = await makeFamily();
    await addMember(familyId, admin, { name: "Sem", relation: "zoon", livesAtHome: "yes" });
    const sem = membersOf(familyId).find((m) => m.name === "Sem")!;
    const params = { familyId, memberId: sem.id };
    const form = await load(editMember.loader, `/f/${familyId}/members/${sem.id}`, params, admin.cookie);
    expect(form.data.member).toMatchObject({ name: "Sem", relation: "zoon", livesAtHome: "yes", hasAccount: false });

    const saved = await submit(editMember.action, `/f/${familyId}/members/${sem.id}`, params, { intent: "save", name: "Sem", relation: "zoon", livesAtHome: "sometimes" }, admin.cookie);
    expect(saved.status).toBe(302);
    expect(membersOf(familyId).find((m) => m.id === sem.id)).toMatchObject({ livesAtHome: "sometimes" });
    const update = getDb()
      .select()
      .from(changes)
      .where(and(eq(changes.entityId, sem.id), eq(changes.action, "update")))
      .get();
    expect(update).toMatchObject({ userId: admin.id, before: { livesAtHome: "yes" }, after: { livesAtHome: "sometimes" } });

    const bad = await submit(editMember.action, `/f/${familyId}/members/${sem.id}`, params, { intent: "save", name: "", relation: "", livesAtHome: "yes" }, admin.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ name: "errors.required" });
    expect(membersOf(familyId).find((m) => m.id === sem.id)).toMatchObject({ name: "Sem", livesAtHome: "sometimes" });
  });

  it("removing asks first, then takes the member out but keeps who did it", async () => {
    const { familyId, admin } = await makeFamily();
    await addMember(familyId, admin, { name: "Papa Rik", relation: "papa", livesAtHome: "no" });
    const rik = membersOf(familyId).find((m) => m.name === "Papa Rik")!;
    const params = { familyId, memberId: rik.id };
    const confirm = await load(editMember.loader, `/f/${familyId}/members/${rik.id}?remove=1`, params, admin.cookie);
    expect(confirm.data.canRemove).toBe(true);
    expect(membersOf(familyId).find((m) => m.id === rik.id)!.deletedAt).toBeNull();

    const removed = await submit(editMember.action, `/f/${familyId}/members/${rik.id}`, params, { intent: "remove" }, admin.cookie);
    expect(removed.status).toBe(302);
    expect(removed.location).toBe(`/f/${familyId}/members`);
    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, admin.cookie);
    expect(page.data.members.map((m: any) => m.name)).toEqual([admin.name]);
    expect(membersOf(familyId).find((m) => m.id === rik.id)!.deletedAt).not.toBeNull();
    const deletion = getDb().select().from(changes).where(and(eq(changes.entityId, rik.id), eq(changes.action, "delete"))).get();
    expect(deletion).toMatchObject({ userId: admin.id });
    expect((await load(editMember.loader, `/f/${familyId}/members/${rik.id}`, params, admin.cookie)).status).toBe(404);
  });

  it("the last admin cannot be removed or stop being admin", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const params = { familyId, memberId: adminMemberId };
    const confirm = await load(editMember.loader, `/f/${familyId}/members/${adminMemberId}?remove=1`, params, admin.cookie);
    expect(confirm.data.canRemove).toBe(false);

    const removed = await submit(editMember.action, `/f/${familyId}/members/${adminMemberId}`, params, { intent: "remove" }, admin.cookie);
    expect(removed.status).toBe(400);
    expect(removed.data.errors).toEqual({ form: "members:errors.lastAdmin" });
    const demoted = await submit(editMember.action, `/f/${familyId}/members/${adminMemberId}`, params, { intent: "save", name: admin.name, relation: "mama", livesAtHome: "yes", role: "member" }, admin.cookie);
    expect(demoted.status).toBe(400);
    expect(demoted.data.errors).toEqual({ role: "members:errors.lastAdmin" });
    expect(membersOf(familyId).find((m) => m.id === adminMemberId)).toMatchObject({ role: "admin", deletedAt: null });
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).status).toBe(200);
  });

  it("with a second admin, the first may leave, and then no longer sees the plan", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const papa = await join(familyId, admin, "admin");
    const params = { familyId, memberId: adminMemberId };
    const left = await submit(editMember.action, `/f/${familyId}/members/${adminMemberId}`, params, { intent: "remove" }, admin.cookie);
    expect(left.status).toBe(302);
    expect(left.location).toBe("/families");
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie)).status).toBe(404);
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, papa.user.cookie)).status).toBe(200);
    // Now papa is the last admin.
    const refused = await submit(editMember.action, `/f/${familyId}/members/${papa.memberId}`, { familyId, memberId: papa.memberId }, { intent: "remove" }, papa.user.cookie);
    expect(refused.status).toBe(400);
  });

  it("a member who is not an admin sees the list, but cannot add, change, invite or remove (404)", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const papa = await join(familyId, admin, "member");
    await addMember(familyId, admin, { name: "Noor", relation: "baby", livesAtHome: "yes" });
    const noor = membersOf(familyId).find((m) => m.name === "Noor")!;
    const before = JSON.stringify(membersOf(familyId));
    const invitationsBefore = getDb().select().from(familyInvitations).where(eq(familyInvitations.familyId, familyId)).all().length;

    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, papa.user.cookie);
    expect(page.status).toBe(200);
    expect(page.data.isAdmin).toBe(false);
    expect(page.data.members.map((m: any) => m.name)).toContain("Noor");
    expect(page.data.invitations).toEqual([]);

    const cookie = papa.user.cookie;
    expect((await load(newMember.loader, `/f/${familyId}/members/new`, { familyId }, cookie)).status).toBe(404);
    expect((await addMember(familyId, papa.user, { name: "Iemand", relation: "", livesAtHome: "yes" })).status).toBe(404);
    for (const memberId of [noor.id, adminMemberId, papa.memberId]) {
      const params = { familyId, memberId };
      expect((await load(editMember.loader, `/f/${familyId}/members/${memberId}`, params, cookie)).status).toBe(404);
      expect((await submit(editMember.action, "/x", params, { intent: "save", name: "Gekaapt", relation: "", livesAtHome: "no", role: "admin" }, cookie)).status).toBe(404);
      expect((await submit(editMember.action, "/x", params, { intent: "remove" }, cookie)).status).toBe(404);
    }
    expect((await submit(membersPage.action, `/f/${familyId}/members`, { familyId }, { intent: "invite", memberId: noor.id, role: "admin" }, cookie)).status).toBe(404);

    expect(JSON.stringify(membersOf(familyId))).toBe(before);
    expect(getDb().select().from(familyInvitations).where(eq(familyInvitations.familyId, familyId)).all()).toHaveLength(invitationsBefore);
  });

  it("someone from another family gets 404 on every member route and changes nothing", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    await addMember(familyId, admin, { name: "Noor", relation: "baby", livesAtHome: "yes" });
    const noor = membersOf(familyId).find((m) => m.name === "Noor")!;
    const stranger = (await makeFamily(undefined, "Ander gezin")).admin;
    const before = JSON.stringify(membersOf(familyId));
    const cookie = stranger.cookie;

    expect((await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, cookie)).status).toBe(404);
    expect((await submit(membersPage.action, "/x", { familyId }, { intent: "invite", memberId: noor.id, role: "admin" }, cookie)).status).toBe(404);
    expect((await load(newMember.loader, "/x", { familyId }, cookie)).status).toBe(404);
    expect((await submit(newMember.action, "/x", { familyId }, { name: "Indringer", relation: "", livesAtHome: "yes", invite: "admin" }, cookie)).status).toBe(404);
    for (const memberId of [noor.id, adminMemberId]) {
      const params = { familyId, memberId };
      expect((await load(editMember.loader, "/x", params, cookie)).status).toBe(404);
      expect((await submit(editMember.action, "/x", params, { intent: "save", name: "Gekaapt", relation: "", livesAtHome: "no" }, cookie)).status).toBe(404);
      expect((await submit(editMember.action, "/x", params, { intent: "remove" }, cookie)).status).toBe(404);
    }
    expect(JSON.stringify(membersOf(familyId))).toBe(before);
    expect(getDb().select().from(familyInvitations).where(eq(familyInvitations.familyId, familyId)).all()).toHaveLength(0);
  });

  it("an admin cannot reach a member of another family through their own family", async () => {
    const mine = await makeFamily();
    const other = await makeFamily(undefined, "Ander gezin");
    const params = { familyId: mine.familyId, memberId: other.adminMemberId };
    expect((await load(editMember.loader, "/x", params, mine.admin.cookie)).status).toBe(404);
    expect((await submit(editMember.action, "/x", params, { intent: "remove" }, mine.admin.cookie)).status).toBe(404);
    expect((await submit(editMember.action, "/x", params, { intent: "save", name: "Gekaapt", relation: "", livesAtHome: "no" }, mine.admin.cookie)).status).toBe(404);
    expect(membersOf(other.familyId)[0]).toMatchObject({ name: other.admin.name, deletedAt: null });
  });
});
