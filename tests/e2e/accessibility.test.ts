import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServer, type RunningServer } from "../support/server";
import { mockMailbox } from "../support/mailbox";
import Database from "better-sqlite3";
import { axeProblems, launchBrowser, newContext, open, type AxeProblem } from "../support/browser";
import { addGoal, addMember, addNetworkPerson, addProgress, addStep, addWhatIf, claimAsNewProfessional, follow, inviteProfessional, signUp, startFamily } from "./story";

// What axe cannot see: can everything be reached with the keyboard, and is the focus
// visible; are the things you tap big enough; does the page fit a small phone and
// stay usable with very large text; does a form say what is wrong, next to the field.
// One family with a filled-in plan and one professional serve all checks.

let server: RunningServer;
const mailbox = mockMailbox();
let browser: Browser;
let family: BrowserContext;
let care: BrowserContext;
let page: Page;
let familyId = "";
let goalId = "";
let familyPages: string[] = [];
// The edit forms, with ids read from the server's own database.
let editPages: string[] = [];
let carePages: string[] = [];
const signedOutPages = ["/", "/signup", "/login"];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: mailbox.env }), launchBrowser()]);
  family = await newContext(browser);
  page = await family.newPage();
  await signUp(page, server.base, mailbox, { name: "Samira", email: "samira@a11y.test", password: "een lang wachtwoord" });
  familyId = await startFamily(page, "Gezin El Amrani", "mama");
  goalId = await addGoal(page, familyId, { title: "Sam gaat elke ochtend op tijd naar school", lifeArea: "school" });
  await addStep(page, { what: "De wekker om 7 uur zetten", when: "elke schooldag" });
  await open(page, `${server.base}/f/${familyId}`);
  await addGoal(page, familyId, { title: "Water drinken in plaats van limonade", lifeArea: "body" });
  await addWhatIf(page, familyId, {
    situation: "Als Sam niet naar school wil",
    earlySigns: "Hij blijft in bed liggen.",
    actions: "Oma Truus brengt hem.",
    informs: "Mama belt juf Sanne.",
    phones: "Oma Truus 06 12345678",
  });
  await addProgress(page, familyId, "vandaag gelukt: op tijd naar school", "4");
  await addNetworkPerson(page, familyId, { name: "Oma Truus", relation: "oma", phone: "06 12345678" });
  await addMember(page, familyId, { name: "Sam", relation: "zoon" });
  const link = await inviteProfessional(page, familyId, {
    name: "Sanne de Boer",
    organisation: "Basisschool De Linde",
    role: "juf van Sam",
    purpose: "Zodat juf Sanne ziet hoe het gaat.",
  });
  care = await newContext(browser);
  const pro = await care.newPage();
  await claimAsNewProfessional(pro, link, mailbox, { name: "Sanne de Boer", email: "sanne@a11y.test", password: "nog een lang wachtwoord" }, "Basisschool De Linde");
  await pro.close();

  const f = `/f/${familyId}`;
  familyPages = [
    f,
    `${f}/goals/${goalId}`,
    `${f}/goals/new`,
    `${f}/what-ifs`,
    `${f}/what-ifs/new`,
    `${f}/progress`,
    `${f}/network`,
    `${f}/network/new`,
    `${f}/members`,
    `${f}/members/new`,
    `${f}/access`,
    `${f}/access/new`,
    `${f}/looks`,
    `${f}/history`,
  ];
  carePages = ["/care", `/care/${familyId}`, `/care/${familyId}/goals`, `/care/${familyId}/progress`];
  const db = new Database(server.dbFile, { readonly: true });
  const idOf = (sql: string) => (db.prepare(sql).get(familyId) as { id: string }).id;
  editPages = [
    `${f}/goals/${goalId}/edit`,
    `${f}/goals/${goalId}/steps/${idOf("select id from steps where family_id = ?")}`,
    `${f}/what-ifs/${idOf("select id from what_ifs where family_id = ?")}`,
    `${f}/network/${idOf("select id from network_people where family_id = ?")}`,
    `${f}/members/${idOf("select id from members where family_id = ? and user_id is null")}`,
    `${f}/access/${idOf("select id from consents where family_id = ?")}`,
    `${f}/what-ifs/print`,
    "/account",
  ];
  db.close();
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
  mailbox.remove();
});

type Stop = { key: string; tag: string; name: string; outline: string; outlineWidth: number; radioGroup: string | null };

