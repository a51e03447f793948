import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { members } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { createNetworkPerson } from "../../app/plan/network.server";
import { createWhatIf } from "../../app/plan/whatifs.server";
import * as planPage from "../../app/routes/family/plan";
import { createReview } from "../../app/plan/reviews.server";
import { addDays, today } from "../../app/lib/dates";
import { makeFamily, makeUser } from "../support/factories";
import { load } from "../support/routes";

// Issue 14 §8: gentle hints for the admins, after the inspection framework's
// questions, each one tap from its fix; never blocking, and gone once fixed.

const kinds = (hints: { kind: string }[]) => hints.map((hint) => hint.kind);

describe("the plan check", () => {
  it("names who is in no goal, goals without steps or 'when', an empty or unused network, safety without wat-als; and stops once each is fixed", async () => {
    const { familyId, admin, adminMemberId } = await makeFamily();
    const db = getDb();
    const samId = newId();
    db.insert(members).values({ id: samId, familyId, name: "Sam", relation: "zoon" }).run();
    const safety = createGoal(db, familyId, admin.id, { title: "Geen geschreeuw meer", lifeArea: "safety", term: "short", memberIds: [adminMemberId] });
    const page = () => load(planPage.loader, `/f/${familyId}`, { familyId }, admin.cookie);

    let hints = (await page()).data.hints;
    expect(hints).toEqual([
      { kind: "memberWithoutGoal", memberId: samId, name: "Sam" },
      { kind: "goalWithoutSteps", goalId: safety, title: "Geen geschreeuw meer" },
      { kind: "noNetwork" },
      { kind: "safetyWithoutWhatIf", goalId: safety, title: "Geen geschreeuw meer" },
      { kind: "noReview" },
    ]);

    createGoal(db, familyId, admin.id, { title: "Sam op tijd", lifeArea: "school", term: "short", memberIds: [samId] });
    createStep(db, familyId, admin.id, safety, { what: "Tot tien tellen", when: "", who: "together" });
    const oma = createNetworkPerson(db, familyId, admin.id, { name: "Oma", kind: "informal", relation: "oma", organisation: "", phone: "" });
    hints = (await page()).data.hints;
    // In the plan's order of goals.
    expect(kinds(hints)).toEqual(["stepsWithoutWhen", "goalWithoutSteps", "networkUnused", "safetyWithoutWhatIf", "noReview"]);
    expect(hints[0]).toEqual({ kind: "stepsWithoutWhen", goalId: safety, count: 1 });

    const sam = (await page()).data.goals.find((goal: any) => goal.title === "Sam op tijd").id;
    createStep(db, familyId, admin.id, sam, { what: "Oma brengt Sam", when: "woensdag", who: `network:${oma}` });
    createStep(db, familyId, admin.id, safety, { what: "Even naar buiten", when: "", who: "together", startsOn: "2027-01-12" });
    createWhatIf(db, familyId, admin.id, { situation: "Als het thuis te heftig wordt", earlySigns: "", actions: "Naar oma", informs: "", phones: "", lastCheckedOn: null });
    createReview(db, familyId, admin.id, { heldOn: today(), present: "", note: "", nextOn: addDays(today(), 180), goals: [] });
    // The first step still has no when; a day counts as a when.
    expect((await page()).data.hints).toEqual([{ kind: "stepsWithoutWhen", goalId: safety, count: 1 }]);
  });

  it("is for the admins: a member who is not an admin sees no hints", async () => {
    const { familyId } = await makeFamily();
    const teen = await makeUser({ name: "Sam" });
    getDb().insert(members).values({ id: newId(), familyId, name: "Sam", relation: "zoon", userId: teen.id, role: "member" }).run();
    const page = await load(planPage.loader, `/f/${familyId}`, { familyId }, teen.cookie);
    expect(page.status).toBe(200);
    expect(page.data.hints).toEqual([]);
  });
});
