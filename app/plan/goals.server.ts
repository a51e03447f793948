import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, max } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { consents, goalMembers, goals, members, networkPeople, steps, users } from "../../db/schema";
import type { GOAL_STATUSES, GOAL_TERMS, LIFE_AREAS } from "../../db/values";
import { newId } from "../../consent/tokens";
import { formerMember, shownName, shownOrganisation } from "../auth/account-delete.server";
import { recordChange } from "./history.server";
import { weekOf } from "../lib/dates";

export type GoalInput = {
  title: string;
  lifeArea: (typeof LIFE_AREAS)[number];
  term: (typeof GOAL_TERMS)[number];
  memberIds: string[];
};
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Only ids of living members of this family; anything else is dropped. */
function familyMemberIds(db: DB, familyId: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.familyId, familyId), inArray(members.id, ids), isNull(members.deletedAt)))
    .all()
    .map((m) => m.id);
}

export function listGoals(db: DB, familyId: string) {
  const rows = db
    .select()
    .from(goals)
    .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt)))
    .orderBy(asc(goals.priority), asc(goals.createdAt))
    .all();
  const ids = rows.map((g) => g.id);
  const forWhom = ids.length
    ? db
        .select({ goalId: goalMembers.goalId, memberId: members.id, name: members.name })
        .from(goalMembers)
        .innerJoin(members, eq(members.id, goalMembers.memberId))
        .where(inArray(goalMembers.goalId, ids))
        .all()
    : [];
  const openSteps = ids.length
    ? db
        .select({ goalId: steps.goalId, what: steps.what, when: steps.when, startsOn: steps.startsOn, endsOn: steps.endsOn, doneAt: steps.doneAt })
        .from(steps)
        .where(and(inArray(steps.goalId, ids), isNull(steps.deletedAt)))
        .orderBy(asc(steps.createdAt))
        .all()
    : [];
  return rows.map((goal) => {
    const goalSteps = openSteps.filter((s) => s.goalId === goal.id);
    return {
      ...goal,
      members: forWhom.filter((m) => m.goalId === goal.id).map(({ memberId, name }) => ({ id: memberId, name })),
      stepCount: goalSteps.length,
      doneCount: goalSteps.filter((s) => s.doneAt !== null).length,
      nextStep: goalSteps.find((s) => s.doneAt === null) ?? null,
    };
  });
}

export function getGoal(db: DB, familyId: string, goalId: string) {
  const goal = db
    .select()
    .from(goals)
    .where(and(eq(goals.id, goalId), eq(goals.familyId, familyId), isNull(goals.deletedAt)))
    .get();
  if (!goal) return null;
  const memberIds = db
    .select({ memberId: goalMembers.memberId })
    .from(goalMembers)
    .where(eq(goalMembers.goalId, goalId))
    .all()
    .map((m) => m.memberId);
  return { ...goal, memberIds };
}

export function listSteps(db: DB, familyId: string, goalId: string) {
  return db
    .select({
      id: steps.id,
      what: steps.what,
      when: steps.when,
      startsOn: steps.startsOn,
      endsOn: steps.endsOn,
      whoKind: steps.whoKind,
      whoMemberId: steps.whoMemberId,
      whoNetworkId: steps.whoNetworkId,
      whoConsentId: steps.whoConsentId,
      whoMemberName: members.name,
      whoNetworkName: networkPeople.name,
      whoProfessionalName: consents.name,
      whoProfessionalOrganisation: consents.organisation,
      doneAt: steps.doneAt,
      createdAt: steps.createdAt,
      authorName: shownName(),
      authorOrganisation: shownOrganisation(),
      authorFormer: formerMember(),
    })
    .from(steps)
    .leftJoin(members, eq(members.id, steps.whoMemberId))
    .leftJoin(networkPeople, eq(networkPeople.id, steps.whoNetworkId))
    .leftJoin(consents, eq(consents.id, steps.whoConsentId))
    .leftJoin(users, eq(users.id, steps.createdBy))
    .where(and(eq(steps.goalId, goalId), eq(steps.familyId, familyId), isNull(steps.deletedAt)))
    .orderBy(asc(steps.createdAt))
    .all();
}

