import { describe, expect, it } from "vitest";
import { labelText, pickVoice, speechLanguage, textLanguage } from "../../app/components/read-aloud";

const voice = (lang: string, localService = true) => ({ lang, localService, default: false, name: lang });

describe("reading aloud", () => {
  it("speaks the page's language with a Dutch, British or Arabic voice", () => {
    expect(speechLanguage("nl")).toBe("nl-NL");
    expect(speechLanguage("en")).toBe("en-GB");
    expect(speechLanguage("ar")).toBe("ar");
    expect(speechLanguage("tr")).toBe("tr");
  });

  it("picks the exact voice first, then one of the same language, a voice on the phone before one online", () => {
    const voices = [voice("en-US"), voice("nl-BE"), voice("nl-NL", false), voice("nl-NL"), voice("ar-SA")];
    expect(pickVoice(voices, "nl-NL")).toBe(voices[3]);
    expect(pickVoice([voice("nl-BE"), voice("en-GB")], "nl-NL")?.lang).toBe("nl-BE");
    expect(pickVoice(voices, "ar")?.lang).toBe("ar-SA");
    expect(pickVoice([voice("en_GB")], "en-GB")?.lang).toBe("en_GB");
    // No voice for the language: the browser chooses by the utterance's language.
    expect(pickVoice([voice("en-US")], "ar")).toBeNull();
    expect(pickVoice([], "nl-NL")).toBeNull();
  });

  it("names the button with the start of a long text, cut at a word", () => {
    expect(labelText("Op tijd naar school")).toBe("Op tijd naar school");
    expect(labelText("Eerst\n\ndit   en dat")).toBe("Eerst dit en dat");
    const long = "Samira belt Ingrid van het Geldloket en daarna gaan we samen naar de voedselbank op donderdag";
    expect(labelText(long)).toBe("Samira belt Ingrid van het Geldloket en daarna gaan we samen naar de…");
    expect(labelText(long).length).toBeLessThanOrEqual(81);
  });

  it("reads a text in the language it is written in, not the page's: Dutch plan words on an Arabic page in Dutch", () => {
    expect(textLanguage("Sem is elke dag op tijd op school", "ar")).toBe("nl");
    expect(textLanguage("vandaag gelukt: op tijd naar school", "en")).toBe("nl");
    expect(textLanguage("We went to the library and it was good", "nl")).toBe("en");
    expect(textLanguage("سام يذهب إلى المدرسة في الوقت", "nl")).toBe("ar");
    // A name alone says nothing: the page's language when it is Dutch or English, else Dutch.
    expect(textLanguage("Ingrid Geldloket", "en")).toBe("en");
    expect(textLanguage("Ingrid Geldloket", "ar")).toBe("nl");
  });
});
