import { describe, expect, it } from "vitest";
import { appInBrowser } from "../support/app-in-browser";
import type { Browser } from "playwright-core";
import { newContext, watchErrors } from "../support/browser";
import {
  addGoal,
  addMember,
  addProgress,
  addStep,
  addWhatIf,
  claimAsNewProfessional,
  follow,
  inviteProfessional,
  revokeAccess,
  signUp,
  startFamily,
} from "./story";

// The core of the story again with JavaScript switched off in both browsers, as on
// an old phone or behind a strict company proxy: every form posts and every page
// answers with plain HTML. The steps are the same ones the JavaScript story uses.

const app = appInBrowser();

describe("the family's story, without JavaScript", () => {
  it("plan, invitation, a look shown to the family, access taken back", async () => {
    const family = await newContext(app.browser, { javaScriptEnabled: false });
    const page = await family.newPage();
    const familyErrors = watchErrors(page);
    // Proof that no script ran: with JavaScript, React Router fetches "<page>.data".
    const dataRequests: string[] = [];
    family.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });

    await signUp(page, app.server.base, app.mailbox, { name: "Dennis", email: "dennis@nojs.test", password: "een lang wachtwoord" });
    const familyId = await startFamily(page, "Gezin Bakker", "papa");
    await addGoal(page, familyId, { title: "Niet meteen boos reageren bij ruzie", lifeArea: "home" });
    await addStep(page, { what: "Eerst tot tien tellen", when: "bij elke ruzie" });
    // Without JavaScript the page came fresh from the server: the step form is empty again.
    expect(await page.inputValue('[name="what"]')).toBe("");
    await addWhatIf(page, familyId, {
      situation: "Als papa heel boos wordt",
      earlySigns: "Hij gaat hard praten.",
      actions: "Papa gaat een rondje lopen.",
      informs: "Mama belt de gezinscoach.",
      phones: "Gezinscoach 06 87654321",
    });
    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
    await addGoal(page, familyId, { title: "Elke week samen de post openmaken", lifeArea: "money" });
    await addProgress(page, familyId, "vandaag gelukt: rustig gebleven bij ruzie", "5");
    await addMember(page, familyId, { name: "Noor", relation: "dochter" });

    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
    await page.locator("a.own-words", { hasText: "Niet meteen boos reageren bij ruzie" }).waitFor();
    // Read aloud and print need JavaScript: without it there is no button that does nothing.
    expect(await page.locator("button.read-aloud").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Afdrukken" }).count()).toBe(0);

    const link = await inviteProfessional(page, familyId, {
      name: "Marco Visser",
      organisation: "Wijkteam Noord",
      role: "gezinscoach",
      purpose: "Om samen het plan bij te houden.",
      onlyGoals: ["Niet meteen boos reageren bij ruzie"],
      // Ten days: inside the 14 days in which both sides are told the end is near.
      endsOn: new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
    });

    const care = await newContext(app.browser, { javaScriptEnabled: false });
    const pro = await care.newPage();
    const proErrors = watchErrors(pro);
    care.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });
    await claimAsNewProfessional(pro, link, app.mailbox, { name: "Marco Visser", email: "marco@nojs.test", password: "nog een lang wachtwoord" }, "Wijkteam Noord");
    await follow(pro, `/care/${familyId}/goals`, /\/goals$/, pro.locator("nav"));
    await pro.getByRole("heading", { name: "Niet meteen boos reageren bij ruzie" }).waitFor();
    await pro.locator(".pre", { hasText: "Eerst tot tien tellen" }).waitFor();
    expect(await pro.locator("main").innerText()).not.toContain("post openmaken");

    await follow(page, `/f/${familyId}/access`, /\/access$/, page.locator("main"));
    // The end is near: the row says so, and one tap (a plain form post) extends it.
    await page.locator(".warning", { hasText: /Marco Visser kan nog \d+ dagen meekijken/ }).waitFor();
    await Promise.all([page.waitForURL(/\/access\?done=extended/), page.getByRole("button", { name: /^Verlengen tot en met/ }).click()]);
    await page.getByRole("status").filter({ hasText: "Verlengd" }).waitFor();
    expect(await page.locator(".warning", { hasText: "Marco Visser kan nog" }).count()).toBe(0);
    await follow(page, `/f/${familyId}/looks`, /\/looks$/, page.locator("main"));
    await page.locator("details.visit summary", { hasText: /Marco Visser \(gezinscoach\) keek .+ naar 1 doel en 1 stap/ }).waitFor();

    // The filter on "Wie keek mee?" is a GET form: it works without JavaScript too.
    await page.selectOption('[name="person"]', { label: "Marco Visser (Wijkteam Noord)" });
    await Promise.all([page.waitForURL(/\/looks\?person=/), page.locator('form[method="get"] button[type="submit"]').click()]);
    await page.locator("details.visit summary", { hasText: /Marco Visser \(gezinscoach\) keek .+ naar 1 doel en 1 stap/ }).waitFor();

    await revokeAccess(page, familyId, "Marco Visser");
    await page.getByRole("status").filter({ hasText: "Marco Visser" }).waitFor();
    await page.locator("li.ended .ended-note", { hasText: "Gestopt op" }).waitFor();
    expect(familyErrors).toEqual([]);
    expect(proErrors).toEqual([]);

    await Promise.all([pro.waitForURL(new RegExp(`/care/${familyId}$`)), pro.locator(`nav a[href$="/care/${familyId}"]`).click()]);
    await pro.getByRole("heading", { name: "Deze pagina is er niet" }).waitFor();
    expect(await pro.content()).not.toContain("Gezin Bakker");
    expect(proErrors).toEqual([`404 /care/${familyId}`]);
    expect(dataRequests).toEqual([]);

    await care.close();
    await family.close();
  });
});
