import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../support/app-in-browser";
import { axeProblems, newContext, open, screenshot, settled, watchErrors } from "../support/browser";
import { addGoal, claimAsNewProfessional, follow, formWith, inviteProfessional, signUp, startFamily, submit } from "./story";

// "Wie doet wat?" on a small phone (issue 14 §1): the family gives each professional
// a step and names the coach; the teacher, who was given only the school goal, sees
// the team, her own step and the coach's school step, never the money goal. When the
// family switches the page off she gets the same "not found" as anyone, and keeps
// her own step on her home page. The family uses JavaScript, the teacher does not.

const app = appInBrowser();

const PHONE_360 = { width: 360, height: 740 };
const SCHOOL = "Sem elke dag op tijd op school";
const MONEY = "Geen nieuwe schulden";
const TEACHER_STEP = "Juf belt mama als Sem te laat is";
const COACH_SCHOOL_STEP = "Marco gaat mee naar het gesprek op school";
const COACH_MONEY_STEP = "Marco belt het Geldloket voor een afspraak";

async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width);
}

/** On a goal's page: a step for the professional picked by their name in "Wie doet het?". */
async function stepFor(page: Page, familyId: string, goalId: string, what: string, name: string) {
  await open(page, `${app.server.base}/f/${familyId}/goals/${goalId}`);
  await page.fill('[name="what"]', what);
  const option = page.locator('[name="who"] option', { hasText: `${name},` });
  await page.selectOption('[name="who"]', (await option.getAttribute("value"))!);
  await Promise.all([page.waitForURL(/\?saved=/), formWith(page, "what").locator('button[type="submit"]').click()]);
  await settled(page);
  await page.locator(".just-saved .pre", { hasText: what }).waitFor();
  await page.locator(".just-saved .meta", { hasText: name }).waitFor();
}

