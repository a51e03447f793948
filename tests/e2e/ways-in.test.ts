import { describe, expect, it } from "vitest";
import { appInBrowser } from "../support/app-in-browser";
import type { Page } from "playwright-core";
import { axeProblems, newContext, open, settled, watchErrors } from "../support/browser";
import { addMember, follow, formWith, signUp, startFamily, submit } from "./story";

// Ways in, as people use them in Chromium. Samira forgot her password: the mail's
// link gives her a new one and signs her old devices out. Dennis makes a passkey
// right after signing up and signs in with one tap; the DevTools protocol's virtual
// authenticator stands in for his phone's lock (it says yes to PIN or finger at
// once). Then he removes the key, and it no longer works. Lisa lost her way in:
// her mother gives her an "opnieuw inloggen" link, and with it Lisa makes a passkey.

const app = appInBrowser();

/** A phone with a passkey store and a lock that says yes, for this page's browser. */
async function virtualPhone(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}

const dennis = { name: "Dennis", email: "dennis@passkey.test", password: "een lang wachtwoord" };

const samira = { name: "Samira", email: "samira@ways-in.test", password: "een lang wachtwoord" };

describe("forgotten password", () => {
  it("Samira gets a link by mail, sets a new password, and her other devices are signed out", async () => {
    const laptop = await newContext(app.browser);
    const phoneContext = await newContext(app.browser);
    const atLaptop = await laptop.newPage();
    const page = await phoneContext.newPage();
    const errors = watchErrors(page);
    await signUp(page, app.server.base, app.mailbox, samira);
    await open(atLaptop, `${app.server.base}/login`);
    await atLaptop.fill('[name="email"]', samira.email);
    await atLaptop.fill('[name="password"]', samira.password);
    await submit(atLaptop, atLaptop.locator("main form").first(), /\/families$/);

    // On her phone, signed out, she has forgotten the password.
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.locator('form[action="/logout"] button').click()]);
    await open(page, `${app.server.base}/login`);
    await Promise.all([page.waitForURL(/\/forgot/), page.getByRole("link", { name: "Wachtwoord vergeten? Of inloggen zonder wachtwoord?" }).click()]);
    await settled(page);
    await page.fill('[name="email"]', samira.email);
    await page.getByRole("button", { name: "Stuur een link voor een nieuw wachtwoord" }).click();
    await page.getByText(`Hoort er een account bij ${samira.email}?`).waitFor();
    const mail = await app.mailbox.newestTo(samira.email);
    await open(page, mail.text.match(/https?:\/\/\S+\/reset\/[a-z2-7]+/)![0]);
    await page.getByRole("heading", { name: "Kies een nieuw wachtwoord" }).waitFor();
    await page.fill('[name="password"]', "mijn nieuwe lange wachtwoord");
    await submit(page, formWith(page, "password"), /\/account\?changed=1$/);
    await page.getByText("We hebben je nieuwe wachtwoord bewaard.").waitFor();

    // The laptop that knew the old password is out.
    await atLaptop.goto(`${app.server.base}/families`);
    expect(new URL(atLaptop.url()).pathname).toBe("/login");
    expect(errors).toEqual([]);
    await laptop.close();
    await phoneContext.close();
  });
});

describe("passkeys, with JavaScript", () => {
  it("Dennis makes a passkey after signing up, signs in with one tap, and removes it", async () => {
    const context = await newContext(app.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const phone = await virtualPhone(page);

    await signUp(page, app.server.base, app.mailbox, dennis, /unused/, true);
    await page.getByRole("heading", { name: "Je account is klaar" }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // The name is filled in with the device; Dennis makes it his own.
    expect(await page.inputValue('[name="name"]')).toMatch(/Chrome/);
    await page.fill('[name="name"]', "Telefoon van Dennis");
    await page.getByRole("button", { name: "Maak een sleutel op dit apparaat" }).click();
    // His first second step: recovery codes, once.
    await page.getByRole("heading", { name: "Herstelcodes" }).waitFor();
    expect(await page.locator(".recovery-codes li").count()).toBe(10);
    expect(await phone.credentials()).toHaveLength(1);
    await Promise.all([page.waitForURL(/\/families$/), page.locator("main a.button").click()]);
    await settled(page);

    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.locator('form[action="/logout"] button').click()]);
    await open(page, `${app.server.base}/login`);
    await Promise.all([page.waitForURL(/\/families$/), page.getByRole("button", { name: "Inloggen met een sleutel (passkey)" }).click()]);
    await settled(page);

    await open(page, `${app.server.base}/account/passkeys`);
    await page.getByText("Telefoon van Dennis").waitFor();
    await page.getByText(/laatst gebruikt/).waitFor();
    await Promise.all([page.waitForURL(/removed=1/), page.getByRole("button", { name: "Verwijder sleutel Telefoon van Dennis" }).click()]);
    await settled(page);
    expect(await page.getByText("Telefoon van Dennis").count()).toBe(0);
    expect(errors).toEqual([]);

    // The key is still on the phone, but Groeiplan no longer knows it.
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.locator('form[action="/logout"] button').click()]);
    await open(page, `${app.server.base}/login`);
    await page.getByRole("button", { name: "Inloggen met een sleutel (passkey)" }).click();
    await page.getByText("Dat lukte niet met de sleutel. Probeer het nog eens.").waitFor();
    // And the password still works.
    await page.fill('[name="email"]', dennis.email);
    await page.fill('[name="password"]', dennis.password);
    await submit(page, page.locator("main form").first(), /\/families$/);
    await context.close();
  });
});

