import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import type { Language } from "../../app/i18n";
import { cardSize } from "../../app/lib/print-card";
import * as printPage from "../../app/routes/family/whatifs-print";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, inLanguage } from "../support/routes";

// The wat-als agreements as cards on paper: for the family's members only, exactly
// like the wat-als page itself.

const agreement = {
  situation: "papa heel boos wordt",
  earlySigns: "Hij loopt heen en weer.",
  actions: "Mama gaat met Sem naar boven.",
  informs: "Mama belt Marco (gezinscoach) de volgende dag.",
  phones: "Oma Ria 06 23456789\nBij gevaar: 112",
  lastCheckedOn: "2026-11-01",
};

async function familyWithAgreements() {
  const family = await makeFamily(undefined, "Gezin Papier");
  const first = createWhatIf(getDb(), family.familyId, family.admin.id, agreement);
  const second = createWhatIf(getDb(), family.familyId, family.admin.id, { ...agreement, situation: "Als er geen geld meer is" });
  return { ...family, first, second };
}

function render(loaderData: unknown, lang: Language = "nl", entry = "/print") {
  const Stub = createRoutesStub([{ id: "page", path: "/print", Component: printPage.default }]);
  return renderToString(
    inLanguage(lang, createElement(Stub, { initialEntries: [entry], hydrationData: { loaderData: { page: loaderData } } })),
  );
}

