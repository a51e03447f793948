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

function render(loaderData: unknown, lang: Language = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: "/print", Component: printPage.default }]);
  return renderToString(
    inLanguage(lang, createElement(Stub, { initialEntries: ["/print"], hydrationData: { loaderData: { page: loaderData } } })),
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
    expect(html).toContain("Samen nagelopen op 1 november 2026");
    expect(html).toContain('data-size="l"');
    expect(html.match(/class="print-card"/g)).toHaveLength(2);
    // The print button needs JavaScript: the server renders none.
    expect(html).not.toContain("<button");

    const arabic = render(data, "ar");
    expect(arabic).toContain("هل هناك خطر الآن؟ اتصلوا بـ 112.");
  });
});

describe("the size of a card", () => {
  it("keeps big letters for a short agreement and shrinks a long one to fit one sheet", () => {
    expect(cardSize(agreement)).toBe("l");
    const long = "Mama merkt dat Sem stil wordt en niet meer eet. Hij zit veel op zijn kamer. ";
    expect(cardSize({ ...agreement, earlySigns: long.repeat(8), actions: long.repeat(8) })).toBe("m");
    expect(cardSize({ ...agreement, earlySigns: long.repeat(12), actions: long.repeat(12) })).toBe("s");
    // The longest the form allows.
    const max = { situation: "x ".repeat(150), earlySigns: "woord ".repeat(166), actions: "woord ".repeat(166), informs: "woord ".repeat(166), phones: "Oma 06 12345678\n".repeat(18).slice(0, 300) };
    expect(cardSize(max)).toBe("xs");
  });
});