/**
 * Who does a step, as someone with these grants may see it. A network person's name
 * belongs to the network part: without it the step says "someone from the network".
 * A professional's name belongs to the team page: while the family keeps it off,
 * the step says "a professional".
 */
export function stepWho(
  step: { whoKind: string; whoMemberName: string | null; whoNetworkId: string | null; whoNetworkName: string | null; whoConsentId: string | null; whoProfessionalName: string | null },
  grants: { shows: (section: "network" | "team", record: { id: string; teamMember?: boolean }) => boolean },
): { kind: "member" | "network" | "professional" | "together"; name: string | null } {
  if (step.whoKind === "member") return { kind: "member", name: step.whoMemberName };
  if (step.whoKind === "network") {
    const shown = step.whoNetworkId !== null && grants.shows("network", { id: step.whoNetworkId });
    return { kind: "network", name: shown ? step.whoNetworkName : null };
  }
  if (step.whoKind === "professional") {
    const shown = step.whoConsentId !== null && grants.shows("team", { id: step.whoConsentId, teamMember: true });
    return { kind: "professional", name: shown ? step.whoProfessionalName : null };
  }
  return { kind: "together", name: null };
}

function setGoalMembers(db: DB, familyId: string, goalId: string, memberIds: string[]) {
  db.delete(goalMembers).where(eq(goalMembers.goalId, goalId)).run();
  const valid = familyMemberIds(db, familyId, memberIds);
  if (valid.length) db.insert(goalMembers).values(valid.map((memberId) => ({ goalId, memberId }))).run();
  return valid;
}

export function createGoal(db: DB, familyId: string, userId: string, input: GoalInput) {
  const last = db
    .select({ value: max(goals.priority) })
    .from(goals)
    .where(and(eq(goals.familyId, familyId), isNull(goals.deletedAt)))
    .get();
  const goal = {
    id: newId(),
    familyId,
    title: input.title,
    lifeArea: input.lifeArea,
    term: input.term,
    priority: (last?.value ?? 0) + 1,
    status: "active" as const,
    createdBy: userId,
  };
  db.insert(goals).values(goal).run();
  const memberIds = setGoalMembers(db, familyId, goal.id, input.memberIds);
  recordChange(db, { familyId, entity: "goal", entityId: goal.id, action: "create", userId, after: { ...goal, memberIds } });
  return goal.id;
}

export function updateGoal(db: DB, familyId: string, userId: string, goalId: string, input: GoalInput) {
  const before = getGoal(db, familyId, goalId);
  if (!before) return false;
  db.update(goals)
    .set({ title: input.title, lifeArea: input.lifeArea, term: input.term })
    .where(eq(goals.id, goalId))
    .run();
  const memberIds = setGoalMembers(db, familyId, goalId, input.memberIds);
  recordChange(db, {
    familyId,
    entity: "goal",
    entityId: goalId,
    action: "update",
    userId,
    before: { title: before.title, lifeArea: before.lifeArea, term: before.term, memberIds: before.memberIds },
    after: { title: input.title, lifeArea: input.lifeArea, term: input.term, memberIds },
  });
  return true;
}

export function setGoalStatus(db: DB, familyId: string, userId: string, goalId: string, status: GoalStatus) {
  const before = getGoal(db, familyId, goalId);
  if (!before) return false;
  if (before.status === status) return true;
  const reachedAt = status === "reached" ? Date.now() : null;
  db.update(goals).set({ status, reachedAt }).where(eq(goals.id, goalId)).run();
  recordChange(db, {
    familyId,
    entity: "goal",
    entityId: goalId,
    action: "update",
    userId,
    before: { status: before.status },
    after: { status },
  });
  return true;
}

