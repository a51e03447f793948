import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import type { Locator, Page } from "playwright-core";
import { open, settled } from "../support/browser";
import type { Mailbox } from "../support/mailbox";

// The steps of the one story every e2e file tells: a family builds its plan, lets a
// teacher look, sees her look, and takes access back. Each step clicks and types
// as a person would, so the same steps run with and without JavaScript. Fields are
// found by their name (stable across languages); the family's own words are checked
// as visible text.

export type Person = { name: string; email: string; password: string };

/** The form on the page that holds a field with this name. */
export function formWith(page: Page, fieldName: string): Locator {
  return page.locator("form", { has: page.locator(`[name="${fieldName}"]`) }).first();
}

/** Press the form's main button and wait until the browser shows a page matching `next`. */
export async function submit(page: Page, form: Locator, next: RegExp | ((url: URL) => boolean)): Promise<void> {
  await Promise.all([page.waitForURL(next), form.locator('button[type="submit"]').last().click()]);
  await settled(page);
}

/** Follow a link whose address ends with `suffix` (optionally inside `scope`). */
export async function follow(page: Page, suffix: string, next: RegExp | ((url: URL) => boolean), scope?: Locator): Promise<void> {
  const link = (scope ?? page.locator("body")).locator(`a[href$="${suffix}"]`).first();
  await Promise.all([page.waitForURL(next), link.click()]);
  await settled(page);
}

/**
 * Makes an account as a person does: the form, then the link in the mail, then its
 * button. The new account is offered a passkey; the person says "not now" and goes
 * on to `next`, unless `atOffer` keeps them on the offer.
 */
export async function signUp(page: Page, base: string, mailbox: Mailbox, person: Person, next: RegExp = /\/families$/, atOffer = false): Promise<void> {
  if (!page.url().includes("/signup")) await open(page, `${base}/signup`);
  await page.fill('[name="name"]', person.name);
  await page.fill('[name="email"]', person.email);
  await page.fill('[name="password"]', person.password);
  await formWith(page, "password").locator('button[type="submit"]').click();
  await page.getByRole("heading", { name: "Kijk in je mail" }).waitFor();
  const mail = await mailbox.newestTo(person.email);
  await open(page, mail.text.match(/https?:\/\/\S+\/signup\/[a-z2-7]+/)![0]);
  await submit(page, page.locator("main form"), (url) => url.pathname === "/account/passkeys");
  if (atOffer) return;
  await Promise.all([page.waitForURL(next), page.getByRole("link", { name: "Nu niet, ga verder" }).click()]);
  await settled(page);
}

/** Sign out with the header's button, then sign in again on the sign-in page. */
export async function signOutAndIn(page: Page, base: string, person: Person, next: RegExp): Promise<void> {
  await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.locator('form[action="/logout"] button').click()]);
  await open(page, `${base}/login`);
  await page.fill('[name="email"]', person.email);
  await page.fill('[name="password"]', person.password);
  const secret = codeApps.get(page);
  if (!secret) return submit(page, formWith(page, "password"), next);
  // Someone with a code app types a code after the password.
  await submit(page, formWith(page, "password"), (url) => url.pathname === "/login/step");
  await page.fill('[name="code"]', codeFromApp(secret, 1));
  await submit(page, formWith(page, "code"), next);
}

/** Start a family from the families page; returns the family's id. */
export async function startFamily(page: Page, familyName: string, relation: string): Promise<string> {
  await page.fill('[name="name"]', familyName);
  await page.fill('[name="relation"]', relation);
  await submit(page, formWith(page, "memberName"), /\/f\/[a-z2-7]{16}$/);
  return new URL(page.url()).pathname.split("/")[2];
}

