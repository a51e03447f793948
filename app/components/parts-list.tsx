import type { Part } from "../../consent/sections";

/**
 * Which parts are shared and how: "Doelen en stappen: mag kijken". The family's
 * pages and the professional's pages have these words in their own texts (ADR 006),
 * so each page says how a part reads.
 */
export function PartsList({ parts, label }: { parts: Part[]; label: (part: Part) => string }) {
  return (
    <ul>
      {parts.map((part) => (
        <li key={part.section}>{label(part)}</li>
      ))}
    </ul>
  );
}
