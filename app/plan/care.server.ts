import { claimInvitation, inspectInvitation, listConsentsOfProfessional } from "../../consent/grants";
import { memberAccess } from "../../consent/gate";
import { writeTransaction, type DB } from "../../db/client.server";
import { setOrganisationIfEmpty } from "../auth/accounts.server";
import type { SessionUser } from "../auth/session.server";
import { SECTIONS, type Section } from "../../consent/sections";
import { lastDay } from "../lib/dates";
import type { ProfessionalContext } from "./context.server";
import { notFound } from "./context.server";

// What the professional pages share: where each part lives, and the consents this
// professional holds for this family right now.

export const CARE_PATHS: Record<Section, string> = { goals: "goals", strengths: "strengths", whatifs: "what-ifs", progress: "progress", network: "network" };

/**
 * This professional's active consents for this family, read fresh. None looks
 * exactly like a page that does not exist: it says nothing about the family.
 */
export function activeConsentsOrNotFound(ctx: ProfessionalContext) {
  const active = listConsentsOfProfessional(ctx.db, ctx.user.id).filter((c) => c.familyId === ctx.familyId && c.effectiveStatus === "active");
  if (active.length === 0) throw notFound();
  return active;
}

export type CareFrame = ReturnType<typeof careFrame>;

/**
 * What every professional page shows around its part: whose plan, which parts the
 * family shares (the widest level and latest end when it gave two consents), and
 * until when. Each page returns it with its own data, after its own read was
 * allowed. A frame loaded by the layout would travel with a refusal of the page
 * below it (in the HTML and in `.data`), naming the family to someone it refused.
 */
export function careFrame(ctx: ProfessionalContext, active = activeConsentsOrNotFound(ctx)) {
  const parts = SECTIONS.flatMap((section) => {
    const granting = active.filter((c) => c.scopes[section]);
    if (granting.length === 0) return [];
    const level = granting.some((c) => c.scopes[section] === "write") ? ("write" as const) : ("read" as const);
    return [{ section, level, path: CARE_PATHS[section] }];
  });
  return {
    familyId: ctx.familyId,
    familyName: active[0].familyName,
    parts,
    // "Wie doet wat?" is in the menu while the family keeps it on.
    teamPage: active[0].teamPage,
    lastDay: lastDay(Math.max(...active.map((c) => c.endsAt))),
  };
}

/**
 * A professional takes the access an invitation offers, and gives their
 * organisation if they had none yet, in one transaction. Someone in the family
 * cannot take the access meant for a professional.
 */
export function claimForProfessional(db: DB, token: string, user: SessionUser, organisation: string) {
  return writeTransaction(db, () => {
    const found = inspectInvitation(db, token);
    if (found.state === "open" && memberAccess(db, user.id, found.consent.familyId)) return { state: "member" as const };
    const claimed = claimInvitation(db, token, user.id);
    if (claimed.state === "claimed-now" && organisation) setOrganisationIfEmpty(db, user.id, organisation);
    return claimed;
  });
}