describe("the wat-als cards to print", () => {
  it("a member gets every agreement, or one with ?id=", async () => {
    const { familyId, admin, first, second } = await familyWithAgreements();
    const all = await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId }, admin.cookie);
    expect(all.status).toBe(200);
    expect(all.data.familyName).toBe("Gezin Papier");
    expect(all.data.whatIfs.map((w: { id: string }) => w.id)).toEqual([first, second]);

    const one = await load(printPage.loader, `/f/${familyId}/what-ifs/print?id=${second}`, { familyId }, admin.cookie);
    expect(one.data.whatIfs.map((w: { id: string }) => w.id)).toEqual([second]);

    const missing = await load(printPage.loader, `/f/${familyId}/what-ifs/print?id=nope`, { familyId }, admin.cookie);
    expect(missing.status).toBe(404);
  });

  it("someone outside the family gets 404, also a professional who may read the agreements; signed out goes to sign in", async () => {
    const { familyId, admin, first } = await familyWithAgreements();
    const stranger = await makeUser();
    for (const path of [`/f/${familyId}/what-ifs/print`, `/f/${familyId}/what-ifs/print?id=${first}`]) {
      const result = await load(printPage.loader, path, { familyId }, stranger.cookie);
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.data ?? "")).not.toContain("papa heel boos");
    }
    // Professionals read through /care, where each look is logged; this page is not for them.
    const { professional } = await makeConsent(familyId, admin.id, { scopes: { whatifs: "read" } });
    expect((await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId }, professional.cookie)).status).toBe(404);

    const signedOut = await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId });
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toContain("/login");
  });

  it("a card shows every part in the family's words, phone numbers to tap, and what to do in danger", async () => {
    const { familyId, admin } = await familyWithAgreements();
    const { data } = await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId }, admin.cookie);
    const html = render(data);
    expect(html).toContain("Als papa heel boos wordt");
    // The family's own "Als" is not doubled.
    expect(html).toContain("Als er geen geld meer is");
    expect(html).not.toContain("Als Als");
    expect(html).toContain("Zo merken we het op tijd");
    expect(html).toContain("Mama belt Marco (gezinscoach) de volgende dag.");
    expect(html).toContain('<a href="tel:0623456789" class="phone">06 23456789</a>');
    expect(html).toContain("Is er direct gevaar? Bel 112.");
    expect(html).toContain('<p class="print-card-checked">Laatst samen bekeken op 1 november 2026</p>');
    expect(html).toContain('data-size="l"');
    expect(html.match(/class="print-card"/g)).toHaveLength(2);
    // The print button needs JavaScript: the server renders none.
    expect(html).not.toContain("<button");

    const arabic = render(data, "ar");
    expect(arabic).toContain("هل هناك خطر الآن؟ اتصلوا بـ 112.");
  });

  it("who does what and who tells whom are the big parts; how we notice it is not", async () => {
    const { familyId, admin } = await familyWithAgreements();
    const html = render((await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId }, admin.cookie)).data);
    expect(html).toContain('<section class="print-card-part print-card-who"><h3>Wie doet wat?</h3><p class="pre">Mama gaat met Sem naar boven.</p></section>');
    expect(html).toContain('<section class="print-card-part print-card-who"><h3>Wie vertelt het aan wie?</h3>');
    expect(html).toContain('<section class="print-card-part"><h3>Zo merken we het op tijd</h3>');
  });

  it("an agreement never looked at together says so on paper", async () => {
    const family = await makeFamily(undefined, "Gezin Nieuw");
    createWhatIf(getDb(), family.familyId, family.admin.id, { ...agreement, lastCheckedOn: null });
    const html = render((await load(printPage.loader, `/f/${family.familyId}/what-ifs/print`, { familyId: family.familyId }, family.admin.cookie)).data);
    expect(html).toContain('<p class="print-card-checked">Nog niet samen bekeken</p>');
  });

  it("?naam=uit leaves the family's name off the cards, the page's data and its title", async () => {
    const { familyId, admin, second } = await familyWithAgreements();
    const shown = await load(printPage.loader, `/f/${familyId}/what-ifs/print`, { familyId }, admin.cookie);
    const withName = render(shown.data, "nl", "/print");
    expect(withName).toContain('<span class="pre">Gezin Papier</span>');
    expect(withName).toContain(`href="/f/${familyId}/what-ifs/print?naam=uit"`);
    expect(withName).toContain("Afdrukken zonder gezinsnaam");

    const path = `/f/${familyId}/what-ifs/print?id=${second}&naam=uit`;
    const off = await load(printPage.loader, path, { familyId }, admin.cookie);
    expect(off.status).toBe(200);
    expect(off.data.familyName).toBeNull();
    expect(JSON.stringify(off.data)).not.toContain("Gezin Papier");
    const html = render(off.data, "nl", `/print?id=${second}&naam=uit`);
    expect(html).not.toContain("Gezin Papier");
    expect(html).toContain('<p class="print-card-family">Wat als het misgaat?</p>');
    expect(html).toContain("Laatst samen bekeken op 1 november 2026");
    expect(html).toContain("De naam van jullie gezin staat niet op de kaarten.");
    // The way back keeps the one card that was asked for.
    expect(html).toContain(`href="/f/${familyId}/what-ifs/print?id=${second}"`);
    // A browser may print the page title on the sheet: without the name it names only the app.
    const familyTitle = { id: "layout", meta: [{ title: "Gezin Papier · Groeiplan" }] };
    const meta = (data: unknown) => printPage.meta({ data, matches: [familyTitle] } as unknown as Parameters<typeof printPage.meta>[0]);
    expect(meta(off.data)).toEqual([{ title: "Groeiplan" }]);
    expect(meta(shown.data)).toEqual([{ title: "Gezin Papier · Groeiplan" }]);

    // Anything else than "uit" shows the name, as before.
    expect((await load(printPage.loader, `/f/${familyId}/what-ifs/print?naam=aan`, { familyId }, admin.cookie)).data.familyName).toBe("Gezin Papier");
  });
});

describe("the size of a card", () => {
  it("keeps big letters for a short agreement and shrinks a long one to fit one sheet", () => {
    expect(cardSize(agreement)).toBe("l");
    const long = "Mama merkt dat Sem stil wordt en niet meer eet. Hij zit veel op zijn kamer. ";
    // Chromium prints at most 4 of these on one sheet at l, 8 at m and 12 at s (app/styles.css); the estimate stays within that.
    expect(cardSize({ ...agreement, earlySigns: long.repeat(4), actions: long.repeat(4) })).toBe("l");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(5), actions: long.repeat(5) })).toBe("m");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(7), actions: long.repeat(7) })).toBe("m");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(8), actions: long.repeat(8) })).toBe("s");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(11), actions: long.repeat(11) })).toBe("s");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(12), actions: long.repeat(12) })).toBe("xs");
    // The longest the form allows.
    const max = { situation: "x ".repeat(150), earlySigns: "woord ".repeat(166), actions: "woord ".repeat(166), informs: "woord ".repeat(166), phones: "Oma 06 12345678\n".repeat(18).slice(0, 300) };
    expect(cardSize(max)).toBe("xs");
  });
});
