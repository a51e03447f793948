import { listConsentsOfProfessional } from "../../consent/grants";
import type { Section } from "../../consent/sections";
import { notFound } from "../auth/user.server";
import type { ProfessionalContext } from "./context.server";

// What the professional pages share: where each part lives, and the consents this
// professional holds for this family right now.

export const CARE_PATHS: Record<Section, string> = { goals: "goals", whatifs: "what-ifs", progress: "progress", network: "network" };

/**
 * This professional's active consents for this family, read fresh. None looks
 * exactly like a page that does not exist: it says nothing about the family.
 */
export function activeConsentsOrNotFound(ctx: ProfessionalContext) {
  const active = listConsentsOfProfessional(ctx.db, ctx.user.id).filter((c) => c.familyId === ctx.familyId && c.effectiveStatus === "active");
  if (active.length === 0) throw notFound();
  return active;
}
