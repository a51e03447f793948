import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../use-translation";
import { useBrowserCan } from "../lib/browser-can";

// A button that reads a text from the plan aloud, for family members who read with
// difficulty. It uses the browser's own voices (Web Speech API): nothing leaves the
// phone. The server and a browser without JavaScript or without speech show nothing,
// so there is never a button that does not work.

/** The voice language for a page language: the Dutch and British voices the families hear around them. */
const SPEECH_LANGUAGES: Record<string, string> = { nl: "nl-NL", en: "en-GB", ar: "ar" };

export function speechLanguage(pageLanguage: string): string {
  return SPEECH_LANGUAGES[pageLanguage] ?? pageLanguage;
}

// Short words that nearly every Dutch or English sentence has, and the other language
// does not: enough to tell a family's Dutch note from an English one.
const DUTCH_WORDS = new Set(["de", "het", "een", "en", "naar", "op", "van", "is", "niet", "ik", "je", "we", "wij", "met", "voor", "dat", "er", "ook", "bij", "om", "gaat", "goed"]);
const ENGLISH_WORDS = new Set(["the", "and", "to", "of", "is", "not", "i", "you", "we", "with", "for", "that", "it", "at", "on", "my", "went", "good"]);

/**
 * The language a text from the plan is written in, to read it with a voice that
 * speaks it: a family's Dutch words on an Arabic page are read in Dutch. Arabic
 * script is Arabic; other text is Dutch or English by its small words, and when
 * those do not tell, the page's language if it is written in Latin letters, else
 * Dutch, the language of the plans.
 */
export function textLanguage(text: string, pageLanguage: string): string {
  const arabic = (text.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z\u00C0-\u024F]/g) ?? []).length;
  if (arabic > latin) return "ar";
  const words = text.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  const dutch = words.filter((word) => DUTCH_WORDS.has(word)).length;
  const english = words.filter((word) => ENGLISH_WORDS.has(word)).length;
  if (dutch > english) return "nl";
  if (english > dutch) return "en";
  return pageLanguage === "nl" || pageLanguage === "en" ? pageLanguage : "nl";
}

type Voice = Pick<SpeechSynthesisVoice, "lang" | "localService" | "default">;

/**
 * The best installed voice for a language: the exact one (nl-NL), else one of the same
 * language (nl-BE, ar-SA), preferring voices on the phone itself over network voices.
 * None: the browser then picks one by the utterance's language.
 */
export function pickVoice<V extends Voice>(voices: readonly V[], lang: string): V | null {
  const wanted = lang.toLowerCase().replace(/_/g, "-");
  const primary = wanted.split("-")[0];
  const norm = (v: V) => v.lang.toLowerCase().replace(/_/g, "-");
  const rank = (v: V) => (norm(v) === wanted ? 0 : 2) + (v.localService ? 0 : 1);
  const matching = voices.filter((v) => norm(v) === wanted || norm(v).split("-")[0] === primary);
  return [...matching].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** A long text is read aloud in full, but its button's name only needs the start. */
export function labelText(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const canSpeak = () => "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined";

export function ReadAloud({ text, label }: { text: string; label?: string }) {
  const { t, i18n } = useTranslation();
  const speechWorks = useBrowserCan(canSpeak);
  const [speaking, setSpeaking] = useState(false);
  const utterance = useRef<SpeechSynthesisUtterance | null>(null);

  // Leaving the page stops this text, not someone else's.
  useEffect(
    () => () => {
      if (utterance.current && typeof window !== "undefined" && "speechSynthesis" in window) window.speechSynthesis.cancel();
    },
    [],
  );

  if (!speechWorks || text.trim() === "") return null;

  function toggle() {
    const synth = window.speechSynthesis;
    // One voice at a time: this also ends another button's text, whose own end handler resets it.
    synth.cancel();
    if (speaking) {
      utterance.current = null;
      setSpeaking(false);
      return;
    }
    const lang = speechLanguage(textLanguage(text, i18n.language));
    const next = new SpeechSynthesisUtterance(text);
    next.lang = lang;
    const voice = pickVoice(synth.getVoices(), lang);
    if (voice) next.voice = voice;
    next.rate = 0.9;
    const done = () => {
      if (utterance.current === next) utterance.current = null;
      setSpeaking(false);
    };
    next.onend = done;
    next.onerror = done;
    utterance.current = next;
    setSpeaking(true);
    synth.speak(next);
  }

  return (
    <button
      type="button"
      className="read-aloud"
      onClick={toggle}
      aria-label={speaking ? t("readAloud.stop") : t("readAloud.label", { text: labelText(label ?? text) })}
    >
      {speaking ? <StopIcon /> : <SpeakerIcon />}
    </button>
  );
}

function SpeakerIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7" />
      <path d="M19 6a8.5 8.5 0 0 1 0 12" />
    </svg>
  );
}

function StopIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24">
      <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
    </svg>
  );
}