describe("wie doet wat?", () => {
  it("the coach is named, each professional sees their own steps and only what was shared, and the family can switch it off", async () => {
    const family = await newContext(app.browser, { viewport: PHONE_360 });
    const mother = await family.newPage();
    const motherErrors = watchErrors(mother);
    await signUp(mother, app.server.base, app.mailbox, { name: "Samira", email: "samira@team.test", password: "een lang wachtwoord" });
    const familyId = await startFamily(mother, "Gezin Team", "mama");
    const schoolId = await addGoal(mother, familyId, { title: SCHOOL, lifeArea: "school" });
    await follow(mother, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), mother.locator("nav"));
    const moneyId = await addGoal(mother, familyId, { title: MONEY, lifeArea: "money" });
    const teacherLink = await inviteProfessional(mother, familyId, { name: "Sanne de Boer", organisation: "Basisschool De Linde", role: "juf van Sem", purpose: "Meekijken hoe het op school gaat", onlyGoals: [SCHOOL] });
    const coachLink = await inviteProfessional(mother, familyId, { name: "Marco Visser", organisation: "Wijkteam Noord", role: "gezinscoach", purpose: "Helpt ons met het plan" });

    const teacherContext = await newContext(app.browser, { viewport: PHONE_360, javaScriptEnabled: false });
    const teacher = await teacherContext.newPage();
    const teacherErrors = watchErrors(teacher);
    await claimAsNewProfessional(teacher, teacherLink, app.mailbox, { name: "Sanne de Boer", email: "sanne@team.test", password: "een lang wachtwoord" }, "Basisschool De Linde");
    const coachContext = await newContext(app.browser, { viewport: PHONE_360 });
    const coach = await coachContext.newPage();
    await claimAsNewProfessional(coach, coachLink, app.mailbox, { name: "Marco Visser", email: "marco@team.test", password: "een lang wachtwoord" }, "Wijkteam Noord");

    // The family gives each a step, and names Marco as coach.
    await stepFor(mother, familyId, schoolId, TEACHER_STEP, "Sanne de Boer");
    await stepFor(mother, familyId, schoolId, COACH_SCHOOL_STEP, "Marco Visser");
    await stepFor(mother, familyId, moneyId, COACH_MONEY_STEP, "Marco Visser");
    await follow(mother, `/f/${familyId}/access`, /\/access$/, mother.locator("nav"));
    await follow(mother, `/f/${familyId}/team`, /\/team$/, mother.locator("main"));
    const coachOption = mother.locator('[name="coach"] option', { hasText: "Marco Visser" });
    await mother.selectOption('[name="coach"]', (await coachOption.getAttribute("value"))!);
    // One person as coach and second coach: said at the field, nothing saved.
    await mother.selectOption('[name="second"]', (await coachOption.getAttribute("value"))!);
    await Promise.all([mother.waitForResponse((response) => response.request().method() === "POST"), formWith(mother, "coach").locator('button[type="submit"]').click()]);
    await settled(mother);
    await mother.locator("#field-second-error", { hasText: "Eén persoon kan niet coach en tweede coach zijn." }).waitFor();
    await mother.selectOption('[name="second"]', "");
    await submit(mother, formWith(mother, "coach"), (url) => url.searchParams.get("saved") === "1");
    await mother.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
    const marcoCard = mother.locator("li.card", { has: mother.getByRole("heading", { name: /Marco Visser/ }) });
    await marcoCard.locator(".tag", { hasText: "Gezinscoach" }).waitFor();
    await marcoCard.getByText(COACH_MONEY_STEP).waitFor();
    await fitsThePhone(mother);
    expect(await axeProblems(mother)).toEqual([]);
    await screenshot(mother, "team-family");

    // The teacher, without JavaScript: the team, the coach, her own step and the coach's school step.
    await open(teacher, `${app.server.base}/care/${familyId}`);
    await follow(teacher, `/care/${familyId}/team`, /\/team$/, teacher.locator("nav"));
    await teacher.getByRole("heading", { name: "Wie doet wat?" }).waitFor();
    const main = teacher.locator("main");
    await main.locator("li.card", { hasText: "Marco Visser" }).locator(".tag", { hasText: "Gezinscoach" }).waitFor();
    await main.getByText(TEACHER_STEP).waitFor();
    await main.getByText(COACH_SCHOOL_STEP).waitFor();
    const seen = await teacher.content();
    expect(seen).not.toContain(COACH_MONEY_STEP);
    expect(seen).not.toContain(MONEY);
    await fitsThePhone(teacher);
    await screenshot(teacher, "team-care");
    await open(teacher, `${app.server.base}/care`);
    await teacher.locator("#own-steps").getByText(TEACHER_STEP).waitFor();
    expect(await teacher.locator("#own-steps").innerText()).not.toContain("Marco");

    // The family sees that she looked.
    await open(mother, `${app.server.base}/f/${familyId}/looks`);
    await mother.locator("main li", { hasText: "Sanne de Boer" }).first().waitFor();

    // Switched off: the teacher gets "not found" with nothing of the family, and keeps her own step.
    await open(mother, `${app.server.base}/f/${familyId}/team`);
    await mother.check('[name="teamPage"][value="off"]');
    await submit(mother, formWith(mother, "coach"), (url) => url.searchParams.get("saved") === "1");
    await mother.getByText("Professionals zien deze pagina nu niet.").waitFor();
    const refused = await teacher.goto(`${app.server.base}/care/${familyId}/team`);
    expect(refused?.status()).toBe(404);
    const body = await teacher.content();
    for (const word of ["Gezin Team", "Marco Visser", TEACHER_STEP]) expect(body).not.toContain(word);
    await open(teacher, `${app.server.base}/care/${familyId}`);
    expect(await teacher.locator(`nav a[href$="/care/${familyId}/team"]`).count()).toBe(0);
    await open(teacher, `${app.server.base}/care`);
    await teacher.locator("#own-steps").getByText(TEACHER_STEP).waitFor();

    expect(motherErrors).toEqual([`400 /f/${familyId}/team.data`]);
    expect(teacherErrors).toEqual([`404 /care/${familyId}/team`]);
    await Promise.all([family.close(), teacherContext.close(), coachContext.close()]);
  });
});