/** Swaps a goal with its neighbour in the family's own order. */
export function moveGoal(db: DB, familyId: string, userId: string, goalId: string, direction: "up" | "down") {
  const ordered = listGoals(db, familyId).filter((g) => g.status === "active" || g.id === goalId);
  const index = ordered.findIndex((g) => g.id === goalId);
  const otherIndex = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || otherIndex < 0 || otherIndex >= ordered.length) return false;
  const [a, b] = [ordered[index], ordered[otherIndex]];
  // Priorities can tie after deletions; give each a distinct value while swapping.
  const [pa, pb] = a.priority === b.priority ? [b.priority + (direction === "up" ? 0 : 1), a.priority + (direction === "up" ? 1 : 0)] : [b.priority, a.priority];
  db.update(goals).set({ priority: pa }).where(eq(goals.id, a.id)).run();
  db.update(goals).set({ priority: pb }).where(eq(goals.id, b.id)).run();
  // Both goals moved: each one's history says so.
  recordChange(db, { familyId, entity: "goal", entityId: a.id, action: "update", userId, before: { priority: a.priority }, after: { priority: pa } });
  recordChange(db, { familyId, entity: "goal", entityId: b.id, action: "update", userId, before: { priority: b.priority }, after: { priority: pb } });
  return true;
}

export function deleteGoal(db: DB, familyId: string, userId: string, goalId: string) {
  const before = getGoal(db, familyId, goalId);
  if (!before) return false;
  db.update(goals).set({ deletedAt: Date.now() }).where(eq(goals.id, goalId)).run();
  recordChange(db, { familyId, entity: "goal", entityId: goalId, action: "delete", userId, before });
  return true;
}

export type StepInput = {
  what: string;
  when: string;
  who: string; // "together", "member:<id>" or "network:<id>"
  startsOn?: string | null;
  endsOn?: string | null;
};

/** A step's day or days as stored: from-to on one day is that day. */
function stepDays(input: StepInput) {
  const startsOn = input.startsOn ?? null;
  const endsOn = input.endsOn && input.endsOn !== startsOn ? input.endsOn : null;
  return { startsOn, endsOn };
}

/** Turns the "who" choice into columns, refusing people from another family. */
function resolveWho(db: DB, familyId: string, who: string) {
  const none = { whoMemberId: null, whoNetworkId: null, whoConsentId: null };
  if (who === "together") return { ...none, whoKind: "together" as const };
  const [kind, id] = who.split(":");
  if (kind === "member" && id && familyMemberIds(db, familyId, [id]).length === 1) {
    return { ...none, whoKind: "member" as const, whoMemberId: id };
  }
  if (kind === "professional" && id) {
    // Someone the family gave access to, or invited and waits for: not a stopped or ended consent.
    const consent = db
      .select({ id: consents.id })
      .from(consents)
      .where(and(eq(consents.id, id), eq(consents.familyId, familyId), inArray(consents.status, ["pending", "active"]), gt(consents.endsAt, Date.now())))
      .get();
    if (consent) return { ...none, whoKind: "professional" as const, whoConsentId: id };
  }
  if (kind === "network" && id) {
    const person = db
      .select({ id: networkPeople.id })
      .from(networkPeople)
      .where(and(eq(networkPeople.id, id), eq(networkPeople.familyId, familyId), isNull(networkPeople.deletedAt)))
      .get();
    if (person) return { ...none, whoKind: "network" as const, whoNetworkId: id };
  }
  return null;
}

export function getStep(db: DB, familyId: string, stepId: string) {
  return db
    .select()
    .from(steps)
    .where(and(eq(steps.id, stepId), eq(steps.familyId, familyId), isNull(steps.deletedAt)))
    .get();
}

export function createStep(db: DB, familyId: string, userId: string, goalId: string, input: StepInput) {
  if (!getGoal(db, familyId, goalId)) return { error: "notFound" as const };
  const who = resolveWho(db, familyId, input.who);
  if (!who) return { error: "who" as const };
  const step = { id: newId(), familyId, goalId, what: input.what, when: input.when, ...stepDays(input), ...who, createdBy: userId };
  db.insert(steps).values(step).run();
  recordChange(db, { familyId, entity: "step", entityId: step.id, action: "create", userId, after: step });
  return { id: step.id };
}

