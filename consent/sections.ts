import type { Selection } from "../db/values";

// The parts of the plan a family can share, each with "mag kijken" (read) or
// "mag ook schrijven" (write).
export const SECTIONS = ["goals", "strengths", "whatifs", "progress", "network"] as const;
export type Section = (typeof SECTIONS)[number];
// "family" is the family's name and members: needed to make sense of any section,
// and only ever read by the family itself. "team" is "Wie doet wat?": who of the
// professionals is involved and which steps are whose. Every professional with an
// active consent may read it; what of it they see is decided per record (gate.ts).
export type GateSection = Section | "family" | "team";
export const ACCESS_LEVELS = ["read", "write"] as const;

export type Level = (typeof ACCESS_LEVELS)[number];

/**
 * A shared part: its level, and for "alleen deze" the chosen records' ids (or for
 * progress, whether notes without a goal come along).
 */
export type Part = { section: Section; level: Level; chosen: string[] | null; withoutGoal: boolean | null };

/** The parts a consent shares, in the plan's own order, each with its level and choice. */
export function grantedParts(scopes: Partial<Record<string, Level>>, selection: Selection = {}): Part[] {
  return SECTIONS.flatMap((section) => {
    const level = scopes[section];
    if (!level) return [];
    const chosen = section === "progress" ? null : (selection[section] ?? null);
    const withoutGoal = section === "progress" && selection.progress ? selection.progress.withoutGoal : null;
    return [{ section, level, chosen, withoutGoal }];
  });
}
