import { and, eq, gt, inArray, isNotNull, isNull, like, lte, sql } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { changes, families, familyInvitations, goalMembers, goals, members, networkPeople, progressNotes, sentMails, steps, strengths, whatIfs, whatIfUses, emailLinks, reviews, reviewGoals } from "../../db/schema";
import { endFamilyConsents } from "../../consent/grants";
import { recordChange } from "./history.server";
import { UNDO_DAYS } from "../auth/account-delete.server";

// Deleting a whole family (ADR 013): asked by an admin, closed to everyone at once,
// undone by any admin within the same 14 days as an account, and removed by the
// retention job after that.

const DAY = 24 * 60 * 60 * 1000;

/** Closes the family now: every consent, key and open link ends; the gate refuses everyone. */
export function askFamilyDeletion(db: DB, familyId: string, userId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    const family = db.select({ name: families.name, deletingAt: families.deletingAt }).from(families).where(eq(families.id, familyId)).get();
    if (!family || family.deletingAt !== null) return null;
    db.update(families).set({ deletingAt: now, deletingBy: userId }).where(eq(families.id, familyId)).run();
    const ended = endFamilyConsents(db, familyId, userId, now);
    db.update(familyInvitations)
      .set({ revokedAt: now })
      .where(and(eq(familyInvitations.familyId, familyId), isNull(familyInvitations.claimedAt), isNull(familyInvitations.revokedAt)))
      .run();
    recordChange(db, { familyId, entity: "family", entityId: familyId, action: "delete", userId, before: { name: family.name }, after: { deletingAt: now, consentsEnded: ended } });
    return { until: now + UNDO_DAYS * DAY };
  });
}

/** The families this person is admin of that are being deleted and can still be kept. */
export function familiesBeingDeleted(db: DB, userId: string, now = Date.now()) {
  return db
    .select({ id: families.id, name: families.name, deletingAt: families.deletingAt })
    .from(families)
    .innerJoin(members, eq(members.familyId, families.id))
    .where(
      and(
        eq(members.userId, userId),
        eq(members.role, "admin"),
        isNull(members.deletedAt),
        isNotNull(families.deletingAt),
        isNull(families.planRemovedAt),
        gt(families.deletingAt, now - UNDO_DAYS * DAY),
      ),
    )
    .all()
    .map((family) => ({ id: family.id, name: family.name, until: family.deletingAt! + UNDO_DAYS * DAY }));
}

/** Opens the family again. The consents stay ended: the family invites again if it wants. */
export function undoFamilyDeletion(db: DB, familyId: string, userId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    // Only an admin of the family, within the 14 days.
    if (!familiesBeingDeleted(db, userId, now).some((family) => family.id === familyId)) return false;
    db.update(families).set({ deletingAt: null, deletingBy: null }).where(eq(families.id, familyId)).run();
    recordChange(db, { familyId, entity: "family", entityId: familyId, action: "update", userId, after: { kept: now } });
    return true;
  });
}

/** Families whose 14 days have passed and whose plan is still there. */
// One rule for "due", used to find the families and to check one again.
const planDue = (now: number) => and(lte(families.deletingAt, now - UNDO_DAYS * DAY), isNull(families.planRemovedAt));

export function plansDue(db: DB, now = Date.now()) {
  return db.select({ id: families.id }).from(families).where(planDue(now)).all().map((family) => family.id);
}

/**
 * Removes one deleted family's plan: everything but its consents and access log,
 * which stay a year as the proof of who looked (ADR 013). Checks again inside the
 * transaction, so two runs at once remove it once.
 */
export function removeFamilyPlan(db: DB, familyId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    if (!db.select({ id: families.id }).from(families).where(and(eq(families.id, familyId), planDue(now))).get()) return false;
    const goalIds = db.select({ id: goals.id }).from(goals).where(eq(goals.familyId, familyId)).all().map((goal) => goal.id);
    if (goalIds.length) db.delete(goalMembers).where(inArray(goalMembers.goalId, goalIds)).run();
    db.delete(steps).where(eq(steps.familyId, familyId)).run();
    db.delete(progressNotes).where(eq(progressNotes.familyId, familyId)).run();
    const reviewIds = db.select({ id: reviews.id }).from(reviews).where(eq(reviews.familyId, familyId)).all().map((review) => review.id);
    if (reviewIds.length) db.delete(reviewGoals).where(inArray(reviewGoals.reviewId, reviewIds)).run();
    db.delete(reviews).where(eq(reviews.familyId, familyId)).run();
    db.delete(goals).where(eq(goals.familyId, familyId)).run();
    db.delete(strengths).where(eq(strengths.familyId, familyId)).run();
    db.delete(whatIfUses).where(eq(whatIfUses.familyId, familyId)).run();
    db.delete(whatIfs).where(eq(whatIfs.familyId, familyId)).run();
    db.delete(networkPeople).where(eq(networkPeople.familyId, familyId)).run();
    db.delete(changes).where(eq(changes.familyId, familyId)).run();
    db.delete(familyInvitations).where(eq(familyInvitations.familyId, familyId)).run();
    // "Opnieuw inloggen" links name the family they lead back to.
    db.delete(emailLinks).where(and(eq(emailLinks.purpose, "relogin"), sql`json_extract(${emailLinks.payload}, '$.familyId') = ${familyId}`)).run();
    db.delete(members).where(eq(members.familyId, familyId)).run();
    db.delete(sentMails).where(and(eq(sentMails.kind, "weekly-summary"), like(sentMails.about, `${familyId}:%`))).run();
    db.update(families).set({ name: "", planRemovedAt: now }).where(eq(families.id, familyId)).run();
    return true;
  });
}
