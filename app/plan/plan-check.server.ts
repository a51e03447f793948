import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { goalMembers, goals, members, networkPeople, reviews, steps, whatIfs } from "../../db/schema";
import { hasActiveCoach, teamSize } from "./team.server";
import { onWaakvlam } from "./coaching.server";

// "Plan check" (issue 14 §8): gentle hints for a family's admins, after the questions
// the inspection framework asks of a family plan: is every family member in it, do
// the steps say who does what and when, is the network used, is there a wat-als
// agreement where safety is a worry, has the family looked back together. A hint never blocks
// anything; each one names what is missing and leads to where it is fixed.

export type PlanHint =
  | { kind: "memberWithoutGoal"; memberId: string; name: string }
  | { kind: "goalWithoutSteps"; goalId: string; title: string }
  | { kind: "stepsWithoutWhen"; goalId: string; count: number }
  | { kind: "noNetwork" }
  | { kind: "networkUnused" }
  | { kind: "safetyWithoutWhatIf"; goalId: string; title: string }
  | { kind: "noReview" }
  | { kind: "noCoach" };

export function planHints(db: DB, familyId: string): PlanHint[] {
  const hints: PlanHint[] = [];
  const active = db
    .select({ id: goals.id, title: goals.title, lifeArea: goals.lifeArea })
    .from(goals)
    .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt), eq(goals.status, "active")))
    .orderBy(goals.priority, goals.createdAt)
    .all();
  const goalIds = active.map((goal) => goal.id);

  // Everyone by name: also adult children, a child who lives elsewhere part of the
  // week, a parent out of the picture. A goal "for the whole family" names nobody.
  const named = new Set(
    goalIds.length ? db.select({ memberId: goalMembers.memberId }).from(goalMembers).where(inArray(goalMembers.goalId, goalIds)).all().map((row) => row.memberId) : [],
  );
  const people = db.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.familyId, familyId), isNull(members.deletedAt))).orderBy(members.createdAt).all();
  for (const person of people) if (!named.has(person.id)) hints.push({ kind: "memberWithoutGoal", memberId: person.id, name: person.name });

  const open = goalIds.length
    ? db
        .select({ goalId: steps.goalId, whoKind: steps.whoKind, when: steps.when, startsOn: steps.startsOn })
        .from(steps)
        .where(and(inArray(steps.goalId, goalIds), isNull(steps.deletedAt), isNull(steps.doneAt)))
        .all()
    : [];
  for (const goal of active) {
    const mine = open.filter((step) => step.goalId === goal.id);
    if (mine.length === 0) hints.push({ kind: "goalWithoutSteps", goalId: goal.id, title: goal.title });
    const withoutWhen = mine.filter((step) => step.when.trim() === "" && !step.startsOn).length;
    if (withoutWhen > 0) hints.push({ kind: "stepsWithoutWhen", goalId: goal.id, count: withoutWhen });
  }

  const network = db.select({ id: networkPeople.id }).from(networkPeople).where(and(eq(networkPeople.familyId, familyId), isNull(networkPeople.deletedAt))).all();
  if (network.length === 0) hints.push({ kind: "noNetwork" });
  else if (open.length > 0 && !open.some((step) => step.whoKind === "network")) hints.push({ kind: "networkUnused" });

  const agreements = db.select({ id: whatIfs.id }).from(whatIfs).where(and(eq(whatIfs.familyId, familyId), isNull(whatIfs.deletedAt))).limit(1).all();
  const safety = active.find((goal) => goal.lifeArea === "safety");
  if (safety && agreements.length === 0) hints.push({ kind: "safetyWithoutWhatIf", goalId: safety.id, title: safety.title });

  // When the next review is due the plan says so itself (ADR 017); here only: never one yet.
  const reviewed = db.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.familyId, familyId), isNull(reviews.deletedAt))).limit(1).all();
  if (active.length > 0 && reviewed.length === 0) hints.push({ kind: "noReview" });
  // One coach keeps the team together: asked once professionals are involved. On
  // waakvlam the family chose to go on without one (ADR 021).
  if (teamSize(db, familyId) > 0 && !hasActiveCoach(db, familyId) && !onWaakvlam(db, familyId)) hints.push({ kind: "noCoach" });
  return hints;
}
