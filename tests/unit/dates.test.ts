import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../app/lib/dates";
import { serverI18n } from "../../app/i18n.server";

// Tuesday 3 March 2026, 14:02 in Amsterdam (13:02 UTC, winter time).
const LOOK = Date.UTC(2026, 2, 3, 13, 2);

describe("dates in the reader's language, on Dutch time", () => {
  it("Dutch, British English and Arabic each read naturally, on the 24-hour clock", () => {
    expect(formatDateTime(LOOK, "nl")).toMatch(/^di 3 maart( om|,)? 14:02$/);
    expect(formatDateTime(LOOK, "en")).toMatch(/^Tue 3 March( at|,)? 14:02$/);
    const arabic = formatDateTime(LOOK, "ar");
    expect(arabic).toContain("الثلاثاء");
    expect(arabic).toContain("3 مارس");
    expect(arabic).toContain("14:02");
    // The digits of the phone numbers and letters around them, not ٣ or ١٤.
    expect(arabic).not.toMatch(/[\u0660-\u0669]/);
  });

  it("a summer evening is a day later in Amsterdam than in London", () => {
    expect(formatDateTime(Date.UTC(2026, 6, 9, 22, 5), "nl")).toMatch(/^vr 10 juli( om|,)? 00:05$/);
    expect(formatDate("2026-11-01", "en")).toBe("1 November 2026");
    expect(formatDate("2026-11-01", "ar")).toBe("1 نوفمبر 2026");
  });

  it("a look reads as one sentence and a time, in each language", () => {
    const who = (lang: "nl" | "en" | "ar") => serverI18n(lang).getFixedT(null, "looks")("who", { name: "Sanne de Boer", organisation: "Basisschool De Linde" });
    const sentence = (lang: "nl" | "en" | "ar") =>
      serverI18n(lang).getFixedT(null, "looks")("visit.read", { who: who(lang), when: "3/3 14:02–14:09", what: "3" });
    expect(sentence("nl")).toBe("Sanne de Boer (Basisschool De Linde) keek 3/3 14:02–14:09 naar 3");
    expect(sentence("en")).toBe("Sanne de Boer (Basisschool De Linde) looked on 3/3 14:02–14:09 at 3");
    // On a right-to-left page every inserted name is isolated (FSI … PDI), so the
    // brackets of a Dutch organisation stay the right way round in the Arabic sentence.
    expect(sentence("ar")).toBe("اطّلع \u2068\u2068Sanne de Boer\u2069 (\u2068Basisschool De Linde\u2069)\u2069 يوم \u20683/3 14:02–14:09\u2069 على \u20683\u2069");
  });

  it("a link in an Arabic mail stays bare, so mail apps can open it", () => {
    const t = serverI18n("ar").getFixedT(null, "mail");
    const text = t("invitation.text", { family: "Gezin Test", link: "https://groeiplan.example/invite/abc", days: 14 });
    expect(text).toContain("\nhttps://groeiplan.example/invite/abc\n");
    expect(text).toContain("\u2068Gezin Test\u2069");
  });
});

describe("calendar days where the families live", () => {
  it("adds calendar months the way people count them: 31 August + 6 months is the end of February", async () => {
    const { addMonths } = await import("../../app/lib/dates");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", 12)).toBe("2027-01-15");
  });

  it("a day starts at midnight in Amsterdam, also on the nights the clocks change", async () => {
    const { endOfDay, lastDay, startOfDay, isCalendarDay } = await import("../../app/lib/dates");
    expect(new Date(startOfDay("2026-03-29")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(startOfDay("2026-03-30")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(endOfDay("2026-03-29") - startOfDay("2026-03-29")).toBe(23 * 60 * 60 * 1000);
    // A consent that ends at the end of a day still works on that day.
    expect(lastDay(endOfDay("2026-10-25"))).toBe("2026-10-25");
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("2026-02-28")).toBe(true);
  });

  it("today is the calendar day in the Netherlands", async () => {
    const { today } = await import("../../app/lib/dates");
    expect(today(Date.parse("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(today(Date.parse("2026-12-31T22:59:00Z"))).toBe("2026-12-31");
  });
});
