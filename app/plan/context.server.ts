import { getDb, type DB } from "../../db/client.server";
import { readThroughGate, writeThroughGate, requireAdmin, type GateSection, type MemberAccess } from "../../consent/gate";
import { orNotFound, requireMember } from "../auth/user.server";
import type { SessionUser } from "../auth/session.server";

export type FamilyContext = { user: SessionUser; access: MemberAccess; db: DB; familyId: string };

/** Every family route starts here: signed in and a member of this family, or 404. */
export function familyContext(request: Request, familyId: string | undefined): FamilyContext {
  const { user, access } = requireMember(request, familyId);
  return { user, access, db: getDb(), familyId: access.familyId };
}

export function adminContext(request: Request, familyId: string | undefined): FamilyContext {
  const context = familyContext(request, familyId);
  orNotFound(() => requireAdmin(context.access));
  return context;
}

export function readSection<T>(ctx: FamilyContext, section: GateSection, read: (db: DB, familyId: string) => T): T {
  return orNotFound(() => readThroughGate(ctx.db, ctx.access, section, () => read(ctx.db, ctx.familyId)));
}

export function writeSection<T>(
  ctx: FamilyContext,
  section: GateSection,
  write: (db: DB, familyId: string, userId: string) => T,
): T {
  return orNotFound(() => writeThroughGate(ctx.db, ctx.access, section, () => write(ctx.db, ctx.familyId, ctx.user.id)));
}
