import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { changes, familyInvitations, members } from "../../db/schema";
import * as membersPage from "../../app/routes/family/members";
import * as newMember from "../../app/routes/family/member-new";
import * as editMember from "../../app/routes/family/member-edit";
import * as joinPage from "../../app/routes/join";
import * as planPage from "../../app/routes/family/plan";
import { createJoinLink } from "../../app/plan/join-links.server";
import { generateToken, hashToken } from "../../consent/tokens";
import { CLAIM_LIMIT } from "../../app/auth/rate-limit.server";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { call, load, makeRequest, submit } from "../support/routes";

const DAY = 24 * 60 * 60 * 1000;

function membersOf(familyId: string) {
  return getDb().select().from(members).where(eq(members.familyId, familyId)).all();
}

function invitationsOf(familyId: string) {
  return getDb().select().from(familyInvitations).where(eq(familyInvitations.familyId, familyId)).all();
}

/** A family with a member without an account ("Papa Rik"), as families start. */
async function familyWithPapa() {
  const family = await makeFamily();
  await submit(newMember.action, `/f/${family.familyId}/members/new`, { familyId: family.familyId }, { name: "Papa Rik", relation: "papa", livesAtHome: "sometimes" }, family.admin.cookie);
  const papa = membersOf(family.familyId).find((m) => m.name === "Papa Rik")!;
  return { ...family, papaMemberId: papa.id };
}

async function invite(familyId: string, admin: TestUser, memberId: string, role: "member" | "admin" = "member") {
  const result = await submit(membersPage.action, `/f/${familyId}/members`, { familyId }, { intent: "invite", memberId, role }, admin.cookie);
  expect(result.status).toBe(200);
  const link: string = result.data.invited.link;
  return { result, link, token: link.split("/join/")[1] };
}

function claim(token: string, user: TestUser, ip = "10.0.0.1") {
  return call(joinPage.action, makeRequest(`/join/${token}`, { cookie: user.cookie, form: {}, headers: { "x-groeiplan-client-ip": ip } }), { token });
}

