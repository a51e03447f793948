import { and, asc, eq, isNotNull, isNull, lte, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { writeTransaction, type DB } from "../../db/client.server";
import { endConsentsOf } from "../../consent/grants";
import { accessLog, apiTokens, emailLinks, families, members, passkeys, recoveryCodes, sessions, totpApps, users, webauthnChallenges } from "../../db/schema";

// Deleting one's own account (ADR 013, "An account"). The ask signs the person out
// everywhere and stops their API keys; for 14 days signing in again undoes it
// (createSession). After that purgeDeletedAccounts removes every way in and the
// person's name, but never what they wrote in a family's plan: that stays, shown
// as by a former member.

const DAY = 24 * 60 * 60 * 1000;
export const UNDO_DAYS = 14;
export const UNDO_PERIOD = UNDO_DAYS * DAY;

/**
 * Families that would be left without anyone who can manage them: this person is
 * their only admin with an account. A family already being deleted does not count,
 * it needs no admin any more.
 */
export function onlyAdminOf(db: DB, userId: string): { id: string; name: string }[] {
  const other = alias(members, "other");
  return db
    .select({ id: families.id, name: families.name })
    .from(members)
    .innerJoin(families, eq(families.id, members.familyId))
    .where(
      and(
        eq(members.userId, userId),
        eq(members.role, "admin"),
        isNull(members.deletedAt),
        isNull(families.deletingAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(other)
            .where(and(eq(other.familyId, members.familyId), eq(other.role, "admin"), isNotNull(other.userId), ne(other.userId, userId), isNull(other.deletedAt))),
        ),
      ),
    )
    .orderBy(asc(families.name))
    .all();
}

export type DeletionAsked = { finalAt: number } | { refused: "onlyAdmin"; families: { id: string; name: string }[] };

/**
 * Asks to delete the account: signed out everywhere (ADR 003) and every API key
 * stopped, in one transaction so no request slips in between. Refused, with the
 * families, while the person is a family's only admin; the check is repeated here
 * because another admin may have left since the page was shown.
 */
export function askAccountDeletion(db: DB, userId: string, now = Date.now()): DeletionAsked {
  return writeTransaction(db, () => {
    const blocking = onlyAdminOf(db, userId);
    if (blocking.length > 0) return { refused: "onlyAdmin" as const, families: blocking };
    db.update(users).set({ deletingAt: now }).where(and(eq(users.id, userId), isNull(users.deletedAt))).run();
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).run();
    return { finalAt: now + UNDO_PERIOD };
  });
}

/**
 * Whether a family's access log names this person as one who looked: then their
 * name and organisation outlive the account, as long as that log is kept.
 */
export function hasLooked(db: DB, userId: string): boolean {
  return db.select({ id: accessLog.id }).from(accessLog).where(eq(accessLog.actorUserId, userId)).limit(1).get() !== undefined;
}

/** The address a removed account keeps, so the column stays unique and the real address is free again. */
export const removedEmail = (userId: string) => `deleted-${userId}@invalid`;

/**
 * Removes the accounts whose 14 days have passed. One transaction per person that
 * checks again what is due, so running it twice, or twice at once, does no harm,
 * and a person who signed in at the last moment keeps their account.
 */
// One rule for "due", to find the accounts and to check one again.
const purgeDue = (now: number) => and(lte(users.deletingAt, now - UNDO_PERIOD), isNull(users.deletedAt));

export function purgeDeletedAccounts(db: DB, now = Date.now()): number {
  const due = db.select({ id: users.id }).from(users).where(purgeDue(now)).all();
  let purged = 0;
  for (const { id } of due) if (purgeOne(db, id, now)) purged += 1;
  return purged;
}

function purgeOne(db: DB, userId: string, now: number): boolean {
  return writeTransaction(db, () => {
    const still = db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), purgeDue(now))).get();
    if (!still) return false;
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    db.delete(passkeys).where(eq(passkeys.userId, userId)).run();
    db.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, userId)).run();
    db.delete(totpApps).where(eq(totpApps.userId, userId)).run();
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    db.delete(emailLinks).where(eq(emailLinks.userId, userId)).run();
    // A professional's consents end: the family's page must not show them in force.
    endConsentsOf(db, userId, now);
    // The member stays, without an account, for the family to keep or remove.
    db.update(members).set({ userId: null }).where(eq(members.userId, userId)).run();
    const keepName = hasLooked(db, userId);
    db.update(users)
      .set({ email: removedEmail(userId), passwordHash: "", deletedAt: now, ...(keepName ? {} : { name: "", organisation: null }) })
      .where(eq(users.id, userId))
      .run();
    return true;
  });
}

// What the family side shows of whoever wrote something (a joined users row): a
// removed account shows no name and no organisation, only that it was a former
// member; the page says so in the reader's language. Without a joined row (a left
// join with nobody) it is nobody, not a former member.

export const shownName = () => sql<string | null>`case when ${users.deletedAt} is null then ${users.name} end`;
export const shownOrganisation = () => sql<string | null>`case when ${users.deletedAt} is null then ${users.organisation} end`;
export const formerMember = () => sql<number>`(${users.deletedAt} is not null)`.mapWith((value) => Boolean(value));