/** The element that has focus now, and how its focus looks. */
function focused(p: Page): Promise<Stop | null> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    // A stable key for this element: its path of child positions from <body>.
    const path: number[] = [];
    for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
      path.unshift(node.parentElement ? Array.prototype.indexOf.call(node.parentElement.children, node) : 0);
    }
    const style = getComputedStyle(el);
    const input = el as HTMLInputElement;
    return {
      key: path.join("."),
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute("aria-label") ?? el.textContent ?? input.name ?? "").trim().slice(0, 60),
      outline: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      radioGroup: input.type === "radio" ? input.name : null,
    };
  });
}

/** Every element a keyboard user should be able to reach, keyed like focused() does. */
function tabbables(p: Page): Promise<{ key: string; radioGroup: string | null; name: string }[]> {
  return p.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("details:not([open]) > :not(summary)"))
      .map((el) => {
        const path: number[] = [];
        for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
          path.unshift(node.parentElement ? Array.prototype.indexOf.call(node.parentElement.children, node) : 0);
        }
        const input = el as HTMLInputElement;
        return { key: path.join("."), radioGroup: input.type === "radio" ? input.name : null, name: (el.textContent ?? input.name ?? "").trim().slice(0, 60) };
      });
  });
}

describe("keyboard", () => {
  it("Tab reaches everything on the plan page, one thing at a time, and the focus is always visible", async () => {
    await open(page, `${server.base}/f/${familyId}`);
    const expected = await tabbables(page);
    expect(expected.length).toBeGreaterThan(20);
    const stops: Stop[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const stop = await focused(page);
      if (!stop || stops.some((s) => s.key === stop.key)) break;
      stops.push(stop);
    }
    // The first stop skips the menu, straight to the plan.
    expect(stops[0].tag).toBe("a");
    expect(stops[0].name).toBe("Naar de inhoud");
    // Each press moved the focus somewhere new (the loop stops at the first repeat).
    expect(new Set(stops.map((s) => s.key)).size).toBe(stops.length);
    // And each place showed it: a solid outline of at least 2 px.
    const invisible = stops.filter((s) => s.outline === "none" || s.outlineWidth < 2);
    expect(invisible).toEqual([]);
    // Radio buttons are one stop per group (arrow keys move inside it), the rest one stop each.
    const reached = new Set(stops.map((s) => s.key));
    const groups = new Set(stops.map((s) => s.radioGroup).filter(Boolean));
    const missed = expected.filter((e) => (e.radioGroup ? !groups.has(e.radioGroup) : !reached.has(e.key)));
    expect(missed).toEqual([]);
  });

  it("the skip link becomes visible when it has focus, and Enter on a goal opens it", async () => {
    await open(page, `${server.base}/f/${familyId}`);
    await page.keyboard.press("Tab");
    const box = await page.locator(".skip-link").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.height).toBeGreaterThan(0);
    await page.locator("a.own-words").first().focus();
    await Promise.all([page.waitForURL(/\/goals\/[^/]+$/), page.keyboard.press("Enter")]);
  });
});

type Small = { page: string; what: string; height: number };

/**
 * Links, buttons and fields in the main content must be at least 44 px high (WCAG
 * 2.5.5, and what a shaky thumb needs). Two things count as their larger target:
 * a radio button or checkbox is tapped through its whole label, and a link inside a
 * sentence ("toestemming voor ..." in a line of text) is exempt, as WCAG exempts it.
 */
async function smallTargets(p: Page, path: string): Promise<Small[]> {
  await open(p, server.base + path);
  const found = await p.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
    const small: { what: string; height: number }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`main ${selector}`)) {
      if (el.getClientRects().length === 0 || el.closest("details:not([open]) > :not(summary)")) continue;
      const input = el as HTMLInputElement;
      let target: HTMLElement = el;
      if ((input.type === "radio" || input.type === "checkbox") && el.closest("label")) target = el.closest("label")!;
      if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
        // In running text when words or other inline content sit right beside it
        // (climbing out of inline wrappers such as <span> first).
        let node: HTMLElement = el;
        while (node.parentElement && getComputedStyle(node.parentElement).display === "inline") node = node.parentElement;
        const beside = [...node.parentElement!.childNodes].filter((n) => n !== node);
        const inSentence = beside.some((n) =>
          n.nodeType === Node.TEXT_NODE
            ? (n.textContent ?? "").trim() !== ""
            : n instanceof HTMLElement && getComputedStyle(n).display.startsWith("inline") && (n.textContent ?? "").trim() !== "",
        );
        if (inSentence) continue;
      }
      const height = target.getBoundingClientRect().height;
      if (height < 44) {
        small.push({ what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? input.name ?? "").trim().slice(0, 50)}"`, height: Math.round(height) });
      }
    }
    return small;
  });
  return found.map((f) => ({ page: path, ...f }));
}