describe("join links for family members", () => {
  it("the link is shown once, has at least 160 bits, and only its hash is stored", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { result, link, token } = await invite(familyId, admin, papaMemberId);
    expect(link).toBe(`http://localhost/join/${token}`);
    expect(result.data.invited.memberName).toBe("Papa Rik");
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(token.length * 5).toBeGreaterThanOrEqual(160);

    const stored = invitationsOf(familyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ memberId: papaMemberId, role: "member", tokenHash: hashToken(token), claimedAt: null, revokedAt: null });
    expect(stored[0].expiresAt - stored[0].createdAt).toBeGreaterThan(13 * DAY);
    expect(stored[0].expiresAt - stored[0].createdAt).toBeLessThanOrEqual(14 * DAY + 1000);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(getDb().select().from(changes).where(eq(changes.familyId, familyId)).all())).not.toContain(token);

    // Afterwards the page lists the open link, but can no longer show it.
    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, admin.cookie);
    expect(page.data.invitations).toHaveLength(1);
    expect(page.data.invitations[0]).toMatchObject({ memberName: "Papa Rik", role: "member" });
    expect(JSON.stringify(page.data)).not.toContain(token);
  });

  it("the link shows which family invites you, and sends a signed-out visitor to sign up and back", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId);
    const page = await load(joinPage.loader, `/join/${token}`, { token });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "open", familyName: "Gezin Test", memberName: "Papa Rik", signedIn: false, familyId: null });

    const post = await submit(joinPage.action, `/join/${token}`, { token }, {});
    expect(post.status).toBe(302);
    expect(post.location).toBe(`/login?redirectTo=${encodeURIComponent(`/join/${token}`)}`);
    expect(invitationsOf(familyId)[0].claimedAt).toBeNull();
  });

  it("claiming works once: the claimer becomes that member and sees the plan", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId);
    const rik = await makeUser({ name: "Rik" });
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, rik.cookie)).status).toBe(404);

    const claimed = await claim(token, rik);
    expect(claimed.status).toBe(302);
    expect(claimed.location).toBe(`/f/${familyId}`);
    expect(membersOf(familyId).find((m) => m.id === papaMemberId)).toMatchObject({ userId: rik.id, role: "member", name: "Papa Rik" });
    expect(invitationsOf(familyId)[0]).toMatchObject({ claimedBy: rik.id });
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, rik.cookie)).status).toBe(200);
    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, rik.cookie);
    expect(page.data.members.find((m: any) => m.id === papaMemberId)).toMatchObject({ hasAccount: true });
    const history = getDb().select().from(changes).where(eq(changes.entityId, papaMemberId)).all();
    expect(history.find((c) => c.action === "update")).toMatchObject({ userId: rik.id, after: { userId: rik.id, role: "member" } });

    // A second person with the same link gets a friendly "already used" page and no access.
    const late = await makeUser({ name: "Iemand anders" });
    const second = await claim(token, late);
    expect(second.status).toBe(410);
    expect(second.data).toEqual({ state: "claimed" });
    const again = await load(joinPage.loader, `/join/${token}`, { token }, late.cookie);
    expect(again.status).toBe(410);
    expect(again.data).toEqual({ state: "claimed" });
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, late.cookie)).status).toBe(404);
    expect(membersOf(familyId).filter((m) => m.userId === late.id)).toHaveLength(0);
  });

  it("an invitation can make someone an admin", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId, "admin");
    const rik = await makeUser({ name: "Rik" });
    await claim(token, rik);
    expect(membersOf(familyId).find((m) => m.id === papaMemberId)).toMatchObject({ userId: rik.id, role: "admin" });
    const page = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, rik.cookie);
    expect(page.data.isAdmin).toBe(true);
  });

  it("a new member and their link are made in one go", async () => {
    const { familyId, admin } = await makeFamily();
    const made = await submit(newMember.action, `/f/${familyId}/members/new`, { familyId }, { name: "Oma Ans", relation: "oma", livesAtHome: "no", invite: "member" }, admin.cookie);
    expect(made.status).toBe(200);
    const token = made.data.invited.link.split("/join/")[1];
    const ans = membersOf(familyId).find((m) => m.name === "Oma Ans")!;
    expect(ans).toMatchObject({ relation: "oma", livesAtHome: "no", userId: null });
    expect(invitationsOf(familyId)[0]).toMatchObject({ memberId: ans.id, tokenHash: hashToken(token) });

    const oma = await makeUser({ name: "Ans" });
    expect((await claim(token, oma)).status).toBe(302);
    expect(membersOf(familyId).find((m) => m.id === ans.id)!.userId).toBe(oma.id);
  });

  it("an expired link is refused with a friendly page", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const db = getDb();
    const made = db.transaction(() => createJoinLink(db, familyId, admin.id, { memberId: papaMemberId }, "member", Date.now() - 15 * DAY));
    if ("error" in made) throw new Error(made.error);
    const page = await load(joinPage.loader, `/join/${made.token}`, { token: made.token });
    expect(page.status).toBe(410);
    expect(page.data).toEqual({ state: "expired" });
    const rik = await makeUser();
    const claimed = await claim(made.token, rik);
    expect(claimed.status).toBe(410);
    expect(claimed.data).toEqual({ state: "expired" });
    expect(membersOf(familyId).find((m) => m.id === papaMemberId)!.userId).toBeNull();
    const listed = await load(membersPage.loader, `/f/${familyId}/members`, { familyId }, admin.cookie);
    expect(listed.data.invitations).toEqual([]);
  });

  it("a withdrawn link no longer works", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId);
    const invitationId = invitationsOf(familyId)[0].id;
    const revoked = await submit(membersPage.action, `/f/${familyId}/members`, { familyId }, { intent: "revoke", invitationId }, admin.cookie);
    expect(revoked.status).toBe(302);
    expect(invitationsOf(familyId)[0].revokedAt).not.toBeNull();

    const page = await load(joinPage.loader, `/join/${token}`, { token });
    expect(page.status).toBe(410);
    expect(page.data).toEqual({ state: "revoked" });
    const rik = await makeUser();
    expect((await claim(token, rik)).status).toBe(410);
    expect(membersOf(familyId).find((m) => m.id === papaMemberId)!.userId).toBeNull();
  });

  it("a new link replaces the old one, and removing the member withdraws it", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const first = await invite(familyId, admin, papaMemberId);
    const second = await invite(familyId, admin, papaMemberId);
    expect((await load(joinPage.loader, "/x", { token: first.token })).data).toEqual({ state: "revoked" });
    expect((await load(joinPage.loader, "/x", { token: second.token })).data.state).toBe("open");

    await submit(editMember.action, "/x", { familyId, memberId: papaMemberId }, { intent: "remove" }, admin.cookie);
    expect((await load(joinPage.loader, "/x", { token: second.token })).data).toEqual({ state: "revoked" });
    const rik = await makeUser();
    expect((await claim(second.token, rik)).status).toBe(410);
    expect((await load(planPage.loader, `/f/${familyId}`, { familyId }, rik.cookie)).status).toBe(404);
  });

  it("a guessed or broken link shows nothing about any family", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    await invite(familyId, admin, papaMemberId);
    const rik = await makeUser();
    for (const token of [generateToken(), "abc", "x".repeat(200), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const page = await load(joinPage.loader, `/join/${token}`, { token }, rik.cookie);
      expect(page.status).toBe(404);
      expect(page.data).toEqual({ state: "unknown" });
      const claimed = await claim(token, rik);
      expect(claimed.status).toBe(404);
      expect(JSON.stringify(claimed.data)).not.toContain("Gezin Test");
    }
    expect(membersOf(familyId).filter((m) => m.userId === rik.id)).toHaveLength(0);
  });

  it("someone already in the family cannot use a link to take a second place", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId, "admin");
    const page = await load(joinPage.loader, `/join/${token}`, { token }, admin.cookie);
    expect(page.data).toMatchObject({ state: "open", signedIn: true, familyId });

    const claimed = await claim(token, admin);
    expect(claimed.status).toBe(409);
    expect(claimed.data).toEqual({ state: "alreadyMember", familyId });
    expect(membersOf(familyId).find((m) => m.id === papaMemberId)!.userId).toBeNull();
    expect(invitationsOf(familyId)[0].claimedAt).toBeNull();
  });

  it("a member who is not an admin cannot invite or withdraw links (404)", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId);
    const rik = await makeUser({ name: "Rik" });
    await claim(token, rik);
    await submit(newMember.action, "/x", { familyId }, { name: "Noor", relation: "baby", livesAtHome: "yes" }, admin.cookie);
    const noor = membersOf(familyId).find((m) => m.name === "Noor")!;
    const open = await invite(familyId, admin, noor.id);
    const openId = invitationsOf(familyId).find((i) => i.claimedAt === null)!.id;

    expect((await submit(membersPage.action, "/x", { familyId }, { intent: "invite", memberId: noor.id, role: "admin" }, rik.cookie)).status).toBe(404);
    expect((await submit(membersPage.action, "/x", { familyId }, { intent: "revoke", invitationId: openId }, rik.cookie)).status).toBe(404);
    expect((await submit(newMember.action, "/x", { familyId }, { name: "Vriend", relation: "", livesAtHome: "no", invite: "admin" }, rik.cookie)).status).toBe(404);
    expect(invitationsOf(familyId)).toHaveLength(2);
    expect((await load(joinPage.loader, "/x", { token: open.token })).data.state).toBe("open");
  });

  it("an admin cannot invite someone for another family's member, or withdraw its links", async () => {
    const mine = await makeFamily();
    const other = await familyWithPapa();
    const { token } = await invite(other.familyId, other.admin, other.papaMemberId);
    const otherInvitation = invitationsOf(other.familyId)[0].id;
    expect((await submit(membersPage.action, "/x", { familyId: mine.familyId }, { intent: "invite", memberId: other.papaMemberId, role: "admin" }, mine.admin.cookie)).status).toBe(404);
    expect((await submit(membersPage.action, "/x", { familyId: mine.familyId }, { intent: "revoke", invitationId: otherInvitation }, mine.admin.cookie)).status).toBe(404);
    expect((await submit(membersPage.action, "/x", { familyId: other.familyId }, { intent: "revoke", invitationId: otherInvitation }, mine.admin.cookie)).status).toBe(404);
    expect(invitationsOf(mine.familyId)).toHaveLength(0);
    expect((await load(joinPage.loader, "/x", { token })).data.state).toBe("open");
  });

  it("a member who already has an account needs no link", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const result = await submit(membersPage.action, "/x", { familyId }, { intent: "invite", memberId: adminMemberId, role: "member" }, admin.cookie);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "members:errors.hasAccount" });
    expect(invitationsOf(familyId)).toHaveLength(0);
  });

  it("claims are limited per address, so links cannot be guessed by trying many", async () => {
    const { familyId, admin, papaMemberId } = await familyWithPapa();
    const { token } = await invite(familyId, admin, papaMemberId);
    const guesser = await makeUser();
    for (let i = 0; i < CLAIM_LIMIT.max; i += 1) {
      expect((await claim(generateToken(), guesser, "10.9.9.9")).status).toBe(404);
    }
    const blocked = await claim(generateToken(), guesser, "10.9.9.9");
    expect(blocked.status).toBe(429);
    expect(blocked.data).toEqual({ state: "tooMany" });
    // Even the right link waits; from another address the family member gets in.
    expect((await claim(token, guesser, "10.9.9.9")).status).toBe(429);
    const rik = await makeUser();
    expect((await claim(token, rik, "10.1.1.1")).status).toBe(302);
  });
});
