import { describe, expect, it } from "vitest";
import { appInBrowser } from "../support/app-in-browser";
import type { Page } from "playwright-core";
import { readFile } from "node:fs/promises";
import { validateExport } from "../support/export-schema";
import { askedOf, axeProblems, settled, newContext, open, recordSpeechAndPrint, screenshot, watchErrors, type AxeProblem } from "../support/browser";
import {
  addGoal,
  addMember,
  addNetworkPerson,
  addProgress,
  addStep,
  addWhatIf,
  claimAsNewProfessional,
  signOutAndIn,
  follow,
  inviteProfessional,
  revokeAccess,
  signUp,
  startFamily,
} from "./story";

// The whole story in a real browser with JavaScript on, against the production
// build: a mother builds the plan, lets the teacher look, sees that look, and takes
// access back. On every page on the way axe-core checks for serious and critical
// accessibility problems, and the main pages are photographed at phone and desktop
// size into artifacts/screenshots/ for a human to look at.

const app = appInBrowser();

const mother = { name: "Samira", email: "samira@e2e.test", password: "een lang wachtwoord" };
const teacher = { name: "Sanne de Boer", email: "sanne@e2e.test", password: "nog een lang wachtwoord" };
const goalTitle = "Sam gaat elke ochtend op tijd naar school";
const stepWhat = "De wekker om 7 uur zetten";
const situation = "Sam wil 's ochtends niet naar school";
const progressText = "vandaag gelukt: op tijd naar school";