describe("axe on every page", () => {
  it("finds no serious or critical problem on any form or page of the family, the professional, or signed out", async () => {
    const problems: Record<string, AxeProblem[]> = {};
    const scan = async (p: Page, paths: string[]) => {
      for (const path of paths) {
        await open(p, server.base + path);
        const found = await axeProblems(p);
        if (found.length) problems[path] = found;
      }
    };
    await scan(page, [...familyPages, ...editPages]);
    const pro = await care.newPage();
    await scan(pro, carePages);
    await pro.close();
    const guests = await newContext(browser);
    await scan(await guests.newPage(), signedOutPages);
    await guests.close();
    expect(problems).toEqual({});
  });
});

describe("touch targets", () => {
  it("every link, button and field in the main content is at least 44 px high", async () => {
    const small: Small[] = [];
    for (const path of familyPages) small.push(...(await smallTargets(page, path)));
    const pro = await care.newPage();
    for (const path of carePages) small.push(...(await smallTargets(pro, path)));
    await pro.close();
    const guests = await newContext(browser);
    const guest = await guests.newPage();
    for (const path of signedOutPages) small.push(...(await smallTargets(guest, path)));
    await guests.close();
    expect(small).toEqual([]);
  });
});

type Overflow = { page: string; scrollWidth: number; width: number; culprits: string[] };

/** Wider than the window means sideways scrolling; names the elements that stick out. */
async function overflow(p: Page, path: string, prepare?: (p: Page) => Promise<void>): Promise<Overflow | null> {
  await open(p, server.base + path);
  if (prepare) await prepare(p);
  const result = await p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    // Boxes that reach past the edge, or whose own text spills out of them.
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter(
        (el) =>
          el.getClientRects().length > 0 &&
          (el.getBoundingClientRect().right > width + 1 || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible")),
      )
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`)
      .slice(0, 5);
    return { scrollWidth, width, culprits };
  });
  return result.scrollWidth > result.width ? { page: path, ...result } : null;
}

/** The overflow check on every family, professional and signed-out page. */
async function overflowEverywhere(viewport: { width: number; height: number }, prepare?: (p: Page) => Promise<void>): Promise<Overflow[]> {
  const guests = await newContext(browser);
  const runs: [BrowserContext, string[]][] = [
    [family, familyPages],
    [care, carePages],
    [guests, signedOutPages],
  ];
  const problems: Overflow[] = [];
  for (const [context, paths] of runs) {
    const p = await context.newPage();
    await p.setViewportSize(viewport);
    for (const path of paths) {
      const found = await overflow(p, path, prepare);
      if (found) problems.push(found);
    }
    await p.close();
  }
  await guests.close();
  return problems;
}

/**
 * Text at 200 %. A phone's "large text" setting (and a browser's font-size setting)
 * raises the default font size that the app's 112.5 % root size and all its rem and
 * em sizes build on. Doubling the root font size does exactly that: text and
 * text-bound spacing double, fixed sizes (borders, the 44 px minimum) do not, just
 * as on the phone. Browser zoom is a different thing (everything grows) and is
 * covered by the 320 px check: 320 px is a 1280 px screen at 400 %.
 */
async function doubleText(p: Page): Promise<void> {
  await p.evaluate(() => {
    const root = document.documentElement;
    root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * 2}px`;
  });
}

