import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../support/app-in-browser";
import { axeProblems, newContext, open, screenshot, settled, watchErrors } from "../support/browser";
import { addGoal, claimAsNewProfessional, follow, formWith, inviteProfessional, signUp, startFamily, submit } from "./story";

// When coaching ends (issue 14 §2) on a small phone: the family hands the coach role
// from Marco to Ayla (with JavaScript), later puts the plan on waakvlam and keeps
// only Marco (without JavaScript), and when things go wrong again asks Ayla back
// with one tap and a yes. Ayla is refused while on waakvlam and sees the plan again
// after, with the parts she had; she hears it by mail.

const app = appInBrowser();

const PHONE_360 = { width: 360, height: 740 };
const GOAL = "Elke avond rust in huis";
const mother = { name: "Samira", email: "samira@coaching.test", password: "een lang wachtwoord" };

async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width);
}

/** Picks an option of a select by the words it shows. */
async function choose(page: Page, field: string, words: string) {
  const option = page.locator(`[name="${field}"] option`, { hasText: words });
  await page.selectOption(`[name="${field}"]`, (await option.getAttribute("value"))!);
}

describe("de coaching stopt", () => {
  it("hands the coach role over, goes on waakvlam keeping one professional, and asks the last coach back", async () => {
    const family = await newContext(app.browser, { viewport: PHONE_360 });
    const page = await family.newPage();
    const errors = watchErrors(page);
    await signUp(page, app.server.base, app.mailbox, mother);
    const familyId = await startFamily(page, "Gezin Waakvlam", "mama");
    await addGoal(page, familyId, { title: GOAL, lifeArea: "home" });
    const marcoLink = await inviteProfessional(page, familyId, { name: "Marco Visser", organisation: "Wijkteam Noord", role: "gezinscoach", purpose: "Helpt ons met het plan" });
    const aylaLink = await inviteProfessional(page, familyId, { name: "Ayla Demir", organisation: "Wijkteam Noord", role: "gezinscoach", purpose: "Neemt het coachen over" });

    const marcoContext = await newContext(app.browser, { viewport: PHONE_360 });
    await claimAsNewProfessional(await marcoContext.newPage(), marcoLink, app.mailbox, { name: "Marco Visser", email: "marco@coaching.test", password: "een lang wachtwoord" }, "Wijkteam Noord");
    const aylaContext = await newContext(app.browser, { viewport: PHONE_360 });
    const ayla = await aylaContext.newPage();
    await claimAsNewProfessional(ayla, aylaLink, app.mailbox, { name: "Ayla Demir", email: "ayla@coaching.test", password: "een lang wachtwoord" }, "Wijkteam Noord");

    // Marco is the coach; then coaching by him stops and Ayla takes over, Marco keeps looking.
    await open(page, `${app.server.base}/f/${familyId}/team`);
    await choose(page, "coach", "Marco Visser");
    await submit(page, formWith(page, "coach"), (url) => url.searchParams.get("saved") === "1");
    await follow(page, `/f/${familyId}/team/end`, /\/team\/end$/, page.locator("main"));
    await page.getByRole("heading", { name: "Een ander wordt de coach" }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // Nobody chosen: said at the field.
    await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), formWith(page, "to").locator('button[type="submit"]').click()]);
    await settled(page);
    await page.locator("#field-to-error").waitFor();
    await choose(page, "to", "Ayla Demir");
    await submit(page, formWith(page, "to"), (url) => url.searchParams.get("handedOver") === "1");
    await page.getByRole("status").filter({ hasText: "De coach-rol is doorgegeven." }).waitFor();
    await page.locator("li.card", { has: page.getByRole("heading", { name: /Ayla Demir/ }) }).locator(".tag", { hasText: "Gezinscoach" }).waitFor();
    await fitsThePhone(page);

    // Months later, on another phone without JavaScript: waakvlam, Marco may stay.
    const plain = await newContext(app.browser, { viewport: PHONE_360, javaScriptEnabled: false });
    const oldPhone = await plain.newPage();
    await open(oldPhone, `${app.server.base}/login`);
    await oldPhone.fill('[name="email"]', mother.email);
    await oldPhone.fill('[name="password"]', mother.password);
    await submit(oldPhone, formWith(oldPhone, "password"), (url) => url.pathname === `/f/${familyId}`);
    await open(oldPhone, `${app.server.base}/f/${familyId}/team/end`);
    await oldPhone.locator("label", { hasText: "Marco Visser" }).locator('input[name="keep"]').check();
    await oldPhone.locator('input[name="checkinMail"]').check();
    await screenshot(oldPhone, "coaching-end");
    await submit(oldPhone, formWith(oldPhone, "checkinMail"), (url) => url.searchParams.get("waakvlam") === "1");
    await oldPhone.getByText("Het plan staat nu op waakvlam.").waitFor();
    const card = oldPhone.locator("section", { has: oldPhone.getByRole("heading", { name: "Op waakvlam" }) });
    await card.getByText("Vraag Ayla Demir terug.").waitFor();
    await fitsThePhone(oldPhone);
    await screenshot(oldPhone, "waakvlam-plan");

    // Ayla no longer gets in, and the page she gets says nothing of the family.
    const refused = await ayla.goto(`${app.server.base}/care/${familyId}`);
    expect(refused?.status()).toBe(404);
    expect(await ayla.content()).not.toContain(GOAL);

    // "We willen weer hulp": what Ayla had, then yes.
    await follow(oldPhone, `/f/${familyId}/help`, /\/help$/, card);
    await oldPhone.getByText("Doelen en stappen: Mag kijken").waitFor();
    // axe needs JavaScript: the same page on the phone that has it.
    await open(page, `${app.server.base}/f/${familyId}/help`);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(oldPhone, "waakvlam-help");
    await submit(oldPhone, oldPhone.locator("main form"), (url) => url.searchParams.get("back") === "mailed");
    await oldPhone.getByText("Ayla Demir is weer jullie gezinscoach en mag weer meekijken.").waitFor();
    const mail = await app.mailbox.newestTo("ayla@coaching.test");
    expect(mail.subject).toBe("Gezin Waakvlam vraagt je terug");

    await open(ayla, `${app.server.base}/care/${familyId}/goals`);
    await ayla.getByText(GOAL).waitFor();
    // The plan is off waakvlam.
    await open(page, `${app.server.base}/f/${familyId}`);
    expect(await page.getByRole("heading", { name: "Op waakvlam" }).count()).toBe(0);

    expect(errors).toEqual([`400 /f/${familyId}/team/end.data`]);
    await Promise.all([family.close(), plain.close(), marcoContext.close(), aylaContext.close()]);
  });
});