describe("the family's story, with JavaScript", () => {
  it("plan, invitation, a look, the look shown, access taken back — accessible all the way", async () => {
    const problems: Record<string, AxeProblem[]> = {};
    /** axe on the page as it is now; findings are gathered and asserted at the end. */
    async function check(page: Page, label: string) {
      const found = await axeProblems(page);
      if (found.length) problems[`${label} ${new URL(page.url()).pathname}`] = found;
    }

    const family = await newContext(app.browser);
    await recordSpeechAndPrint(family);
    const page = await family.newPage();
    const familyErrors = watchErrors(page);

    await open(page, app.server.base);
    await check(page, "start");
    await follow(page, "/signup", /\/signup$/);
    await check(page, "signup");
    await signUp(page, app.server.base, app.mailbox, mother);
    await check(page, "families");
    const familyId = await startFamily(page, "Gezin El Amrani", "mama");
    await check(page, "plan (empty)");

    const goalId = await addGoal(page, familyId, { title: goalTitle, lifeArea: "school" });
    await addStep(page, { what: stepWhat, when: "elke schooldag" });
    // Saved, so the box is empty again: a text left behind looks unsaved.
    expect(await page.inputValue('[name="what"]')).toBe("");
    await check(page, "goal");
    await screenshot(page, "goal");

    // A goal the teacher has no business with: the family shares only Sam's school goal.
    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
    await addGoal(page, familyId, { title: "Elke week samen de post openmaken", lifeArea: "money" });

    await addWhatIf(page, familyId, {
      situation,
      earlySigns: "Hij blijft in bed liggen en zegt dat hij buikpijn heeft.",
      actions: "Mama praat rustig met hem. Oma Truus brengt hem naar school.",
      informs: "Mama belt juf Sanne.",
      phones: "Oma Truus 06 12345678",
    });
    await check(page, "what-ifs");
    await screenshot(page, "what-ifs");

    await addProgress(page, familyId, progressText, "4", goalTitle);
    await addProgress(page, familyId, "De brief van de bank samen gelezen", "3", "Elke week samen de post openmaken");
    expect(await page.inputValue('[name="text"]')).toBe("");
    await check(page, "progress");
    await screenshot(page, "progress");

    await addNetworkPerson(page, familyId, { name: "Oma Truus", relation: "oma van Sam", phone: "06 12345678" });
    await check(page, "network");
    await screenshot(page, "network");

    await addMember(page, familyId, { name: "Sam", relation: "zoon" });
    await check(page, "members");

    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
    // The family's own words, on the first page they see.
    await page.locator("a.own-words", { hasText: goalTitle }).waitFor();
    await page.getByText(`Volgende stap: ${stepWhat}`).waitFor();
    await page.locator(".list .pre", { hasText: progressText }).waitFor();
    // Chromium can speak and print: the family's own words get a read-aloud button.
    await page.getByRole("button", { name: `Lees voor: ${goalTitle}` }).waitFor();
    await page.getByRole("button", { name: `Lees voor: ${progressText}` }).first().waitFor();
    await page.getByRole("button", { name: "Afdrukken" }).waitFor();
    // And a tap really starts them: the goal is read in Dutch, the print dialog is asked for.
    await page.getByRole("button", { name: `Lees voor: ${goalTitle}` }).click();
    await page.getByRole("button", { name: "Stop met voorlezen" }).waitFor();
    await page.getByRole("button", { name: "Afdrukken" }).click();
    expect(await askedOf(page)).toEqual({ spoken: [{ text: goalTitle, lang: "nl-NL" }], printed: 1 });
    await page.getByRole("button", { name: "Stop met voorlezen" }).click();
    await check(page, "plan");
    await screenshot(page, "plan");

    await follow(page, `/f/${familyId}/access`, /\/access$/, page.locator("nav"));
    await check(page, "access (nobody yet)");
    await follow(page, "/access/new", /\/access\/new$/);
    await check(page, "invite form");
    await screenshot(page, "invite-form");
    const link = await inviteProfessional(page, familyId, {
      name: teacher.name,
      organisation: "Basisschool De Linde",
      role: "juf van Sam",
      purpose: "Zodat juf Sanne ziet hoe het gaat met op tijd komen.",
      onlyGoals: [goalTitle],
    });
    expect(link).toMatch(new RegExp(`^${app.server.base}/invite/[A-Za-z0-9_-]+$`));
    await check(page, "invitation made");
    await screenshot(page, "invitation-link");

    // The teacher, on her own phone.
    const care = await newContext(app.browser);
    const pro = await care.newPage();
    const proErrors = watchErrors(pro);
    await open(pro, link);
    await pro.getByRole("heading", { name: "Gezin El Amrani nodigt je uit" }).waitFor();
    await check(pro, "invitation (signed out)");
    await screenshot(pro, "invitation-open");
    const careFamilyId = await claimAsNewProfessional(pro, link, app.mailbox, teacher, "Basisschool De Linde");
    expect(careFamilyId).toBe(familyId);
    await check(pro, "care overview");
    await follow(pro, "/care", /\/care$/, pro.locator("nav"));
    await pro.locator("a.item-title", { hasText: "Gezin El Amrani" }).waitFor();
    await check(pro, "care home");
    await screenshot(pro, "care-home");
    await follow(pro, `/care/${familyId}`, new RegExp(`/care/${familyId}$`), pro.locator("main"));
    await follow(pro, `/care/${familyId}/goals`, /\/goals$/, pro.locator("nav"));
    await pro.getByRole("heading", { name: goalTitle }).waitFor();
    await pro.locator(".pre", { hasText: stepWhat }).waitFor();
    expect(await pro.locator("main").innerText()).not.toContain("post openmaken");
    await check(pro, "care goals");
    await screenshot(pro, "care-goals");

    // Her own system reads the same, and only the same, through the API.
    await follow(pro, `/care/${familyId}`, new RegExp(`/care/${familyId}$`), pro.locator("nav"));
    await follow(pro, `/care/${familyId}/tokens`, /\/tokens$/, pro.locator("main"));
    await pro.fill('[name="label"]', "Leerlingdossier");
    await Promise.all([pro.locator("#token-created ~ p code").first().waitFor(), pro.getByRole("button", { name: "Sleutel maken" }).click()]);
    const token = (await pro.locator("#token-created ~ p code").first().innerText()).trim();
    const answer = await pro.request.get(`${app.server.base}/api/v1/plan`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(200);
    const plan = await answer.json();
    expect(plan.goals.map((goal: { title: string }) => goal.title)).toEqual([goalTitle]);
    expect(JSON.stringify(plan)).not.toContain("post openmaken");

    // She asks for the notes too, in her own words.
    await follow(pro, `/care/${familyId}`, new RegExp(`/care/${familyId}$`), pro.locator("nav"));
    await pro.locator("details.ask summary").click();
    await pro.check('[name="progress"][value="read"]');
    await pro.fill('[name="note"]', "Ik wil ook de notities over op tijd komen zien.");
    await check(pro, "ask for more");
    await Promise.all([pro.waitForURL(/\?asked=1$/), pro.getByRole("button", { name: "Vraag het gezin" }).click()]);
    await pro.getByRole("status").filter({ hasText: "Je vraag is verstuurd" }).waitFor();

    // Another day she signs in on the sign-in page, which loads only the family side's
    // texts; the professional pages it opens next must still have theirs.
    await signOutAndIn(pro, app.server.base, teacher, /\/care$/);
    await pro.getByRole("heading", { name: "Gezinnen die met je delen" }).waitFor();
    await pro.locator("a.item-title", { hasText: "Gezin El Amrani" }).waitFor();
    await check(pro, "care home after signing in");
    await follow(pro, `/care/${familyId}`, new RegExp(`/care/${familyId}$`), pro.locator("main"));
    await pro.locator("nav").getByRole("link").first().waitFor();

    // Back with the family: the look is there, by name.
    await follow(page, `/f/${familyId}/access`, /\/access$/, page.locator("main"));
    await page.locator(".tag", { hasText: "Actief" }).waitFor();
    await check(page, "access (active)");
    await screenshot(page, "access");
    await follow(page, `/f/${familyId}/looks`, /\/looks$/, page.locator("main"));
    // One visit, in words, with what she saw by its title: on the web and through
    // her system (which also read the notes she may write in) within the same minutes.
    const visit = page.locator("details.visit", { hasText: /Sanne de Boer \(juf van Sam\) keek .+ naar 1 doel, 1 stap en 2 notities/ });
    await visit.waitFor();
    await visit.locator("summary").click();
    await visit.locator(".own-words", { hasText: goalTitle }).waitFor();
    await check(page, "looks");
    await screenshot(page, "looks");

    // The plan says she asks; the mother gives only the notes about the shared goal.
    await follow(page, `/f/${familyId}`, new RegExp(`/f/${familyId}$`), page.locator("nav"));
    await page.getByText(`${teacher.name} vraagt om meer.`).waitFor();
    await Promise.all([page.waitForURL(/\/access\/[^/?]+$/), page.getByRole("link", { name: "Bekijk de vraag" }).click()]);
    await settled(page);
    await page.locator("section.request").getByText("Ik wil ook de notities over op tijd komen zien.").waitFor();
    await check(page, "answer a request");
    await screenshot(page, "answer-request");
    await page.locator("details:has([name=\"progress.which\"]) > summary").click();
    await page.check('[name="progress.which"][value="goals"]');
    await Promise.all([page.waitForURL(/\?done=approved$/), page.getByRole("button", { name: "Geef dit" }).click()]);
    await settled(page);
    // Her next page has the notes as a part of its own.
    await open(pro, `${app.server.base}/care/${familyId}/progress`);
    await pro.locator(".pre", { hasText: progressText }).waitFor();
    expect(await pro.locator("main").innerText()).not.toContain("brief van de bank");

    await revokeAccess(page, familyId, teacher.name);
    await page.getByRole("status").filter({ hasText: teacher.name }).waitFor();
    await page.locator("li.ended .ended-note", { hasText: "Gestopt op" }).waitFor();
    await screenshot(page, "access-stopped");
    await check(page, "access revoked");

    // Samira takes everything with her: the page to print, and the file.
    await follow(page, `/f/${familyId}/members`, /\/members$/, page.locator("nav"));
    await follow(page, `/f/${familyId}/export`, /\/export$/, page.locator("main"));
    await page.locator("main .own-words", { hasText: goalTitle }).first().waitFor();
    await page.getByText("Zodat juf Sanne ziet hoe het gaat met op tijd komen.").waitFor();
    await check(page, "download everything");
    await screenshot(page, "export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download het bestand" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^groeiplan-gezin-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(validateExport(file), JSON.stringify(validateExport.errors)).toBe(true);
    expect(file.goals.map((goal: { title: string }) => goal.title)).toContain(goalTitle);
    expect(file.accessLog.length).toBeGreaterThan(0);
    expect(file.receipt).not.toBeNull();

    expect(problems).toEqual({});
    expect([...familyErrors, ...proErrors]).toEqual([]);

    // The teacher's very next click finds nothing, and nothing about the family.
    await follow(pro, `/care/${familyId}`, (url) => url.pathname === `/care/${familyId}`, pro.locator("nav"));
    await pro.getByRole("heading", { name: "Deze pagina is er niet" }).waitFor();
    expect(await pro.locator("main").innerText()).not.toContain("El Amrani");
    expect(await pro.title()).not.toContain("El Amrani");
    expect(proErrors).toEqual([`404 /care/${familyId}.data`]);
    await check(pro, "not found");
    await screenshot(pro, "not-found");

    // Back on the plan, the goal page still opens for the family.
    await open(page, `${app.server.base}/f/${familyId}/goals/${goalId}`);
    await page.locator("h1.own-words", { hasText: goalTitle }).waitFor();

    expect(problems).toEqual({});
    expect(familyErrors).toEqual([]);
    await care.close();
    await family.close();
  });
});
