import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { appInBrowser } from "../support/app-in-browser";
import { askedOf, axeProblems, newContext, recordSpeechAndPrint, screenshot, settled, watchErrors } from "../support/browser";
import { formatDate, today } from "../../app/lib/dates";
import { addGoal, follow, formWith, signUp, startFamily, submit } from "./story";

// "Samen terugkijken" on a small phone (360 px), once with JavaScript and once
// without: the family makes a goal, looks back on it, marks it reached, sees it
// celebrated, and finds on the plan when they looked back and when the next time is.

const app = appInBrowser();

const PHONE_360 = { width: 360, height: 740 };
const GOAL = "Elke ochtend samen ontbijten";
const OTHER = "Samen de post openmaken";

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width);
}

/** From the plan: the review card's button, the form, a review with `goalId` reached and `otherId` kept going. */
async function lookBack(page: Page, familyId: string, goalId: string, otherId: string, javaScript: boolean) {
  await page.locator("#review-glance").waitFor();
  await page.getByText("Jullie hebben nog niet samen teruggekeken.").waitFor();
  await follow(page, `/f/${familyId}/reviews/new`, /\/reviews\/new$/, page.locator("section.review-glance"));
  await fitsThePhone(page);
  expect(await page.inputValue('[name="heldOn"]')).toBe(today());
  await page.fill('[name="present"]', "Mama, papa en Marco (coach)");
  await page.fill(`[name="howItWent-${goalId}"]`, "Elke dag gelukt, ook Sem!");
  await page.check(`[name="next-${goalId}"][value="reached"]`);
  await page.fill(`[name="howItWent-${otherId}"]`, "Soms vergeten.");

  // Forgot how to go on with one goal: said at that goal, what was typed is still there, nothing saved.
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), formWith(page, "heldOn").locator('button[type="submit"]').click()]);
  await settled(page);
  await page.locator(`#field-next-${otherId}-error`, { hasText: "Kies een van de mogelijkheden." }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/f/${familyId}/reviews/new`);
  expect(await page.inputValue(`[name="howItWent-${goalId}"]`)).toBe("Elke dag gelukt, ook Sem!");
  expect(await page.isChecked(`[name="next-${goalId}"][value="reached"]`)).toBe(true);
  expect(await page.inputValue('[name="present"]')).toBe("Mama, papa en Marco (coach)");
  if (javaScript) {
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "review-form");
  }

  await page.check(`[name="next-${otherId}"][value="continue"]`);
  await submit(page, formWith(page, "heldOn"), (url) => /\/reviews\/[a-z2-7]{16}$/.test(url.pathname) && url.searchParams.get("saved") === "1");
  const reviewId = new URL(page.url()).pathname.split("/").at(-1)!;

  // Saved, and the goal reached is celebrated.
  await page.getByRole("status").filter({ hasText: "Opgeslagen. Goed dat jullie samen terugkeken!" }).waitFor();
  const celebration = page.locator("section.review-celebration");
  await celebration.getByRole("heading", { name: "Gehaald!" }).waitFor();
  await celebration.locator(".own-words", { hasText: GOAL }).waitFor();
  await page.getByText("Elke dag gelukt, ook Sem!").waitFor();
  await fitsThePhone(page);
  if (javaScript) {
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "review-reached");
  }
  return reviewId;
}

/** Back on the plan: the day they looked back and around when the next time is; the goal is under "Gehaald". */
async function planSaysSo(page: Page, familyId: string) {
  await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
  await page.getByText(`Laatst samen teruggekeken: ${formatDate(today(), "nl")}.`).waitFor();
  await page.locator("section.review-glance").getByText(/Volgende keer: rond \d+ \w+ \d{4}\./).waitFor();
  await page.locator("#goals .list a", { hasText: GOAL }).last().waitFor();
  await fitsThePhone(page);
}

async function familyWithTwoGoals(context: BrowserContext, email: string, familyName: string) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signUp(page, app.server.base, app.mailbox, { name: "Samira", email, password: "een lang wachtwoord" });
  const familyId = await startFamily(page, familyName, "mama");
  const goalId = await addGoal(page, familyId, { title: GOAL, lifeArea: "home" });
  await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
  const otherId = await addGoal(page, familyId, { title: OTHER, lifeArea: "money" });
  await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
  return { page, errors, familyId, goalId, otherId };
}

describe("samen terugkijken", () => {
  it("with JavaScript: a review marks a goal reached, celebrates it, shows on the plan and prints", async () => {
    const context = await newContext(app.browser, { viewport: PHONE_360 });
    await recordSpeechAndPrint(context);
    const { page, errors, familyId, goalId, otherId } = await familyWithTwoGoals(context, "samira@review-js.test", "Gezin Terugkijken");
    const reviewId = await lookBack(page, familyId, goalId, otherId, true);

    await follow(page, `/reviews/${reviewId}/print`, /\/print$/, page.locator("main"));
    await page.locator(".review-sheet .print-card-family", { hasText: "Gezin Terugkijken" }).waitFor();
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "review-paper");
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "Afdrukken" }).click();
    await page.waitForFunction(() => (window as unknown as { __asked: { printed: number } }).__asked.printed === 1);
    expect((await askedOf(page)).printed).toBe(1);

    await planSaysSo(page, familyId);
    await page.locator("section.review-glance").scrollIntoViewIfNeeded();
    await screenshot(page, "review-on-plan");
    expect(errors).toEqual([`400 /f/${familyId}/reviews/new.data`]);
    await context.close();
  });

  it("without JavaScript: the same review, as plain forms and pages", async () => {
    const context = await newContext(app.browser, { viewport: PHONE_360, javaScriptEnabled: false });
    const dataRequests: string[] = [];
    context.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });
    const { page, errors, familyId, goalId, otherId } = await familyWithTwoGoals(context, "samira@review-nojs.test", "Gezin Zonder Script");
    const reviewId = await lookBack(page, familyId, goalId, otherId, false);
    await follow(page, `/reviews/${reviewId}/print`, /\/print$/, page.locator("main"));
    await page.locator(".review-sheet .print-card-family", { hasText: "Gezin Zonder Script" }).waitFor();
    // Printing is the browser's own menu here: no button that does nothing.
    expect(await page.getByRole("button", { name: "Afdrukken" }).count()).toBe(0);
    await planSaysSo(page, familyId);
    expect(errors).toEqual([`400 /f/${familyId}/reviews/new`]);
    expect(dataRequests).toEqual([]);
    await context.close();
  });
});