describe("small screens and large text", () => {
  it("on a 360 × 740 phone, 'Hoe ging het vandaag?' and its button are on the first screen of the plan, in every language", async () => {
    const p = await family.newPage();
    await p.setViewportSize({ width: 360, height: 740 });
    for (const lang of ["nl", "en", "ar"]) {
      await family.addCookies([{ name: "gp_lang", value: lang, url: server.base }]);
      await open(p, `${server.base}/f/${familyId}`);
      const button = await p.locator("section[aria-labelledby=quick-progress] button[type=submit]").boundingBox();
      expect(button, lang).not.toBeNull();
      expect(button!.y + button!.height, lang).toBeLessThanOrEqual(740);
    }
    await family.addCookies([{ name: "gp_lang", value: "nl", url: server.base }]);
    await p.close();
  });

  it("with text at 200 % on a 360 × 740 phone, the header folds into one Menu button that opens to big choices, in every language", async () => {
    const menu = { nl: "Menu", en: "Menu", ar: "القائمة" };
    const p = await family.newPage();
    await p.setViewportSize({ width: 360, height: 740 });
    for (const lang of ["nl", "en", "ar"] as const) {
      await family.addCookies([{ name: "gp_lang", value: lang, url: server.base }]);
      await open(p, `${server.base}/f/${familyId}`);
      const summary = p.locator(".site-menu > summary");
      const logout = p.locator('form[action="/logout"] button');
      // With normal text everything shows, and there is no Menu button.
      expect(await summary.isVisible(), lang).toBe(false);
      expect(await logout.isVisible(), lang).toBe(true);

      await doubleText(p);
      expect(await summary.innerText(), lang).toBe(menu[lang]);
      expect(await logout.isVisible(), lang).toBe(false);
      // The name and the Menu button, no more (unfolded, the header was 489 px high).
      const header = (await p.locator("header.site-header").boundingBox())!;
      expect(header.y + header.height, lang).toBeLessThanOrEqual(200);
      // The button sits where a line starts: on the right in Arabic.
      const button = (await summary.boundingBox())!;
      if (lang === "ar") expect(button.x + button.width, lang).toBeGreaterThan(360 - 40);
      else expect(button.x, lang).toBeLessThan(40);

      await summary.click();
      expect(await logout.isVisible(), lang).toBe(true);
      // Four choices (two languages, the account, signing out), each a whole row to tap.
      const rows = await p.locator(".site-menu-items .button-link").evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })));
      expect(rows, lang).toHaveLength(4);
      for (const row of rows) {
        expect(row.height, lang).toBeGreaterThanOrEqual(48);
        expect(row.width, lang).toBeGreaterThan(360 * 0.8);
      }
    }
    await family.addCookies([{ name: "gp_lang", value: "nl", url: server.base }]);
    await p.close();

    // Without JavaScript the menu opens just the same (it is a <details>).
    const noScript = await newContext(browser, { javaScriptEnabled: false, storageState: await family.storageState(), viewport: { width: 360, height: 740 } });
    const q = await noScript.newPage();
    await open(q, `${server.base}/f/${familyId}`);
    await doubleText(q);
    await q.locator(".site-menu > summary").click();
    await follow(q, "/account", /\/account$/, q.locator("header"));
    await noScript.close();
  });

  it("no sideways scrolling on a 320 px wide phone", async () => {
    expect(await overflowEverywhere({ width: 320, height: 640 })).toEqual([]);
  });

  it("no sideways scrolling with text at 200 %, on a phone", async () => {
    expect(await overflowEverywhere({ width: 375, height: 740 }, doubleText)).toEqual([]);
  });
});

describe("form errors", () => {
  it("an empty goal form says what is missing, next to each field, linked to it, and moves the focus there", async () => {
    await open(page, `${server.base}/f/${familyId}/goals/new`);
    await page.locator('form:has([name="title"]) button[type="submit"]').click();
    const title = page.locator('textarea[name="title"]');
    await page.locator('textarea[name="title"][aria-invalid="true"]').waitFor();

    const describedBy = (await title.getAttribute("aria-describedby"))!.split(" ");
    expect(describedBy).toContain("field-title-error");
    const message = page.locator("#field-title-error");
    expect(await message.isVisible()).toBe(true);
    expect(await message.innerText()).toBe("Vul dit in.");
    // The message sits with its field, between the label and the box.
    const [messageBox, titleBox] = await Promise.all([message.boundingBox(), title.boundingBox()]);
    expect(messageBox!.y).toBeLessThan(titleBox!.y);

    const area = page.locator('select[name="lifeArea"]');
    expect(await area.getAttribute("aria-invalid")).toBe("true");
    expect(await area.getAttribute("aria-describedby")).toContain("field-lifeArea-error");
    expect(await page.locator("#field-lifeArea-error").innerText()).toBe("Kies een van de mogelijkheden.");

    // A screen reader hears the first problem straight away: focus goes to that field,
    // which reads out its label, "invalid" and the message.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("title");

    // Nothing was stored: the plan still has its two goals.
    await open(page, `${server.base}/f/${familyId}`);
    expect(await page.locator("#goals a.own-words").count()).toBe(2);
  });
});
