import { useTranslation } from "../use-translation";
import type { Part } from "../../consent/sections";

/**
 * Which parts are shared and how: "Doelen en stappen: mag kijken · alleen 2 doelen".
 * The family's pages and the professional's pages have these words in their own
 * texts (ADR 006), so each side gives its label: `useFamilyPartLabel` here, the
 * professionals' one beside their pages. With `titleOf` (the family side) the
 * chosen records are listed by their titles as the family wrote them.
 */
export function PartsList({ parts, label, titleOf }: { parts: Part[]; label: (part: Part) => string; titleOf?: (id: string) => string }) {
  return (
    <ul>
      {parts.map((part) => (
        <li key={part.section}>
          {label(part)}
          {part.chosen && titleOf ? (
            <ul>
              {part.chosen.map((id) => (
                <li key={id} className="own-words" dir="auto">
                  {titleOf(id)}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** How the family's pages name a shared part. */
export function useFamilyPartLabel() {
  const { t } = useTranslation("access");
  return (part: Part) =>
    [
      `${t(`parts.${part.section}`)}: ${t(`level.${part.level}`)}`,
      part.chosen ? t(`only.${part.section}`, { count: part.chosen.length }) : null,
      part.withoutGoal === null ? null : t(part.withoutGoal ? "only.notesAndLoose" : "only.notes"),
    ]
      .filter(Boolean)
      .join(" · ");
}
