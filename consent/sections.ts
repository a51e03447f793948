// The parts of the plan a family can share, each with "mag kijken" (read) or
// "mag ook schrijven" (write).
export const SECTIONS = ["goals", "whatifs", "progress", "network"] as const;
export type Section = (typeof SECTIONS)[number];
// "family" is the family's name and members: needed to make sense of any section,
// and only ever read by the family itself.
export type GateSection = Section | "family";
export const ACCESS_LEVELS = ["read", "write"] as const;

export type Level = (typeof ACCESS_LEVELS)[number];
export type Part = { section: Section; level: Level };

/** The parts a consent shares, in the plan's own order, each with its level. */
export function grantedParts(scopes: Partial<Record<string, Level>>): Part[] {
  return SECTIONS.flatMap((section) => {
    const level = scopes[section];
    return level ? [{ section, level }] : [];
  });
}
