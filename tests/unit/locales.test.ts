import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGE, LANGUAGES } from "../../app/i18n";

const root = path.resolve("locales");

type Json = Record<string, unknown>;

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function lookup(json: Json, key: string): unknown {
  return key.split(".").reduce((node: any, part) => node?.[part], json);
}

// i18next plural forms differ per language (Arabic has six); compare the base key.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");

function namespaces(lang: string) {
  return fs
    .readdirSync(path.join(root, lang))
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.replace(/\.json$/, ""))
    .sort();
}

function load(lang: string, ns: string): Json {
  return JSON.parse(fs.readFileSync(path.join(root, lang, `${ns}.json`), "utf8"));
}

/** Every key of every namespace, as "ns:key" without plural suffixes. */
function allKeys(lang: string): Set<string> {
  return new Set(namespaces(lang).flatMap((ns) => keys(load(lang, ns)).map((key) => `${ns}:${base(key)}`)));
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("there is a folder for every language and a language for every folder", () => {
    const folders = fs.readdirSync(root).filter((entry) => fs.statSync(path.join(root, entry)).isDirectory());
    expect(folders.sort()).toEqual([...LANGUAGES].sort());
  });

  it("every language has the same files and the same keys", () => {
    const reference = namespaces(DEFAULT_LANGUAGE);
    for (const lang of LANGUAGES) {
      expect(namespaces(lang), lang).toEqual(reference);
      for (const ns of reference) {
        const expected = [...new Set(keys(load(DEFAULT_LANGUAGE, ns)).map(base))].sort();
        const actual = [...new Set(keys(load(lang, ns)).map(base))].sort();
        expect(actual, `${lang}/${ns}.json`).toEqual(expected);
      }
    }
  });

  it("a counted text has exactly the plural forms its language needs", () => {
    for (const lang of LANGUAGES) {
      const needed = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      for (const ns of namespaces(lang)) {
        const forms = new Map<string, string[]>();
        for (const key of keys(load(lang, ns))) {
          const form = key.match(PLURAL)?.[1];
          if (form) forms.set(base(key), [...(forms.get(base(key)) ?? []), form]);
        }
        for (const [key, found] of forms) expect(found.sort(), `${lang}/${ns}.json ${key}`).toEqual(needed);
      }
    }
  });

  it("no text is empty, and every text has the same {{placeholders}} as the Dutch one", () => {
    for (const lang of LANGUAGES) {
      for (const ns of namespaces(lang)) {
        const json = load(lang, ns);
        const dutch = load(DEFAULT_LANGUAGE, ns);
        const byBase = new Map<string, Set<string>>();
        for (const key of keys(json)) {
          const text = lookup(json, key);
          expect(typeof text === "string" && text.trim() !== "", `${lang}/${ns}.json ${key} is empty`).toBe(true);
          const found = byBase.get(base(key)) ?? new Set<string>();
          for (const name of variables(String(text))) found.add(name);
          byBase.set(base(key), found);
        }
        for (const [key, found] of byBase) {
          // Plural forms together use the same placeholders; one form may leave {{count}} out ("geen", "één").
          const expected = new Set(keys(dutch).filter((k) => base(k) === key).flatMap((k) => variables(String(lookup(dutch, k)))));
          found.add("count");
          expected.add("count");
          expect([...found].sort(), `${lang}/${ns}.json ${key}`).toEqual([...expected].sort());
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------
// No key is unused. The code is read as text: every string literal that names a key
// reaches it. A key built at run time (t(`parts.${section}`)) reaches every key under
// its fixed start, and that start must be listed here, so a new kind of built key is
// a conscious choice and a start that the code no longer builds is noticed.

/**
 * Key starts the code completes at run time, with where the last part comes from.
 * "ns:" is the namespace the file's useTranslation() or getFixedT() names.
 */
const DYNAMIC: Record<string, string> = {
  "common:lifeAreas.": "LIFE_AREAS (db/schema)",
  "common:goalStatus.": "GOAL_STATUSES (db/schema)",
  "common:errors.page.": "the error boundary in app/root.tsx: notFound, forbidden, tooMany, tooLarge, unavailable, unknown; busy in server.js",
  "common:delete.title.": "the kinds of things the delete page removes",
  "goals:term.": "GOAL_TERMS (db/schema)",
  "access:parts.": "SECTIONS (consent/sections)",
  "export:intro.": "the two kinds of download: family, member",
  "export:consent.status.": "CONSENT_STATUSES (db/values)",
  "export:consent.kind.": "VERSION_KINDS (db/values)",
  "access:level.": "none, read, write",
  "access:status.": "consent statuses",
  "access:statusExplain.": "consent statuses",
  "access:link.mail.": "the result of sending the invitation mail",
  "looks:visit.count.": "RECORD_KINDS (app/sharing/record-kinds)",
  "looks:visit.kind.": "RECORD_KINDS (app/sharing/record-kinds)",
  "looks:visit.section.": "SECTIONS (consent/sections)",
  "access:request.done.": "approved, declined, declinedRequest",
  "access:which.": "goals, strengths, whatifs, network, progress: all or only the chosen records",
  "access:only.": "goals, strengths, whatifs, network: how many records a consent shares",
  "care:only.": "goals, strengths, whatifs, network: how many records a consent shares",
  "care:parts.": "SECTIONS (consent/sections)",
  "care:level.": "none, read, write",
  "care:ask.answer.": "approval, refusal",
  "care:askLink.state.": "open, expired, approved, declined",
  "care:errors.": "the consent form's messages, in the professionals' texts (careErrors)",
  "care:levelExplain.": "read, write",
  "care:home.status.": "expired, revoked",
  "team:mark.": "CoachMark (app/plan/team.server): coach, second",
  "team:settings.": "the two coach fields: coach, second",
  "team:errors.": "what setTeam refuses: choice, same",
  "network:kind.": "informal, professional",
  "network:list.": "informal, professional (the two lists)",
  "progress:mood.": "1 to 5",
  "progress:moodWords.": "1 to 5",
  "members:livesAtHome.": "yes, sometimes, no",
  "members:livesAtHomeChoice.": "yes, sometimes, no",
  "members:roleChoice.": "admin, member",
  "members:join.state.": "the states of a join link",
  "invite:state.": "the states of an invitation link",
  "looks:channel.": "web, api",
  "looks:csv.parts.": "SECTIONS (consent/sections)",
  "looks:csv.actions.": "read, create, update",
  "history:sentence.": "entity × action of a change",
  "history:fields.": "the fields a change lists",
  "reviews:next.": "REVIEW_NEXT (db/values)",
  "strengths:kind.": "STRENGTH_KINDS (db/values)",
  "strengths:tag.": "STRENGTH_KINDS (db/values)",
  "reviews:nextExplain.": "REVIEW_NEXT (db/values)",
};

const CODE_DIRS = ["app", "consent"];
const KEY = /^(?:([a-z]+):)?([A-Za-z][\w-]*(?:\.[\w-]+)*)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** The namespaces a file translates in: useTranslation("x"), getFixedT(null, "x"); "common" always (the default, and the shared error texts). */
function fileNamespaces(source: string): string[] {
  const found = new Set(["common"]);
  for (const m of source.matchAll(/useTranslation\(\s*(?:["']([\w-]+)["'])?\s*\)/g)) found.add(m[1] ?? "common");
  for (const m of source.matchAll(/getFixedT\(\s*[^,]+,\s*["']([\w-]+)["']\s*\)/g)) found.add(m[1]);
  return [...found];
}

function scanCode() {
  const reached = new Set<string>();
  const dynamic = new Map<string, string>(); // "ns:prefix" → file
  const unlisted: string[] = [];
  const named: { where: string; candidates: string[] }[] = []; // t("x") and "ns:x": these must exist
  for (const file of CODE_DIRS.flatMap((dir) => sourceFiles(path.resolve(dir)))) {
    const source = fs.readFileSync(file, "utf8");
    const where = path.relative(process.cwd(), file);
    const nss = fileNamespaces(source);
    const resolve = (ns: string | undefined, key: string) => (ns ? [`${ns}:${key}`] : nss.map((n) => `${n}:${key}`));

    // Whole keys: any quoted literal with a dot or a namespace ("errors.choose", "members:errors.lastAdmin"),
    // and any literal handed straight to t() ("title").
    for (const m of source.matchAll(/(["'`])((?:(?!\1)[^\\\n$])+)\1/g)) {
      const key = m[2].match(KEY);
      if (!key || !(m[2].includes(".") || m[2].includes(":"))) continue;
      for (const k of resolve(key[1], key[2])) reached.add(k);
      if (key[1]) named.push({ where: `${where}: "${m[2]}"`, candidates: resolve(key[1], key[2]) });
    }
    for (const m of source.matchAll(/\bt\(\s*(["'`])([\w.-]+)\1/g)) {
      for (const k of resolve(undefined, m[2])) reached.add(k);
      named.push({ where: `${where}: t("${m[2]}")`, candidates: resolve(undefined, m[2]) });
    }

    // Built keys: a template literal whose fixed start looks like a key and ends in a dot.
    for (const m of source.matchAll(/`((?:[a-z]+:)?[A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) {
      const prefix = m[1].match(/^(?:([a-z]+):)?(.*)$/)!;
      const candidates = resolve(prefix[1], prefix[2]).filter((p) => p in DYNAMIC);
      if (candidates.length === 0) unlisted.push(`${where}: \`${m[1]}\${…}\``);
      for (const p of candidates) dynamic.set(p, where);
    }
    // A key built from nothing fixed (t(`${key}.title`)) cannot be checked at all.
    for (const m of source.matchAll(/\bt\(\s*`\$\{/g)) unlisted.push(`${where}: a key that starts with \${…} at ${m.index}`);
  }
  return { reached, dynamic, unlisted, named };
}

describe("every key is used", () => {
  const { reached, dynamic, unlisted, named } = scanCode();

  it("every key the code builds at run time starts with a listed prefix", () => {
    expect(unlisted).toEqual([]);
  });

  it("every listed prefix is still built somewhere, and names existing keys", () => {
    const known = allKeys(DEFAULT_LANGUAGE);
    for (const prefix of Object.keys(DYNAMIC)) {
      expect(dynamic.has(prefix), `${prefix} is listed but no code builds it`).toBe(true);
      expect([...known].some((key) => key.startsWith(prefix)), `${prefix} names no key`).toBe(true);
    }
  });

  it("no key is left that no code can reach", () => {
    const unused = [...allKeys(DEFAULT_LANGUAGE)].filter((key) => !reached.has(key) && ![...dynamic.keys()].some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it("every key the code names exists", () => {
    const known = allKeys(DEFAULT_LANGUAGE);
    const exists = (key: string) => known.has(key) || [...known].some((k) => k.startsWith(`${key}.`));
    const ns = new Set(namespaces(DEFAULT_LANGUAGE));
    const missing = named
      .filter(({ candidates }) => candidates.some((key) => ns.has(key.split(":")[0])))
      .filter(({ candidates }) => !candidates.some(exists))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });
});
