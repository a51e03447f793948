import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve("locales");

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

// i18next plural forms differ per language (Arabic has six); compare the base key.
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

function namespaces(lang: string) {
  return fs.readdirSync(path.join(root, lang)).filter((file) => file.endsWith(".json"));
}

describe("translations", () => {
  it("Dutch and English have the same files and the same keys", () => {
    expect(namespaces("en")).toEqual(namespaces("nl"));
    for (const file of namespaces("nl")) {
      const nl = new Set(keys(JSON.parse(fs.readFileSync(path.join(root, "nl", file), "utf8"))).map(base));
      const en = new Set(keys(JSON.parse(fs.readFileSync(path.join(root, "en", file), "utf8"))).map(base));
      expect([...en].sort(), file).toEqual([...nl].sort());
    }
  });

  it("no text is empty", () => {
    for (const lang of ["nl", "en"]) {
      for (const file of namespaces(lang)) {
        const json = JSON.parse(fs.readFileSync(path.join(root, lang, file), "utf8"));
        const empty = keys(json).filter((key) => key.split(".").reduce((node: any, part) => node[part], json) === "");
        expect(empty, `${lang}/${file}`).toEqual([]);
      }
    }
  });
});
