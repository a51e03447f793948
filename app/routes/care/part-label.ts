import { useTranslation } from "../../use-translation";
import type { Part } from "../../../consent/sections";

/** How the professionals' pages name a shared part (their own texts, ADR 006). */
export function useCarePartLabel() {
  const { t } = useTranslation("care");
  return (part: Part) =>
    [
      `${t(`parts.${part.section}`)}: ${t(`level.${part.level}`)}`,
      part.chosen ? t(`only.${part.section}`, { count: part.chosen.length }) : null,
      part.withoutGoal === null ? null : t(part.withoutGoal ? "only.notesAndLoose" : "only.notes"),
    ]
      .filter(Boolean)
      .join(" · ");
}
