// The parts of the plan a family can share, each with "mag kijken" (read) or
// "mag ook schrijven" (write).
export const SECTIONS = ["goals", "whatifs", "progress", "network"] as const;
export type Section = (typeof SECTIONS)[number];
// "family" is the family's name and members: needed to make sense of any section,
// and only ever read by the family itself.
export type GateSection = Section | "family";
export const ACCESS_LEVELS = ["read", "write"] as const;