describe("the family helps its own", () => {
  it("Samira gives Lisa an 'opnieuw inloggen' link; Lisa makes a passkey with it on her new phone and signs in with one tap", async () => {
    const mother = { name: "Samira", email: "samira@family-helps.test", password: "een lang wachtwoord" };
    const lisa = { name: "Lisa", email: "lisa@family-helps.test", password: "lisa haar wachtwoord" };
    const home = await newContext(app.browser);
    const page = await home.newPage();
    const errors = watchErrors(page);
    await signUp(page, app.server.base, app.mailbox, mother);
    const familyId = await startFamily(page, "Gezin Yilmaz", "mama");
    await addMember(page, familyId, { name: "Lisa", relation: "dochter" });
    const row = page.locator("main li", { has: page.locator(".item-title", { hasText: "Lisa" }) });
    await row.locator("summary").click();
    await Promise.all([page.locator("#invite-link").waitFor(), page.getByRole("button", { name: "Maak een link voor Lisa" }).click()]);
    const join = await page.inputValue("#invite-link");

    // Lisa joins with her own account on her old phone.
    const oldPhone = await newContext(app.browser);
    const lisaOld = await oldPhone.newPage();
    await open(lisaOld, join);
    await follow(lisaOld, `/signup?redirectTo=${encodeURIComponent(new URL(join).pathname)}`, /\/signup\?/);
    await signUp(lisaOld, app.server.base, app.mailbox, lisa, /\/join\/[^/?]+$/);
    await submit(lisaOld, lisaOld.locator("main form"), new RegExp(`/f/${familyId}$`));

    // She lost that phone. Her mother makes the link, as a link and a QR code.
    await follow(page, `/f/${familyId}/members`, /\/members$/, page.locator("nav"));
    await follow(page, `/f/${familyId}/members`, /\/members$/, page.locator("main"));
    const lisaRow = page.locator("main li", { has: page.locator(".item-title", { hasText: "Lisa" }) });
    await Promise.all([page.waitForURL(/\/members\/[^/]+$/), lisaRow.getByRole("link", { name: "Aanpassen" }).click()]);
    await settled(page);
    await Promise.all([page.locator("#relogin-link").waitFor(), page.getByRole("button", { name: "Link maken om opnieuw in te loggen" }).click()]);
    await page.locator("img.qr").waitFor();
    const relogin = await page.inputValue("#relogin-link");
    expect(relogin).toMatch(new RegExp(`^${app.server.base}/reset/[a-z2-7]{32}$`));

    // On her new phone she makes a passkey instead of a password.
    const newPhone = await newContext(app.browser);
    const lisaNew = await newPhone.newPage();
    const phone = await virtualPhone(lisaNew);
    const lisaErrors = watchErrors(lisaNew);
    await open(lisaNew, relogin);
    await lisaNew.getByText("Iemand uit je gezin maakte deze link voor jou.", { exact: false }).waitFor();
    await Promise.all([lisaNew.waitForURL(/\/account\/passkeys\?from=link$/), lisaNew.getByRole("button", { name: "Maak een sleutel" }).click()]);
    await settled(lisaNew);
    await lisaNew.getByRole("status").filter({ hasText: "Op andere telefoons en computers ben je nu uitgelogd." }).waitFor();
    expect(await axeProblems(lisaNew)).toEqual([]);
    await lisaNew.fill('[name="name"]', "Nieuwe telefoon");
    await lisaNew.getByRole("button", { name: "Maak een sleutel op dit apparaat" }).click();
    await lisaNew.getByRole("heading", { name: "Herstelcodes" }).waitFor();
    expect(await phone.credentials()).toHaveLength(1);
    // The old phone is signed out.
    await open(lisaOld, `${app.server.base}/f/${familyId}`);
    expect(new URL(lisaOld.url()).pathname).toBe("/login");

    // Next time: one tap.
    await open(lisaNew, `${app.server.base}/`);
    await Promise.all([lisaNew.waitForURL((url) => url.pathname === "/"), lisaNew.locator('form[action="/logout"] button').click()]);
    await open(lisaNew, `${app.server.base}/login`);
    // With one family, signing in opens it.
    await Promise.all([lisaNew.waitForURL(new RegExp(`/f/${familyId}$`)), lisaNew.getByRole("button", { name: "Inloggen met een sleutel (passkey)" }).click()]);
    await settled(lisaNew);
    await lisaNew.getByText("Gezin Yilmaz").first().waitFor();
    // The link worked once.
    await open(lisaNew, relogin);
    await lisaNew.getByRole("heading", { name: "Deze link werkt niet meer" }).waitFor();
    expect(errors).toEqual([]);
    expect(lisaErrors).toEqual([`410 /reset/${relogin.split("/reset/")[1]}`]);
    for (const context of [home, oldPhone, newPhone]) await context.close();
  });
});
