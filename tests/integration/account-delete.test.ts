import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { apiTokens, consents, emailLinks, families, goals, members, passkeys, progressNotes, recoveryCodes, sessions, steps, totpApps, users, webauthnChallenges } from "../../db/schema";
import * as deletePage from "../../app/routes/account-delete";
import * as accountPage from "../../app/routes/account";
import * as login from "../../app/routes/login";
import * as forgot from "../../app/routes/forgot";
import * as signup from "../../app/routes/signup";
import * as signupConfirm from "../../app/routes/signup-confirm";
import * as options from "../../app/routes/passkey-options";
import * as keysPage from "../../app/routes/account-passkeys";
import * as familyProgress from "../../app/routes/family/progress";
import * as familyGoal from "../../app/routes/family/goal";
import * as familyHistory from "../../app/routes/family/history";
import * as familyPlan from "../../app/routes/family/plan";
import * as looksPage from "../../app/routes/family/looks";
import * as careProgress from "../../app/routes/care/progress";
import * as accessEdit from "../../app/routes/family/access-edit";
import { changeConsent } from "../../consent/grants";
import { askAccountDeletion, onlyAdminOf, purgeDeletedAccounts, UNDO_PERIOD } from "../../app/auth/account-delete.server";
import { createSession, SESSION_COOKIE, validateSessionToken } from "../../app/auth/session.server";
import { createEmailLink } from "../../app/auth/email-links.server";
import { inspectNewPasswordLink, signInByLink } from "../../app/auth/sign-in.server";
import { resetRateLimits } from "../../app/auth/rate-limit.server";
import { calendarDay } from "../../app/lib/dates";
import { addMember } from "../../app/plan/members.server";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { createProgressNote } from "../../app/plan/progress.server";
import { createApiToken, resolveApiToken } from "../../consent/api-tokens";
import { readThroughGate, writeThroughGate } from "../../consent/gate";
import { call, load, makeRequest, inLanguage } from "../support/routes";
import { makeFamily, makeUser, type TestUser } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { softAuthenticator } from "../support/authenticator";
import { mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";

// Deleting one's own account (ADR 013, "An account"): asked twice, refused for a
// family's only admin, signed out everywhere at once, undone by signing in within
// 14 days; after that every way in goes, and what the person wrote stays in the
// family's plan as by a former member. A professional who looked stays named.

beforeAll(() => mailServer.listen({ onUnhandledRequest: "error" }));
beforeEach(() => resetRateLimits());
afterEach(() => resetMail());
afterAll(() => mailServer.close());

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = "een lang wachtwoord";
const IP = { "x-groeiplan-client-ip": "192.0.2.77" };

const ask = (cookie: string, form: Record<string, string>) => call(deletePage.action, makeRequest("/account/delete", { cookie, form, headers: IP }));
const userRow = (id: string) => getDb().select().from(users).where(eq(users.id, id)).get()!;
const sessionsOf = (id: string) => getDb().select().from(sessions).where(eq(sessions.userId, id)).all();
const tokenOf = (cookie: string) => cookie.split("=")[1];
const cookieFrom = (result: { headers: Headers }) => result.headers.get("Set-Cookie")?.match(/gp_session=([^;]*)/)?.[1] ?? null;

function render(Component: ComponentType, url: string, loaderData: unknown, actionData?: unknown) {
  const Stub = createRoutesStub([{ id: "page", path: url.split("?")[0], Component }]);
  const hydrationData = { loaderData: { page: loaderData }, actionData: actionData ? { page: actionData } : undefined };
  const html = renderToString(inLanguage("nl", createElement(Stub, { initialEntries: [url], hydrationData })));
  return html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

/** Mama is the family's admin; papa has his own account as a plain member. */
async function familyWithPapa() {
  const family = await makeFamily(await makeUser({ name: "Mama Jansen" }), "Gezin Jansen");
  const papa = await makeUser({ name: "Papa Jansen" });
  const memberId = addMember(getDb(), family.familyId, family.admin.id, { name: "Papa Jansen", relation: "papa", livesAtHome: "yes" });
  getDb().update(members).set({ userId: papa.id }).where(eq(members.id, memberId)).run();
  return { ...family, papa, papaMemberId: memberId };
}

/** Papa writes in the plan: a goal, a step and a note. */
function papaWrites(familyId: string, papa: TestUser) {
  const db = getDb();
  const goalId = createGoal(db, familyId, papa.id, { title: "Samen ontbijten", lifeArea: "home", term: "short", memberIds: [] });
  const step = createStep(db, familyId, papa.id, goalId, { what: "Brood kopen", when: "", who: "together" });
  if ("error" in step) throw new Error(step.error);
  const note = createProgressNote(db, familyId, papa.id, { text: "Het ging goed vanochtend", goalId, mood: 4 });
  if ("error" in note) throw new Error(note.error);
  return { goalId, stepId: step.id, noteId: note.id };
}

describe("asking to delete an account", () => {
  it("explains first, lists every family's Download alles, and the ask ends every session and API key", async () => {
    const { familyId, admin } = await makeFamily();
    const { professional, consentId } = await makeConsent(familyId, admin.id);
    const db = getDb();
    const second = createSession(db, professional.id, { device: "Laptop" });
    const key = createApiToken(db, consentId, professional.id, "Zorgsysteem")!;
    expect(resolveApiToken(db, key.token)).not.toBeNull();

    const page = await load(deletePage.loader, "/account/delete", {}, professional.cookie);
    expect(page.status).toBe(200);
    expect(page.data.blocking).toEqual([]);
    const html = render(deletePage.default as any, "/account/delete", page.data);
    expect(textOf(html)).toContain("Je bent meteen overal uitgelogd");
    expect(textOf(html)).toContain("Log binnen 14 dagen weer in");
    expect(textOf(html)).toContain("door een oud-gezinslid");
    expect(html).toContain('name="confirm"');
    expect(html).toContain('name="password"');

    const asker = await makeFamily(await makeUser({ name: "Fatima" }), "Gezin Bakkal");
    const papa = await familyWithPapa();
    getDb().update(members).set({ userId: asker.admin.id }).where(eq(members.id, papa.papaMemberId)).run();
    // A member of two families sees a download link for each.
    const both = await load(deletePage.loader, "/account/delete", {}, asker.admin.cookie);
    expect(both.data.families.map((f: { name: string }) => f.name).sort()).toEqual(["Gezin Bakkal", "Gezin Jansen"]);
    expect(render(deletePage.default as any, "/account/delete", { ...both.data, blocking: [] })).toContain(`href="/f/${asker.familyId}/export"`);

    const before = Date.now();
    const done = await ask(professional.cookie, { confirm: "yes", password: PASSWORD });
    expect(done.status).toBe(302);
    const day = done.location!.match(/^\/login\?deleted=(\d{4}-\d{2}-\d{2})$/)![1];
    expect([calendarDay(before + UNDO_PERIOD), calendarDay(Date.now() + UNDO_PERIOD)]).toContain(day);
    expect(cookieFrom(done)).toBe("");
    expect(done.headers.get("Set-Cookie")).toContain("Max-Age=0");

    expect(userRow(professional.id).deletingAt).toBeGreaterThanOrEqual(before);
    expect(sessionsOf(professional.id)).toEqual([]);
    expect(validateSessionToken(db, tokenOf(professional.cookie))).toBeNull();
    expect(validateSessionToken(db, second.token)).toBeNull();
    expect(db.select().from(apiTokens).where(eq(apiTokens.userId, professional.id)).get()!.revokedAt).not.toBeNull();
    expect(resolveApiToken(db, key.token)).toBeNull();
    // The signed-out page says until when signing in undoes it.
    const notice = textOf(render(login.default as any, `/login?deleted=${day}`, null));
    expect(notice).toMatch(/Je account wordt verwijderd\. .* Log dan vóór \d{1,2} \w+ \d{4} weer in/);
  });

  it("a crafted ?deleted= shows nothing but a real date", async () => {
    for (const crafted of ["<script>alert(1)</script>", "2026-02-30", "2026-01-01<b>x</b>", "1 januari 2026", "9999-99-99"]) {
      const html = render(login.default as any, `/login?${new URLSearchParams({ deleted: crafted })}`, null);
      expect(html, crafted).toContain("Inloggen");
      expect(html, crafted).not.toContain("Je account wordt verwijderd");
      expect(html).not.toContain("<script>alert");
    }
  });

  it("'Mijn account' links to it", async () => {
    const user = await makeUser();
    const page = await load(accountPage.loader, "/account", {}, user.cookie);
    expect(render(accountPage.default as any, "/account", page.data)).toContain('href="/account/delete"');
  });

  it("signed out, the page sends you to sign in", async () => {
    const page = await load(deletePage.loader, "/account/delete", {});
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/login\?redirectTo=/);
    const posted = await call(deletePage.action, makeRequest("/account/delete", { form: { confirm: "yes", password: PASSWORD } }));
    expect(posted.status).toBe(302);
  });
});

describe("the only admin of a family", () => {
  it("sees for which family and what to do, no form; the action refuses and stores nothing", async () => {
    const { familyId, admin } = await makeFamily(await makeUser({ name: "Mama Jansen" }), "Gezin Jansen");
    expect(onlyAdminOf(getDb(), admin.id)).toEqual([{ id: familyId, name: "Gezin Jansen" }]);
    const page = await load(deletePage.loader, "/account/delete", {}, admin.cookie);
    expect(page.data.blocking).toEqual([{ id: familyId, name: "Gezin Jansen" }]);
    const html = render(deletePage.default as any, "/account/delete", page.data);
    expect(textOf(html)).toContain("Gezin Jansen");
    expect(textOf(html)).toContain("Maak eerst iemand anders beheerder");
    expect(html).toContain(`href="/f/${familyId}/members"`);
    expect(html).not.toContain('name="password"');
    expect(html).not.toContain('name="confirm"');

    const refused = await ask(admin.cookie, { confirm: "yes", password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ form: "auth:deleteAccount.onlyAdminRefused" });
    expect(userRow(admin.id).deletingAt).toBeNull();
    expect(sessionsOf(admin.id)).toHaveLength(1);
  });

  it("may go once someone else with an account is admin, or once the family is being deleted", async () => {
    const { familyId, admin, papa, papaMemberId } = await familyWithPapa();
    // Papa is a plain member: mama is still the only admin.
    expect(onlyAdminOf(getDb(), admin.id)).toHaveLength(1);
    expect(onlyAdminOf(getDb(), papa.id)).toEqual([]);
    getDb().update(members).set({ role: "admin" }).where(eq(members.id, papaMemberId)).run();
    expect(onlyAdminOf(getDb(), admin.id)).toEqual([]);
    // An admin who was removed from the family does not count.
    getDb().update(members).set({ deletedAt: Date.now() }).where(eq(members.id, papaMemberId)).run();
    expect(onlyAdminOf(getDb(), admin.id)).toHaveLength(1);
    getDb().update(families).set({ deletingAt: Date.now(), deletingBy: admin.id }).where(eq(families.id, familyId)).run();
    expect(onlyAdminOf(getDb(), admin.id)).toEqual([]);
    const done = await ask(admin.cookie, { confirm: "yes", password: PASSWORD });
    expect(done.status).toBe(302);
  });
});

describe("asked twice", () => {
  it("no tick, a wrong or an empty password: 400 next to the field, the tick kept, no password back, nothing stored", async () => {
    const { papa } = await familyWithPapa();
    const secret = "mijn geheime wachtwoord 123";

    const noTick = await ask(papa.cookie, { password: PASSWORD });
    expect(noTick.status).toBe(400);
    expect(noTick.data.errors).toEqual({ confirm: "auth:deleteAccount.tickFirst" });
    expect(JSON.stringify(noTick.data)).not.toContain(PASSWORD);

    const wrong = await ask(papa.cookie, { confirm: "yes", password: secret });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ password: "auth:deleteAccount.wrongPassword" });
    expect(wrong.data.values).toEqual({ confirm: "yes" });
    expect(JSON.stringify(wrong.data)).not.toContain(secret);

    const empty = await ask(papa.cookie, { confirm: "yes", password: "" });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual({ password: "errors.required" });

    const neither = await ask(papa.cookie, { confirm: "nee" });
    expect(neither.status).toBe(400);
    expect(Object.keys(neither.data.errors).sort()).toEqual(["confirm", "password"]);
    expect(neither.data.values).toEqual({ confirm: "" });

    // The page draws the message next to the field, the tick set, the password empty.
    const page = await load(deletePage.loader, "/account/delete", {}, papa.cookie);
    const html = render(deletePage.default as any, "/account/delete", page.data, wrong.data);
    expect(html).toContain("Dit is niet je wachtwoord");
    expect(html.match(/<input[^>]*name="confirm"[^>]*>/)?.[0]).toContain(`checked=""`);
    expect(html).not.toContain(secret);

    expect(userRow(papa.id).deletingAt).toBeNull();
    expect(sessionsOf(papa.id)).toHaveLength(1);
  });

  it("a wrong password counts against the same limit as signing in", async () => {
    const { papa } = await familyWithPapa();
    for (let i = 0; i < 10; i++) expect((await ask(papa.cookie, { confirm: "yes", password: `fout ${i}` })).status).toBe(400);
    const blocked = await ask(papa.cookie, { confirm: "yes", password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(userRow(papa.id).deletingAt).toBeNull();
    const signIn = await call(login.action, makeRequest("/login", { form: { email: papa.email, password: PASSWORD, redirectTo: "" }, headers: IP }));
    expect(signIn.status).toBe(429);
  });
});

describe("signing in within 14 days", () => {
  it("with the password undoes it, and the purge leaves the account alone", async () => {
    const { papa } = await familyWithPapa();
    const asked = askAccountDeletion(getDb(), papa.id, Date.now() - 10 * DAY);
    expect(asked).toHaveProperty("finalAt");
    const signIn = await call(login.action, makeRequest("/login", { form: { email: papa.email, password: PASSWORD, redirectTo: "" }, headers: IP }));
    expect(signIn.status).toBe(302);
    expect(cookieFrom(signIn)).toBeTruthy();
    expect(userRow(papa.id).deletingAt).toBeNull();
    purgeDeletedAccounts(getDb(), Date.now() + 30 * DAY);
    expect(userRow(papa.id)).toMatchObject({ email: papa.email, name: "Papa Jansen", deletedAt: null });
  });

  it("with an inloglink or a passkey undoes it too", async () => {
    const { papa } = await familyWithPapa();
    const device = softAuthenticator();
    expect((await addKey(papa.cookie, device)).status).toBe(200);

    askAccountDeletion(getDb(), papa.id);
    expect(validateSessionToken(getDb(), tokenOf(papa.cookie))).toBeNull();
    const token = createEmailLink(getDb(), { purpose: "signin", email: papa.email, userId: papa.id, payload: { redirectTo: "/" } });
    expect(signInByLink(getDb(), token, "Telefoon")?.kind).toBe("session");
    expect(userRow(papa.id).deletingAt).toBeNull();

    askAccountDeletion(getDb(), papa.id);
    expect(userRow(papa.id).deletingAt).not.toBeNull();
    expect((await passkeySignIn(device)).status).toBe(302);
    expect(userRow(papa.id).deletingAt).toBeNull();
  });
});

async function addKey(cookie: string, device: ReturnType<typeof softAuthenticator>) {
  const asked = await call(options.action, makeRequest("/passkeys/options", { form: { purpose: "add" }, cookie }));
  const answer = device.create(asked.data.options);
  return call(keysPage.action, makeRequest("/account/passkeys", { cookie, form: { intent: "add", name: "Telefoon", challengeId: asked.data.challengeId, answer: JSON.stringify(answer) } }));
}

async function passkeySignIn(device: ReturnType<typeof softAuthenticator>) {
  const asked = await call(options.action, makeRequest("/passkeys/options", { form: { purpose: "signin" } }));
  const answer = device.get(asked.data.options);
  return call(login.action, makeRequest("/login", { form: { intent: "passkey", challengeId: asked.data.challengeId, answer: JSON.stringify(answer), redirectTo: "" } }));
}

describe("after 14 days", () => {
  it("removes every way in and the name, unlinks the member, keeps what was written, shown as by a former member", async () => {
    const db = getDb();
    const { familyId, admin, papa, papaMemberId } = await familyWithPapa();
    const written = papaWrites(familyId, papa);
    const device = softAuthenticator();
    expect((await addKey(papa.cookie, device)).status).toBe(200);
    db.insert(totpApps).values({ userId: papa.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: Date.now() }).run();
    db.insert(webauthnChallenges).values({ id: "c-papa", challenge: "x", userId: papa.id, expiresAt: Date.now() + DAY }).run();
    const relogin = createEmailLink(db, { purpose: "relogin", email: papa.email, userId: papa.id });
    // A professional reads the notes, so the family's log names a looker (not papa).
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "read" } });

    const askedAt = Date.now() - 20 * DAY;
    askAccountDeletion(db, papa.id, askedAt);
    // Before the 14 days are over nothing goes.
    expect(purgeDeletedAccounts(db, askedAt + UNDO_PERIOD - 1)).toBe(0);
    expect(userRow(papa.id)).toMatchObject({ email: papa.email, name: "Papa Jansen", deletedAt: null });
    expect(db.select().from(passkeys).where(eq(passkeys.userId, papa.id)).all()).toHaveLength(1);

    const now = Date.now();
    expect(purgeDeletedAccounts(db, now)).toBe(1);
    expect(userRow(papa.id)).toMatchObject({ email: `deleted-${papa.id}@invalid`, passwordHash: "", name: "", organisation: null, deletedAt: now });
    for (const table of [sessions, passkeys, webauthnChallenges, totpApps, recoveryCodes, emailLinks]) {
      expect(db.select().from(table).where(eq(table.userId, papa.id)).all()).toEqual([]);
    }
    expect(inspectNewPasswordLink(db, relogin)).toBeNull();
    // The member stays, without an account, for the family to keep or remove.
    expect(db.select().from(members).where(eq(members.id, papaMemberId)).get()).toMatchObject({ name: "Papa Jansen", userId: null, deletedAt: null });
    // What papa wrote is still there, as written, still his.
    expect(db.select().from(goals).where(eq(goals.id, written.goalId)).get()).toMatchObject({ title: "Samen ontbijten", createdBy: papa.id, deletedAt: null });
    expect(db.select().from(steps).where(eq(steps.id, written.stepId)).get()).toMatchObject({ what: "Brood kopen", createdBy: papa.id, deletedAt: null });
    expect(db.select().from(progressNotes).where(eq(progressNotes.id, written.noteId)).get()).toMatchObject({ text: "Het ging goed vanochtend", authorUserId: papa.id });

    // The family's pages: the flag, never a name.
    const progress = await load(familyProgress.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie);
    expect(progress.data.progress.map((n: any) => [n.text, n.authorName, n.authorFormer])).toEqual([["Het ging goed vanochtend", null, true]]);
    const goal = await load(familyGoal.loader, `/f/${familyId}/goals/${written.goalId}`, { familyId, goalId: written.goalId }, admin.cookie);
    expect(goal.data.goal.steps.map((s: any) => [s.what, s.authorName, s.authorFormer])).toEqual([["Brood kopen", null, true]]);
    expect(goal.data.progress.map((n: any) => n.authorFormer)).toEqual([true]);
    const history = await load(familyHistory.loader, `/f/${familyId}/history`, { familyId }, admin.cookie);
    const byPapa = history.data.changes.filter((c: any) => c.former);
    expect(byPapa.map((c: any) => [c.entity, c.who, c.organisation])).toEqual(expect.arrayContaining([["goal", null, null], ["step", null, null], ["progress", null, null]]));
    // Mama's own entries keep her name.
    expect(history.data.changes.filter((c: any) => !c.former).every((c: any) => c.who === "Mama Jansen")).toBe(true);
    const plan = await load(familyPlan.loader, `/f/${familyId}`, { familyId }, admin.cookie);
    for (const page of [progress, goal, history, plan]) expect(JSON.stringify(page.data)).not.toContain("Papa Jansen\",\"author");

    // And the family's pages draw the label where the name was.
    expect(textOf(render(familyProgress.default as any, `/f/${familyId}/progress`, progress.data))).toContain("Een oud-gezinslid ·");
    expect(textOf(render(familyHistory.default as any, `/f/${familyId}/history`, history.data))).toContain("Een oud-gezinslid maakte een nieuw doel.");

    // A professional's page draws the label.
    const care = await load(careProgress.loader, `/care/${familyId}/progress`, { familyId }, professional.cookie);
    expect(care.status).toBe(200);
    const careText = textOf(render(careProgress.default as any, `/care/${familyId}/progress`, care.data));
    expect(careText).toContain("Het ging goed vanochtend");
    expect(careText).toContain("Een oud-gezinslid");

    // A second run, or a later one, changes nothing.
    expect(purgeDeletedAccounts(db, now + DAY)).toBe(0);
    expect(userRow(papa.id)).toMatchObject({ email: `deleted-${papa.id}@invalid`, deletedAt: now });
  });

  it("after the purge the old address, password, passkey and mail links fail as for anyone, and the address can sign up anew", async () => {
    useMailProvider();
    const db = getDb();
    const { papa } = await familyWithPapa();
    const device = softAuthenticator();
    expect((await addKey(papa.cookie, device)).status).toBe(200);
    askAccountDeletion(db, papa.id, Date.now() - 15 * DAY);
    expect(purgeDeletedAccounts(db)).toBe(1);

    const signIn = (email: string, password: string) => call(login.action, makeRequest("/login", { form: { email, password, redirectTo: "" }, headers: IP }));
    const old = await signIn(papa.email, PASSWORD);
    const stranger = await signIn("niemand-hier@example.nl", PASSWORD);
    expect(old.status).toBe(400);
    expect(old.data.errors).toEqual(stranger.data.errors);
    expect(old.data.errors).toEqual({ form: "errors.wrongLogin" });
    // Not even the address it has now, with any password, nor an empty one.
    expect((await signIn(`deleted-${papa.id}@invalid`, "x")).data.errors).toEqual({ form: "errors.wrongLogin" });
    expect((await signIn(`deleted-${papa.id}@invalid`, "")).status).toBe(400);

    const passkey = await passkeySignIn(device);
    expect(passkey.status).toBe(400);
    expect(passkey.data.errors).toEqual({ form: "auth:passkey.failed" });

    const mailLink = await call(forgot.action, makeRequest("/forgot", { form: { email: papa.email, intent: "signin", redirectTo: "" }, headers: IP }));
    const strangerLink = await call(forgot.action, makeRequest("/forgot", { form: { email: "niemand-hier@example.nl", intent: "signin", redirectTo: "" }, headers: IP }));
    expect(mailLink.status).toBe(strangerLink.status);
    expect(Object.keys(mailLink.data).sort()).toEqual(Object.keys(strangerLink.data).sort());
    expect(sentMails.filter((m) => m.body.to === papa.email).map((m) => m.body.subject)).toEqual(["Je hebt nog geen account bij Groeiplan"]);
    expect(db.select().from(emailLinks).where(eq(emailLinks.email, papa.email)).all()).toEqual([]);

    // Signing up with the address works as for any address: a new account.
    resetMail();
    useMailProvider();
    const asked = await call(signup.action, makeRequest("/signup", { form: { name: "Papa J.", email: papa.email, password: "een nieuw lang wachtwoord", redirectTo: "" }, headers: IP }));
    expect(asked.status).toBe(200);
    const mail = sentMails.find((m) => m.body.to === papa.email)!;
    expect(mail.body.subject).toBe("Maak je account bij Groeiplan af");
    const token = mail.body.text.match(/\/signup\/([a-z2-7]+)/)![1];
    const made = await call(signupConfirm.action, makeRequest(`/signup/${token}`, { method: "POST", form: {} }), { token });
    expect(made.status).toBe(302);
    const fresh = db.select().from(users).where(eq(users.email, papa.email)).get()!;
    expect(fresh.id).not.toBe(papa.id);
    expect(fresh.deletedAt).toBeNull();
    expect(db.select().from(members).where(eq(members.userId, fresh.id)).all()).toEqual([]);
  });

  it("a professional who looked keeps name and organisation on 'Wie keek mee?'; one who never looked does not", async () => {
    const db = getDb();
    const { familyId, admin } = await makeFamily(await makeUser({ name: "Mama Jansen" }), "Gezin Jansen");
    createGoal(db, familyId, admin.id, { title: "Op tijd naar school", lifeArea: "school", term: "short", memberIds: [] });
    const sanne = await makeConsent(familyId, admin.id, { scopes: { goals: "read", progress: "write" } });
    const access = webAccess(sanne.professional.id, familyId);
    readThroughGate(db, access, "goals", () => null);
    writeThroughGate(db, access, "progress", () => createProgressNote(db, familyId, sanne.professional.id, { text: "Sem was op tijd", goalId: null, mood: null }));
    const never = await makeUser({ name: "Kees Nooitgekeken", organisation: "Wijkteam" });

    for (const person of [sanne.professional, never]) askAccountDeletion(db, person.id, Date.now() - 15 * DAY);
    expect(purgeDeletedAccounts(db)).toBe(2);
    expect(userRow(sanne.professional.id)).toMatchObject({ name: "Sanne de Boer", organisation: "Basisschool De Linde", email: `deleted-${sanne.professional.id}@invalid`, passwordHash: "" });
    expect(userRow(never.id)).toMatchObject({ name: "", organisation: null });
    // Her consent ends with her account: the family no longer sees it as in force.
    expect(db.select().from(consents).where(eq(consents.id, sanne.consentId)).get()).toMatchObject({ status: "revoked", revokedBy: sanne.professional.id });

    const looks = await load(looksPage.loader, `/f/${familyId}/looks`, { familyId }, admin.cookie);
    expect(looks.status).toBe(200);
    expect(looks.data.visits.length).toBeGreaterThan(0);
    expect(looks.data.visits.every((v: any) => v.name === "Sanne de Boer")).toBe(true);
    // In the plan, what she wrote is by a former member like anyone's.
    const progress = await load(familyProgress.loader, `/f/${familyId}/progress`, { familyId }, admin.cookie);
    expect(progress.data.progress.map((n: any) => [n.text, n.authorName, n.authorOrganisation, n.authorFormer])).toEqual([["Sem was op tijd", null, null, true]]);
  });

  it("a consent version a removed admin made shows as by a former member on the family's page", async () => {
    const db = getDb();
    const { familyId, admin, papa, papaMemberId } = await familyWithPapa();
    db.update(members).set({ role: "admin" }).where(eq(members.id, papaMemberId)).run();
    const { consentId } = await makeConsent(familyId, admin.id, { scopes: { goals: "read" } });
    changeConsent(db, familyId, papa.id, consentId, { scopes: { goals: "read", progress: "read" }, endsAt: Date.now() + 30 * DAY });
    askAccountDeletion(db, papa.id, Date.now() - 15 * DAY);
    purgeDeletedAccounts(db);
    const page = await load(accessEdit.loader, `/f/${familyId}/access/${consentId}`, { familyId, consentId }, admin.cookie);
    expect(page.data.versions.map((v: any) => [v.version, v.changedByName, v.changedByFormer])).toEqual([
      [2, null, true],
      [1, "Mama Jansen", false],
    ]);
    expect(textOf(render(accessEdit.default as any, `/f/${familyId}/access/${consentId}`, page.data))).toContain("Een oud-gezinslid veranderde dit op");
  });
});