export async function addGoal(page: Page, familyId: string, goal: { title: string; lifeArea: string }): Promise<string> {
  await follow(page, "/goals/new", /\/goals\/new$/);
  await page.fill('[name="title"]', goal.title);
  await page.selectOption('[name="lifeArea"]', goal.lifeArea);
  await submit(page, formWith(page, "lifeArea"), (url) => /^\/f\/[^/]+\/goals\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

export async function addStep(page: Page, step: { what: string; when: string }): Promise<void> {
  await page.fill('[name="what"]', step.what);
  await page.fill('[name="when"]', step.when);
  const form = formWith(page, "what");
  await form.locator('button[type="submit"]').click();
  await page.locator(".list .pre", { hasText: step.what }).waitFor();
}

export async function addWhatIf(
  page: Page,
  familyId: string,
  whatIf: { situation: string; earlySigns: string; actions: string; informs: string; phones: string },
): Promise<void> {
  await follow(page, `/f/${familyId}/what-ifs`, /\/what-ifs$/, page.locator("nav"));
  await follow(page, "/what-ifs/new", /\/what-ifs\/new$/);
  for (const [field, value] of Object.entries(whatIf)) await page.fill(`[name="${field}"]`, value);
  await submit(page, formWith(page, "situation"), /\/what-ifs(#.*)?$/);
  await page.locator("h2.own-words", { hasText: whatIf.situation }).waitFor();
}

export async function addProgress(page: Page, familyId: string, text: string, mood: string, goalTitle?: string): Promise<void> {
  // Right after saving a note the page already shows an empty form, and a person
  // types the next one there. Leaving for the same page again (from ?saved=1 to the
  // bare address) only re-draws the form under the typing test.
  if (!new URL(page.url()).pathname.endsWith(`/f/${familyId}/progress`)) {
    await follow(page, `/f/${familyId}/progress`, /\/progress$/, page.locator("nav"));
  }
  await page.fill('[name="text"]', text);
  if (goalTitle) await page.selectOption('[name="goalId"]', { label: goalTitle });
  await page.check(`[name="mood"][value="${mood}"]`);
  await submit(page, formWith(page, "mood"), /\/progress\?.*saved=1/);
  await page.locator(".list .pre", { hasText: text }).waitFor();
}

export async function addNetworkPerson(
  page: Page,
  familyId: string,
  person: { name: string; relation: string; phone: string },
): Promise<void> {
  await follow(page, `/f/${familyId}/network`, /\/network$/, page.locator("nav"));
  await follow(page, "/network/new", /\/network\/new$/);
  await page.fill('[name="name"]', person.name);
  await page.check('[name="kind"][value="informal"]');
  await page.fill('[name="relation"]', person.relation);
  await page.fill('[name="phone"]', person.phone);
  await submit(page, formWith(page, "phone"), /\/network$/);
  await page.locator(".item-title", { hasText: person.name }).waitFor();
}

export async function addMember(page: Page, familyId: string, member: { name: string; relation: string }): Promise<void> {
  await follow(page, `/f/${familyId}/members`, /\/members$/, page.locator("nav"));
  await follow(page, "/members/new", /\/members\/new$/);
  await page.fill('[name="name"]', member.name);
  await page.fill('[name="relation"]', member.relation);
  await page.check('[name="livesAtHome"][value="sometimes"]');
  await page.check('[name="invite"][value="no"]');
  await submit(page, formWith(page, "livesAtHome"), /\/members$/);
  await page.locator(".item-title").getByText(member.name, { exact: true }).waitFor();
}

export type Invitee = { name: string; organisation: string; role: string; purpose: string; onlyGoals?: string[]; endsOn?: string };

/** "Iemand uitnodigen": fills the form and returns the one-time link shown after. */
export async function inviteProfessional(page: Page, familyId: string, invitee: Invitee): Promise<string> {
  await follow(page, `/f/${familyId}/access`, /\/access$/, page.locator("nav"));
  await follow(page, "/access/new", /\/access\/new$/);
  await page.fill('[name="name"]', invitee.name);
  await page.fill('[name="organisation"]', invitee.organisation);
  await page.fill('[name="role"]', invitee.role);
  await page.fill('[name="purpose"]', invitee.purpose);
  await page.check('[name="goals"][value="read"]');
  if (invitee.onlyGoals) {
    // "Alleen de doelen die ik kies": the list opens, and the family ticks by title.
    await page.check('[name="goals.which"][value="chosen"]');
    const list = page.locator('details:has([name="goals.pick"])');
    if (!(await list.evaluate((details) => (details as HTMLDetailsElement).open))) await list.locator("summary").click();
    for (const title of invitee.onlyGoals) await list.locator("label", { hasText: title }).locator("input").check();
  }
  await page.check('[name="progress"][value="write"]');
  // The end date keeps its default (a few months ahead) unless told; the form says so in its hint.
  if (invitee.endsOn) await page.fill('[name="endsOn"]', invitee.endsOn);
  const form = formWith(page, "purpose");
  await form.locator("button.primary").click();
  const link = page.locator("#invitation-link");
  await link.waitFor();
  return link.inputValue();
}

/** The professional opens the link signed out, makes an account, and takes the access. */
export async function claimAsNewProfessional(page: Page, link: string, mailbox: Mailbox, person: Person, organisation: string): Promise<string> {
  await open(page, link);
  await follow(page, `/signup?redirectTo=${encodeURIComponent(new URL(link).pathname)}`, /\/signup\?/);
  await signUp(page, new URL(link).origin, mailbox, person, /\/invite\/[^/?]+$/);
  await page.fill('[name="organisation"]', organisation);
  await submit(page, formWith(page, "organisation"), (url) => url.pathname === "/account/two-step");
  await setUpCodeApp(page, /\/care\/[a-z2-7]{16}$/);
  return new URL(page.url()).pathname.split("/")[2];
}

// The code app's secret of the person in this browser, as their phone keeps it.
const codeApps = new WeakMap<Page, string>();

/** The code the phone shows; `ahead` steps later, as a code used once does not work again. */
function codeFromApp(secret: string, ahead = 0): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + ahead), 6);
}

/**
 * A professional's second step before the first look (ADR 014): a code app, set up
 * as a person does, the code worked out here as their phone would.
 */
export async function setUpCodeApp(page: Page, next: RegExp): Promise<void> {
  await submit(page, page.locator("form", { has: page.locator('button[value="start"]') }), (url) => url.pathname === "/account/two-step");
  const secret = (await page.locator('section[aria-labelledby="two-step-setup"] code').innerText()).replace(/\s/g, "");
  codeApps.set(page, secret);
  await page.fill('[name="code"]', codeFromApp(secret));
  const codes = page.locator(".recovery-codes");
  await Promise.all([codes.waitFor(), formWith(page, "code").locator('button[type="submit"]').click()]);
  await settled(page);
  await Promise.all([page.waitForURL(next), page.locator("#recovery-title ~ p.actions a").click()]);
  await settled(page);
}

/**
 * From "Wie mag meekijken?", two taps on the person's row: "Toegang stoppen", then
 * "Ja, stop de toegang". With JavaScript the question opens in the row; without it,
 * on one confirmation page. Either way the list comes back saying it stopped.
 */
export async function revokeAccess(page: Page, familyId: string, name: string): Promise<void> {
  await follow(page, `/f/${familyId}/access`, /\/access$/, page.locator("nav"));
  const row = page.locator("main li", { has: page.locator(".item-title", { hasText: name }) });
  await row.getByRole("link", { name: "Toegang stoppen" }).click();
  const confirm = page.getByRole("button", { name: "Ja, stop de toegang" });
  await confirm.waitFor();
  await Promise.all([page.waitForURL(/\/access\?done=revoked&consent=/), confirm.click()]);
  await settled(page);
}
