import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProfessionalPath, LANGUAGES, PROFESSIONAL_NAMESPACES } from "../../app/i18n";

// The browser gets a language's texts in two chunks: the family's pages and the
// professionals' pages. These tests keep the split honest: nothing missing on
// either side, and no family page using a text only professionals download.

const chunks = import.meta.glob<{ default: Record<string, unknown> }>("../../app/translations/*.ts", { eager: true });
const namespacesOf = (file: string) => Object.keys(chunks[`../../app/translations/${file}.ts`].default).sort();
const localeNamespaces = (lang: string) =>
  fs
    .readdirSync(path.resolve("locales", lang))
    .map((file) => file.replace(/\.json$/, ""))
    .sort();

describe("the browser's translation chunks", () => {
  it.each(LANGUAGES)("%s: the two chunks hold every namespace but the server's mail, each once", (lang) => {
    const family = namespacesOf(lang);
    const care = namespacesOf(`${lang}-care`);
    expect(care).toEqual([...PROFESSIONAL_NAMESPACES].sort());
    expect(family.filter((ns) => care.includes(ns))).toEqual([]);
    expect([...family, ...care, "mail"].sort()).toEqual(localeNamespaces(lang));
  });

  it("only professionals' pages use the professionals' texts", () => {
    const files = fs.readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" }).filter((file) => /\.tsx?$/.test(file));
    const professional = (file: string) => file.startsWith(path.join("routes", "care")) || file === path.join("routes", "invite.tsx");
    const uses = new RegExp(`useTranslation\\("(${PROFESSIONAL_NAMESPACES.join("|")})"\\)|["\`'](${PROFESSIONAL_NAMESPACES.join("|")}):`);
    const offenders = files.filter((file) => !professional(file) && !file.startsWith("translations") && uses.test(fs.readFileSync(path.resolve("app", file), "utf8")));
    expect(offenders).toEqual([]);
    // And the check sees them where they are used.
    expect(uses.test(fs.readFileSync(path.resolve("app/routes/care/home.tsx"), "utf8"))).toBe(true);
  });

  it("knows which pages are professionals'", () => {
    for (const pathname of ["/care", "/care/abc123", "/care/abc123/goals", "/invite/sometoken"]) expect(isProfessionalPath(pathname)).toBe(true);
    for (const pathname of ["/", "/careful", "/f/abc123", "/f/abc123/access/new", "/invites", "/login"]) expect(isProfessionalPath(pathname)).toBe(false);
  });
});
