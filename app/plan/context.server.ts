import { getDb, type DB } from "../../db/client.server";
import {
  memberAccess,
  NoAccess,
  readThroughGate,
  writeThroughGate,
  requireAdmin,
  type Access,
  type GateSection,
  type Grants,
  type MemberAccess,
  type ProfessionalAccess,
} from "../../consent/gate";
import { requireUser } from "../auth/user.server";
import { clientIp } from "../auth/rate-limit.server";
import type { SessionUser } from "../auth/session.server";
import { orUnavailable } from "../lib/storage.server";

export type GateContext<A extends Access = Access> = { user: SessionUser; access: A; db: DB; familyId: string };
export type FamilyContext = GateContext<MemberAccess>;
export type ProfessionalContext = GateContext<ProfessionalAccess>;

// The door's side that speaks HTTP: a refusal is a 404 that tells nothing, not
// even whether the family exists.

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/** Runs gate-protected work and turns a refusal into the same 404. */
export function orNotFound<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NoAccess) throw notFound();
    throw error;
  }
}

/** Every family route starts here: signed in and a member of this family, or 404. */
type Args = Parameters<typeof requireUser>[0];

export function familyContext(args: Args, familyId: string | undefined): FamilyContext {
  const user = requireUser(args);
  const db = getDb();
  const access = familyId ? memberAccess(db, user.id, familyId) : null;
  if (!access) throw notFound();
  return { user, access, db, familyId: access.familyId };
}

export function adminContext(args: Args, familyId: string | undefined): FamilyContext {
  const context = familyContext(args, familyId);
  orNotFound(() => requireAdmin(context.access));
  return context;
}

/**
 * Every professional route starts here. It does not check consent yet: the gate
 * does that on each read, so whether anything is shown depends on the consent in
 * force at that very moment.
 */
export function professionalContext(args: Args, familyId: string | undefined): ProfessionalContext {
  const { request } = args;
  const user = requireUser(args);
  const access: ProfessionalAccess = {
    kind: "professional",
    userId: user.id,
    familyId: familyId ?? "",
    channel: "web",
    ip: clientIp(request),
    userAgent: request.headers.get("User-Agent") ?? "",
  };
  return { user, access, db: getDb(), familyId: access.familyId };
}

export function readSection<T>(
  ctx: GateContext,
  section: GateSection,
  read: (db: DB, familyId: string, grants: Grants) => T,
  recordIds?: (value: T) => string[],
): T {
  return orUnavailable(() => orNotFound(() => readThroughGate(ctx.db, ctx.access, section, (grants) => read(ctx.db, ctx.familyId, grants), { recordIds })));
}

export function writeSection<T>(
  ctx: GateContext,
  section: GateSection,
  write: (db: DB, familyId: string, userId: string) => T,
  options: { recordIds?: (value: T) => string[]; action?: "create" | "update" } = {},
): T {
  return orUnavailable(() => orNotFound(() => writeThroughGate(ctx.db, ctx.access, section, () => write(ctx.db, ctx.familyId, ctx.user.id), options)));
}
