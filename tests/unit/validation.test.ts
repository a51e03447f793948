import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseForm } from "../../app/lib/forms";
import { goalSchema, progressSchema, stepSchema } from "../../app/plan/schemas";
import { signupSchema } from "../../app/routes/signup";
import { safeRedirect } from "../../app/auth/redirect";

function form(entries: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

describe("validation of what a family writes", () => {
  it("keeps the family's own words exactly, only trimming the edges", () => {
    const words = "  niet meteen boos reageren bij ruzie 😤 — écht!\n(ook niet op papa)  ";
    const result = parseForm(form({ title: words, lifeArea: "home", term: "short" }), goalSchema, ["memberIds"]);
    expect(result.ok && result.data.title).toBe(words.trim());
  });

  it("gives a translatable message per field", () => {
    const result = parseForm(form({ title: "", lifeArea: "", term: "" }), goalSchema, ["memberIds"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ title: "errors.required", lifeArea: "errors.choose", term: "errors.choose" });
  });

  it("refuses text that is too long or has control characters", () => {
    const long = parseForm(form({ title: "a".repeat(301), lifeArea: "home", term: "short" }), goalSchema, ["memberIds"]);
    expect(!long.ok && long.errors.title).toBe("errors.tooLong");
    const control = parseForm(form({ what: "stap\u0000", who: "together" }), stepSchema);
    expect(!control.ok && control.errors.what).toBe("errors.invalidCharacters");
  });

  it("treats mood and goal as optional, and only accepts moods 1 to 5", () => {
    const plain = parseForm(form({ text: "vandaag gelukt: op tijd naar school" }), progressSchema);
    expect(plain.ok && plain.data).toEqual({ text: "vandaag gelukt: op tijd naar school", goalId: null, mood: null });
    const withMood = parseForm(form({ text: "ging goed", mood: "5", goalId: "abc" }), progressSchema);
    expect(withMood.ok && withMood.data).toEqual({ text: "ging goed", goalId: "abc", mood: 5 });
    const badMood = parseForm(form({ text: "x", mood: "9" }), progressSchema);
    expect(!badMood.ok && badMood.errors.mood).toBe("errors.choose");
  });

  it("checks sign-up details", () => {
    const result = parseForm(form({ name: "Samira", email: "geen-mail", password: "kort" }), signupSchema);
    expect(!result.ok && result.errors).toEqual({ email: "errors.email", password: "errors.passwordShort" });
  });
});

describe("redirect after sign-in or a language switch", () => {
  const ORIGIN = "https://groeiplan.example";
  /** Where a browser on our site goes with this Location header, and whether it can be sent at all. */
  const browserGoesTo = (location: string) => new URL(location, ORIGIN).origin;
  const validHeader = (value: string) => /^[\x21-\x7e]*$/.test(value);

  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeRedirect("/f/abc")).toBe("/f/abc");
    expect(safeRedirect("/invite/abc?x=1#top")).toBe("/invite/abc?x=1#top");
    expect(safeRedirect("/f/%2F%2Fevil.example")).toBe("/f/%2F%2Fevil.example");
    // A control character becomes a harmless escaped part of a path here.
    expect(safeRedirect("/\u0000/evil.example")).toBe("/%00/evil.example");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect("")).toBe("/");
  });

  it("refuses every value a browser would take to another site", () => {
    const hostile = [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "/\t/evil.example/",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "///evil.example",
      "/\\/evil.example",
      "javascript:alert(1)",
      "data:text/html,hi",
      "/" + "a".repeat(5000),
    ];
    for (const value of hostile) {
      const result = safeRedirect(value);
      expect(browserGoesTo(result), JSON.stringify(value)).toBe(ORIGIN);
      expect(result, JSON.stringify(value)).toBe("/");
    }
  });

  it("answers with something that stays here and fits in a header, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string().map((s) => `/${s}`), fc.string().map((s) => `/\t${s}`)), (value) => {
        const result = safeRedirect(value);
        expect(browserGoesTo(result)).toBe(ORIGIN);
        expect(validHeader(result)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("dates and phone numbers", async () => {
  const { optionalDate, phone } = await import("../../app/lib/forms");
  it("accept real calendar dates or nothing", () => {
    expect(optionalDate().parse("2026-03-14")).toBe("2026-03-14");
    expect(optionalDate().parse("")).toBeNull();
    expect(optionalDate().parse(undefined)).toBeNull();
    expect(optionalDate().safeParse("2026-02-30").error?.issues[0].message).toBe("errors.date");
    expect(optionalDate().safeParse("14-03-2026").error?.issues[0].message).toBe("errors.date");
  });
  it("accept phone numbers as people write them", () => {
    expect(phone().parse(" 06 12345678 ")).toBe("06 12345678");
    expect(phone().parse("+31 (0)20-1234567")).toBe("+31 (0)20-1234567");
    expect(phone().safeParse("bel me").error?.issues[0].message).toBe("errors.phone");
  });
});
