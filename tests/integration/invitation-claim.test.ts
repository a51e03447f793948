import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, consentInvitations, consents, users } from "../../db/schema";
import { revokeConsent } from "../../consent/grants";
import * as invitePage from "../../app/routes/invite";
import * as careHome from "../../app/routes/care/home";
import { CLAIM_LIMIT } from "../../app/auth/rate-limit.server";
import { generateToken } from "../../consent/tokens";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { call, load, makeRequest } from "../support/routes";

const FAMILY = "Gezin Jansen";

function consentRow(consentId: string) {
  return getDb().select().from(consents).where(eq(consents.id, consentId)).get()!;
}

function claim(token: string, user?: TestUser, form: Record<string, string> = {}, ip = "10.0.0.7") {
  return call(invitePage.action, makeRequest(`/invite/${token}`, { cookie: user?.cookie, form, headers: { "x-groeiplan-client-ip": ip } }), { token });
}

function open(token: string, user?: TestUser) {
  return load(invitePage.loader, `/invite/${token}`, { token }, user?.cookie);
}

/** A family that invited a professional who has an account but did not open the link yet. */
async function invited(options: { organisation?: string } = {}) {
  const family = await makeFamily(undefined, FAMILY);
  const professional = await makeUser({ name: "Sanne de Boer", organisation: options.organisation });
  const { token, consentId } = await makeConsent(family.familyId, family.admin.id, {
    claim: false,
    professional,
    scopes: { goals: "read", progress: "write" },
  });
  return { ...family, professional, token, consentId };
}

