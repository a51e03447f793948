import type { DB } from "../../db/client.server";
import type { Grants } from "../../consent/gate";
import { listGoals, listSteps, stepWho } from "./goals.server";
import { countWhatIfUses, listWhatIfs, whatIfView } from "./whatifs.server";
import { listProgress } from "./progress.server";
import { listNetwork } from "./network.server";
import { listStrengths, strengthView } from "./strengths.server";

// Each part of the plan as a professional may see it, one shape for the care pages
// and the API. Read inside the gate's transaction, with the reader's grants at that
// moment: what a part shows of another part (a network person doing a step, the
// goal a note is about) follows the same consent as the read.

export function goalsPart(db: DB, familyId: string, grants: Grants) {
  return shownGoals(db, familyId, grants).map((goal) => ({
    id: goal.id,
    title: goal.title,
    lifeArea: goal.lifeArea,
    term: goal.term,
    priority: goal.priority,
    status: goal.status,
    reachedAt: goal.reachedAt,
    createdAt: goal.createdAt,
    members: goal.members,
    steps: listSteps(db, familyId, goal.id).map((step) => {
      const who = stepWho(step, grants);
      return {
        id: step.id,
        what: step.what,
        when: step.when,
        startsOn: step.startsOn,
        endsOn: step.endsOn,
        whoKind: who.kind,
        whoName: who.name,
        doneAt: step.doneAt,
        createdAt: step.createdAt,
        // Steps by professionals carry who wrote them; the family's own steps do not need it.
        author: step.authorOrganisation ? { name: step.authorName ?? "", organisation: step.authorOrganisation } : null,
      };
    }),
  }));
}

/** "Wat gaat goed?" and "Waar zijn we trots op?" that this reader may see. */
export function strengthsPart(db: DB, familyId: string, grants: Grants) {
  return listStrengths(db, familyId)
    .filter((strength) => grants.shows("strengths", strength))
    .map(strengthView);
}

export function whatIfsPart(db: DB, familyId: string, grants: Grants) {
  const shown = listWhatIfs(db, familyId).filter((w) => grants.shows("whatifs", w));
  // How often and when last an agreement was used helps the people around the family;
  // how it went, in the family's own words, stays with the family.
  const uses = countWhatIfUses(db, familyId, shown.map((w) => w.id));
  return shown.map((w) => ({ ...whatIfView(w), createdAt: w.createdAt, uses: uses.get(w.id)! }));
}

export function progressPart(db: DB, familyId: string, grants: Grants, limit = 200) {
  return listProgress(db, familyId, { limit, shows: (note) => grants.shows("progress", note) }).map((note) => {
    // Which goal a note is about belongs to the goals part, and to that goal's sharing.
    const goalShown = note.goalId !== null && grants.shows("goals", { id: note.goalId });
    return {
    id: note.id,
    text: note.text,
    mood: note.mood,
    createdAt: note.createdAt,
    goalId: goalShown ? note.goalId : null,
    goalTitle: goalShown ? note.goalTitle : null,
    authorName: note.authorName,
    authorOrganisation: note.authorOrganisation,
    authorFormer: note.authorFormer,
    };
  });
}

export function networkPart(db: DB, familyId: string, grants: Grants) {
  return listNetwork(db, familyId).filter((person) => grants.shows("network", person));
}

/** The goals this reader may see: all, or the ones the family chose ("alleen deze"). */
export function shownGoals(db: DB, familyId: string, grants: Grants) {
  return listGoals(db, familyId).filter((goal) => grants.shows("goals", goal));
}

/** What a read of the goals shows, for its log entry: every goal and every step. */
export function goalRecords(goals: { id: string; steps: { id: string }[] }[]): string[] {
  return goals.flatMap((goal) => [goal.id, ...goal.steps.map((step) => step.id)]);
}
