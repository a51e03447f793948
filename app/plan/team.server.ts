import { and, asc, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { consents, families, goals, steps } from "../../db/schema";
import { NoAccess, readThroughGate, type Grants } from "../../consent/gate";
import { professionalContext } from "./context.server";
import { orUnavailable } from "../lib/storage.server";
import { recordChange } from "./history.server";

// "Wie doet wat?": the professionals the family gave access to, who of them is the
// coach and the second coach, and which steps are whose. A professional sees the
// others only while the family keeps the team page on, and of the steps only their
// own and those of goals they were given (the gate checks both again).

export type CoachMark = "coach" | "second" | null;

function familyTeamRow(db: DB, familyId: string) {
  return db
    .select({ coachConsentId: families.coachConsentId, secondCoachConsentId: families.secondCoachConsentId, teamPage: families.teamPage })
    .from(families)
    .where(eq(families.id, familyId))
    .get();
}

function coachMark(row: { coachConsentId: string | null; secondCoachConsentId: string | null } | undefined, consentId: string): CoachMark {
  if (row?.coachConsentId === consentId) return "coach";
  if (row?.secondCoachConsentId === consentId) return "second";
  return null;
}

/** Consents in force now: a consent that ended or was stopped is no longer in the team. */
function activeTeam(db: DB, familyId: string, now: number) {
  return db
    .select({ id: consents.id, name: consents.name, role: consents.role, organisation: consents.organisation, professionalUserId: consents.professionalUserId })
    .from(consents)
    .where(and(eq(consents.familyId, familyId), eq(consents.status, "active"), gt(consents.endsAt, now)))
    .orderBy(asc(consents.claimedAt), asc(consents.createdAt))
    .all();
}

/** The open and done steps that are for these consents, with their goal. */
function stepsFor(db: DB, familyId: string, consentIds: string[]) {
  if (consentIds.length === 0) return [];
  return db
    .select({
      id: steps.id,
      goalId: steps.goalId,
      goalTitle: goals.title,
      what: steps.what,
      when: steps.when,
      startsOn: steps.startsOn,
      endsOn: steps.endsOn,
      doneAt: steps.doneAt,
      forConsent: steps.whoConsentId,
    })
    .from(steps)
    .innerJoin(goals, eq(goals.id, steps.goalId))
    .where(and(eq(steps.familyId, familyId), inArray(steps.whoConsentId, consentIds), isNull(steps.deletedAt), isNull(goals.deletedAt), ne(goals.status, "stopped")))
    .orderBy(asc(steps.doneAt), asc(steps.startsOn), asc(steps.createdAt))
    .all();
}

export type TeamStep = { id: string; what: string; when: string; startsOn: string | null; endsOn: string | null; done: boolean; goalId: string; goalTitle: string | null };

function shownStep(step: ReturnType<typeof stepsFor>[number], grants: Grants): TeamStep {
  return {
    id: step.id,
    what: step.what,
    when: step.when,
    startsOn: step.startsOn,
    endsOn: step.endsOn,
    done: step.doneAt !== null,
    goalId: step.goalId,
    // The goal's title belongs to the goals part: a step given to someone does not give them its goal.
    goalTitle: grants.shows("goals", { id: step.goalId }) ? step.goalTitle : null,
  };
}

/**
 * The team as these grants show it. `readerUserId` marks the reader's own place
 * ("jij"). For a professional, a family that switched its team page off is a refusal.
 */
export function teamOf(db: DB, familyId: string, grants: Grants, readerUserId: string | null, now = Date.now()) {
  const row = familyTeamRow(db, familyId);
  const team = activeTeam(db, familyId, now);
  const visible = team.filter((person) => grants.shows("team", { id: person.id, teamMember: true }));
  if (visible.length === 0 && team.length > 0) throw new NoAccess();
  const all = stepsFor(db, familyId, visible.map((person) => person.id));
  const people = visible.map((person) => ({
    consentId: person.id,
    name: person.name,
    role: person.role,
    organisation: person.organisation,
    coach: coachMark(row, person.id),
    you: readerUserId !== null && person.professionalUserId === readerUserId,
    steps: all
      .filter((step) => step.forConsent === person.id && grants.shows("team", { id: step.id, goalId: step.goalId, forConsent: step.forConsent }))
      .map((step) => shownStep(step, grants)),
  }));
  // The coach first, then the second coach, then the others in the order they came.
  const order = (mark: CoachMark) => (mark === "coach" ? 0 : mark === "second" ? 1 : 2);
  people.sort((a, b) => order(a.coach) - order(b.coach));
  return { people, teamPage: row?.teamPage ?? true };
}

/** What a team read showed, for the log: the people and the steps. */
export function teamRecordIds(team: ReturnType<typeof teamOf>): string[] {
  return team.people.flatMap((person) => [person.consentId, ...person.steps.map((step) => step.id)]);
}

/**
 * A professional's own open steps in this family, for their home page. Shown
 * whether or not the team page is on: the family gave these steps to them.
 */
export function ownOpenSteps(db: DB, familyId: string, grants: Grants, ownConsentIds: string[]) {
  return stepsFor(db, familyId, ownConsentIds)
    .filter((step) => step.doneAt === null && grants.shows("team", { id: step.id, goalId: step.goalId, forConsent: step.forConsent }))
    .map((step) => shownStep(step, grants));
}

/**
 * A professional's open steps in every family that gave them access, for their
 * home page. Each family is read through its own gate and logged there; a family
 * with no step for them was not looked at and gets no entry.
 */
export function ownStepsAcross(args: Parameters<typeof professionalContext>[0], held: { id: string; familyId: string; familyName: string }[]) {
  const byFamily = new Map<string, { familyName: string; consentIds: string[] }>();
  for (const consent of held) {
    const family = byFamily.get(consent.familyId) ?? { familyName: consent.familyName, consentIds: [] };
    family.consentIds.push(consent.id);
    byFamily.set(consent.familyId, family);
  }
  if (byFamily.size === 0) return [];
  // The session and second step are checked once; only the family differs per read.
  const ctx = professionalContext(args, undefined);
  return [...byFamily].flatMap(([familyId, family]) => {
    const access = { ...ctx.access, familyId };
    try {
      const steps = orUnavailable(() =>
        readThroughGate(ctx.db, access, "team", (grants) => ownOpenSteps(ctx.db, familyId, grants, family.consentIds), { quietWhenEmpty: true }),
      );
      return steps.length > 0 ? [{ familyId, familyName: family.familyName, steps }] : [];
    } catch (error) {
      // Access that ended a moment ago: this family is simply no longer on the list.
      if (error instanceof NoAccess) return [];
      throw error;
    }
  });
}

/** The consents a family can name as coach: waiting or in force, not stopped or ended. */
export function coachChoices(db: DB, familyId: string, now = Date.now()) {
  return db
    .select({ id: consents.id, name: consents.name, role: consents.role, organisation: consents.organisation, status: consents.status })
    .from(consents)
    .where(and(eq(consents.familyId, familyId), inArray(consents.status, ["pending", "active"]), gt(consents.endsAt, now)))
    .orderBy(asc(consents.createdAt))
    .all();
}

export function teamSettings(db: DB, familyId: string) {
  const row = familyTeamRow(db, familyId);
  return { coachConsentId: row?.coachConsentId ?? null, secondCoachConsentId: row?.secondCoachConsentId ?? null, teamPage: row?.teamPage ?? true };
}

export type TeamInput = { coach: string | null; second: string | null; teamPage: boolean };

/**
 * Names the coach and the second coach (each a consent of this family that holds
 * or waits) and switches the team page. One person cannot be both.
 */
export function setTeam(db: DB, familyId: string, userId: string, input: TeamInput, now = Date.now()) {
  const open = new Set(coachChoices(db, familyId, now).map((choice) => choice.id));
  if (input.coach && !open.has(input.coach)) return { error: "choice" as const, field: "coach" as const };
  if (input.second && !open.has(input.second)) return { error: "choice" as const, field: "second" as const };
  if (input.coach && input.coach === input.second) return { error: "same" as const, field: "second" as const };
  const before = teamSettings(db, familyId);
  const after = { coachConsentId: input.coach, secondCoachConsentId: input.second, teamPage: input.teamPage };
  db.update(families).set(after).where(eq(families.id, familyId)).run();
  recordChange(db, { familyId, entity: "team", entityId: familyId, action: "update", userId, before, after });
  return { ok: true as const };
}

/** How many professionals have access now. */
export function teamSize(db: DB, familyId: string, now = Date.now()) {
  return activeTeam(db, familyId, now).length;
}

/** Whether the family named a coach who has access now: for the plan check. */
export function hasActiveCoach(db: DB, familyId: string, now = Date.now()) {
  const row = familyTeamRow(db, familyId);
  if (!row?.coachConsentId) return false;
  return activeTeam(db, familyId, now).some((person) => person.id === row.coachConsentId);
}
