import { describe, expect, it } from "vitest";
import { appInBrowser } from "../support/app-in-browser";
import type { Browser } from "playwright-core";
import { axeProblems, newContext, open, screenshot, settled, watchErrors } from "../support/browser";
import { addGoal, claimAsNewProfessional, follow, inviteProfessional, signUp, startFamily } from "./story";

// Deleting a family, as an admin does it in Chromium (ADR 013): she reads what goes
// and what stays, types the family's name and her password, and Marco, who was
// looking a moment ago, finds nothing on his next click. She keeps it after all;
// his access stays ended.

const app = appInBrowser();

const samira = { name: "Samira", email: "samira@leaving.test", password: "een lang wachtwoord" };
const marco = { name: "Marco Visser", email: "marco@leaving.test", password: "nog een lang wachtwoord" };
const FAMILY = "Testgezin Bakker";

describe("deleting a family", () => {
  it("shuts Marco out at once, and can be undone by the admin", async () => {
    const family = await newContext(app.browser);
    const page = await family.newPage();
    const familyErrors = watchErrors(page);
    await signUp(page, app.server.base, app.mailbox, samira);
    const familyId = await startFamily(page, FAMILY, "mama");
    await addGoal(page, familyId, { title: "Rust in huis", lifeArea: "home" });
    const link = await inviteProfessional(page, familyId, { name: marco.name, organisation: "Jeugdzorg Oost", role: "gezinscoach", purpose: "Samen werken aan rust in huis." });

    const care = await newContext(app.browser);
    const pro = await care.newPage();
    const proErrors = watchErrors(pro);
    expect(await claimAsNewProfessional(pro, link, app.mailbox, marco, "Jeugdzorg Oost")).toBe(familyId);
    await follow(pro, `/care/${familyId}/goals`, /\/goals$/, pro.locator("nav"));
    await pro.getByRole("heading", { name: "Rust in huis" }).waitFor();

    // Samira, from "Gezinsleden".
    await follow(page, `/f/${familyId}/members`, /\/members$/, page.locator("nav"));
    await follow(page, `/f/${familyId}/delete-family`, /\/delete-family$/, page.locator("main"));
    await page.getByText("De toegang van 1 hulpverlener stopt meteen.").waitFor();
    await page.getByText(/Dat bewaren we 1 jaar/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "delete-family");
    // A name typed wrong is said next to the field, and nothing happens.
    await page.fill('[name="name"]', "Testgezin");
    await page.fill('[name="password"]', samira.password);
    await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), page.getByRole("button", { name: "Gezin verwijderen" }).click()]);
    await page.locator(".field-error", { hasText: "Dit is niet de naam van het gezin" }).waitFor();
    expect(await page.inputValue('[name="name"]')).toBe("Testgezin");
    await page.fill('[name="name"]', FAMILY);
    await page.fill('[name="password"]', samira.password);
    await Promise.all([page.waitForURL(/\/families\?deleted=1$/), page.getByRole("button", { name: "Gezin verwijderen" }).click()]);
    await settled(page);
    await page.getByRole("button", { name: `${FAMILY} toch houden` }).waitFor();
    await screenshot(page, "family-being-deleted");

    // Marco's very next click finds nothing, and nothing of the family.
    await follow(pro, `/care/${familyId}`, (url) => url.pathname === `/care/${familyId}`, pro.locator("nav"));
    await pro.getByRole("heading", { name: "Deze pagina is er niet" }).waitFor();
    expect(await pro.locator("main").innerText()).not.toContain("Bakker");
    await open(pro, `${app.server.base}/care`);
    expect(await pro.locator("main").innerText()).not.toContain("Bakker");

    // She keeps it after all: the plan is back, Marco's access is not.
    await Promise.all([page.waitForURL(/\/families\?kept=1$/), page.getByRole("button", { name: `${FAMILY} toch houden` }).click()]);
    await settled(page);
    await page.getByRole("status").filter({ hasText: "Het gezin is weer open" }).waitFor();
    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("main"));
    await page.locator("a.own-words", { hasText: "Rust in huis" }).waitFor();
    await open(pro, `${app.server.base}/care/${familyId}/goals`);
    await pro.getByRole("heading", { name: "Deze pagina is er niet" }).waitFor();

    expect(familyErrors).toEqual([`400 /f/${familyId}/delete-family.data`]);
    expect(proErrors).toEqual([`404 /care/${familyId}.data`, `404 /care/${familyId}/goals`]);
    await care.close();
    await family.close();
  });
});