export function updateStep(db: DB, familyId: string, userId: string, stepId: string, input: StepInput) {
  const before = getStep(db, familyId, stepId);
  if (!before) return { error: "notFound" as const };
  const who = resolveWho(db, familyId, input.who);
  if (!who) return { error: "who" as const };
  const after = { what: input.what, when: input.when, ...stepDays(input), ...who };
  db.update(steps).set(after).where(eq(steps.id, stepId)).run();
  recordChange(db, {
    familyId,
    entity: "step",
    entityId: stepId,
    action: "update",
    userId,
    before: {
      what: before.what,
      when: before.when,
      startsOn: before.startsOn,
      endsOn: before.endsOn,
      whoKind: before.whoKind,
      whoMemberId: before.whoMemberId,
      whoNetworkId: before.whoNetworkId,
      whoConsentId: before.whoConsentId,
    },
    after,
  });
  return { id: stepId };
}

export function setStepDone(db: DB, familyId: string, userId: string, stepId: string, done: boolean) {
  const before = getStep(db, familyId, stepId);
  if (!before) return false;
  const doneAt = done ? Date.now() : null;
  db.update(steps).set({ doneAt }).where(eq(steps.id, stepId)).run();
  recordChange(db, { familyId, entity: "step", entityId: stepId, action: "update", userId, before: { doneAt: before.doneAt }, after: { doneAt } });
  return true;
}

export function deleteStep(db: DB, familyId: string, userId: string, stepId: string) {
  const before = getStep(db, familyId, stepId);
  if (!before) return false;
  db.update(steps).set({ deletedAt: Date.now() }).where(eq(steps.id, stepId)).run();
  recordChange(db, { familyId, entity: "step", entityId: stepId, action: "delete", userId, before });
  return true;
}

/**
 * The open steps with a day that matter now: those whose day has passed without
 * being done (oldest first), then this week's. Only steps of active goals.
 */
export function weekSteps(db: DB, familyId: string, day: string) {
  const { sunday } = weekOf(day);
  const rows = db
    .select({
      id: steps.id,
      goalId: steps.goalId,
      goalTitle: goals.title,
      what: steps.what,
      startsOn: steps.startsOn,
      endsOn: steps.endsOn,
      whoKind: steps.whoKind,
      whoMemberName: members.name,
      whoNetworkId: steps.whoNetworkId,
      whoNetworkName: networkPeople.name,
      whoConsentId: steps.whoConsentId,
      whoProfessionalName: consents.name,
    })
    .from(steps)
    .innerJoin(goals, eq(goals.id, steps.goalId))
    .leftJoin(members, eq(members.id, steps.whoMemberId))
    .leftJoin(networkPeople, eq(networkPeople.id, steps.whoNetworkId))
    .leftJoin(consents, eq(consents.id, steps.whoConsentId))
    .where(
      and(
        eq(steps.familyId, familyId),
        isNull(steps.deletedAt),
        isNull(steps.doneAt),
        isNull(goals.deletedAt),
        eq(goals.status, "active"),
        isNotNull(steps.startsOn),
        lte(steps.startsOn, sunday),
      ),
    )
    .all();
  const lastOf = (step: { startsOn: string | null; endsOn: string | null }) => step.endsOn ?? step.startsOn!;
  const byDay = (a: (typeof rows)[number], b: (typeof rows)[number]) => lastOf(a).localeCompare(lastOf(b)) || a.startsOn!.localeCompare(b.startsOn!);
  return {
    overdue: rows.filter((step) => lastOf(step) < day).sort(byDay),
    thisWeek: rows.filter((step) => lastOf(step) >= day).sort((a, b) => a.startsOn!.localeCompare(b.startsOn!) || lastOf(a).localeCompare(lastOf(b))),
  };
}