describe("the invitation page for a professional", () => {
  it("says who invites, why, which parts and until when, and sends a signed-out visitor to sign in and back", async () => {
    const { token } = await invited();
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      state: "open",
      familyName: FAMILY,
      name: "Sanne de Boer",
      organisation: "Basisschool De Linde",
      role: "juf van Sem",
      purpose: "Meekijken hoe het gaat met op tijd komen",
      parts: [
        { section: "goals", level: "read" },
        { section: "progress", level: "write" },
      ],
      signedIn: false,
    });
    expect(page.data.lastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Posting without an account goes to the sign-in page, which brings them back here.
    const post = await claim(token);
    expect(post.status).toBe(302);
    expect(post.location).toBe(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
  });

  it("claiming makes the consent active, binds it to the account and goes to the family's page", async () => {
    const { token, consentId, familyId, professional } = await invited();
    const page = await open(token, professional);
    expect(page.data).toMatchObject({ state: "open", signedIn: true, askOrganisation: true });

    const claimed = await claim(token, professional, { organisation: "  Basisschool De Linde  " });
    expect(claimed.status).toBe(302);
    expect(claimed.location).toBe(`/care/${familyId}`);
    expect(consentRow(consentId)).toMatchObject({ status: "active", professionalUserId: professional.id });
    const invitation = getDb().select().from(consentInvitations).where(eq(consentInvitations.consentId, consentId)).get()!;
    expect(invitation).toMatchObject({ claimedBy: professional.id });
    // Families see the organisation next to everything this professional writes.
    expect(getDb().select().from(users).where(eq(users.id, professional.id)).get()!.organisation).toBe("Basisschool De Linde");
    // Claiming is not a look at the plan.
    expect(getDb().select().from(accessLog).where(eq(accessLog.familyId, familyId)).all()).toHaveLength(0);

    const home = await load(careHome.loader, "/care", {}, professional.cookie);
    expect(home.data.active).toMatchObject([{ familyId, familyName: FAMILY }]);
  });

  it("does not ask for an organisation the professional already gave, and never changes it", async () => {
    const { token, professional } = await invited({ organisation: "Schuldhulp Oost" });
    expect((await open(token, professional)).data.askOrganisation).toBe(false);
    await claim(token, professional, { organisation: "Iets anders" });
    expect(getDb().select().from(users).where(eq(users.id, professional.id)).get()!.organisation).toBe("Schuldhulp Oost");
  });

  it("an organisation that is too long gets a message and nothing is claimed", async () => {
    const { token, consentId, professional } = await invited();
    const result = await claim(token, professional, { organisation: "x".repeat(161) });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ organisation: "errors.tooLong" });
    expect(consentRow(consentId)).toMatchObject({ status: "pending", professionalUserId: null });
    expect(getDb().select().from(users).where(eq(users.id, professional.id)).get()!.organisation).toBeNull();
  });

  it("a used link gives a clear page, also to the one who used it, and binds nobody else", async () => {
    const { token, consentId, professional } = await invited();
    expect((await claim(token, professional)).status).toBe(302);

    const other = await makeUser({ name: "Iemand anders" });
    const second = await claim(token, other);
    expect(second.status).toBe(410);
    expect(second.data).toEqual({ state: "claimed" });
    expect(consentRow(consentId).professionalUserId).toBe(professional.id);

    for (const user of [undefined, other, professional]) {
      const page = await open(token, user);
      expect(page.status).toBe(410);
      expect(page.data).toEqual({ state: "claimed" });
    }
  });

  it("an expired link gives a clear page that names no family", async () => {
    const { token, consentId, professional } = await invited();
    getDb()
      .update(consentInvitations)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(consentInvitations.consentId, consentId))
      .run();
    const page = await open(token, professional);
    expect(page.status).toBe(410);
    expect(page.data).toEqual({ state: "expired" });
    const claimed = await claim(token, professional);
    expect(claimed.status).toBe(410);
    expect(claimed.data).toEqual({ state: "expired" });
    expect(JSON.stringify([page.data, claimed.data])).not.toContain(FAMILY);
    expect(consentRow(consentId)).toMatchObject({ status: "pending", professionalUserId: null });
  });

  it("a link the family took back gives a clear page and no access", async () => {
    const { token, consentId, familyId, admin, professional } = await invited();
    revokeConsent(getDb(), familyId, admin.id, consentId);
    const page = await open(token, professional);
    expect(page.status).toBe(410);
    expect(page.data).toEqual({ state: "revoked" });
    const claimed = await claim(token, professional);
    expect(claimed.status).toBe(410);
    expect(claimed.data).toEqual({ state: "revoked" });
    expect(consentRow(consentId)).toMatchObject({ status: "revoked", professionalUserId: null });
  });

  it("a guessed or broken link is a plain 404 that shows nothing about any family", async () => {
    const { professional } = await invited();
    for (const token of [generateToken(), "abc", "x".repeat(200), "../../etc/passwd", "A".repeat(32)]) {
      const page = await open(token, professional);
      expect(page.status).toBe(404);
      expect(page.data).toEqual({ state: "unknown" });
      const claimed = await claim(token, professional);
      expect(claimed.status).toBe(404);
      expect(JSON.stringify(claimed.data)).not.toContain(FAMILY);
    }
    const home = await load(careHome.loader, "/care", {}, professional.cookie);
    expect(home.data.active).toEqual([]);
  });

  it("someone in the family is refused kindly and the link keeps working for the professional", async () => {
    const { token, consentId, admin, professional } = await invited();
    const page = await open(token, admin);
    expect(page.status).toBe(409);
    expect(page.data).toEqual({ state: "member" });
    const claimed = await claim(token, admin);
    expect(claimed.status).toBe(409);
    expect(claimed.data).toEqual({ state: "member" });
    expect(consentRow(consentId)).toMatchObject({ status: "pending", professionalUserId: null });
    expect((await claim(token, professional)).status).toBe(302);
  });

  it("limits claims per address", async () => {
    const { professional } = await invited();
    for (let i = 0; i < CLAIM_LIMIT.max; i++) {
      expect((await claim(generateToken(), professional, {}, "10.9.9.9")).status).toBe(404);
    }
    const blocked = await claim(generateToken(), professional, {}, "10.9.9.9");
    expect(blocked.status).toBe(429);
    expect(blocked.data).toEqual({ state: "tooMany" });
    // Another address is not affected.
    expect((await claim(generateToken(), professional, {}, "10.9.9.10")).status).toBe(404);
  });
});
