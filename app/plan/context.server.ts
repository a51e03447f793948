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
import { resolveApiToken, type ResolvedApiToken } from "../../consent/api-tokens";
import { requireSecondStep, requireUser } from "../auth/user.server";
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
  const user = requireSecondStep(args);
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

export type ApiContext = { access: ProfessionalAccess & { consentId: string }; db: DB; familyId: string; consent: ResolvedApiToken["consent"] };

/**
 * The API's way in, beside professionalContext: the token's own consent, checked
 * fresh (stopped, ended or not the owner's: null). Call it inside the answer's
 * transaction; every part is still read through the gate, which checks again.
 */
export function apiContext(request: Request, token: string): ApiContext | null {
  const db = getDb();
  const resolved = resolveApiToken(db, token);
  if (!resolved) return null;
  const access = {
    kind: "professional" as const,
    userId: resolved.userId,
    familyId: resolved.familyId,
    channel: "api" as const,
    ip: clientIp(request),
    userAgent: request.headers.get("User-Agent") ?? "",
    consentId: resolved.consentId,
  };
  return { access, db, familyId: resolved.familyId, consent: resolved.consent };
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
  write: (db: DB, familyId: string, userId: string, grants: Grants) => T,
  options: { recordIds?: (value: T) => string[]; action?: "create" | "update" } = {},
): T {
  return orUnavailable(() => orNotFound(() => writeThroughGate(ctx.db, ctx.access, section, (grants) => write(ctx.db, ctx.familyId, ctx.user.id, grants), options)));
}
