import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { accessLog, changes, families, members, steps } from "../../db/schema";
import { newId } from "../../consent/tokens";
import type { Language } from "../../app/i18n";
import { createGoal, createStep } from "../../app/plan/goals.server";
import { planHints } from "../../app/plan/plan-check.server";
import { revokeConsent } from "../../consent/grants";
import * as familyTeam from "../../app/routes/family/team";
import * as careTeam from "../../app/routes/care/team";
import * as careHome from "../../app/routes/care/home";
import * as careGoals from "../../app/routes/care/goals";
import * as goalPage from "../../app/routes/family/goal";
import { StepForm } from "../../app/components/step-form";
import { makeFamily, makeUser } from "../support/factories";
import { makeConsent } from "../support/consent";
import { load, submit, inLanguage } from "../support/routes";

// "Wie doet wat?" (issue 14 §1): the family names its coach and a second coach, and
// every professional with access sees who else is involved, until the family
// switches that off. Of the steps a professional sees only their own and those of
// goals they were given; every look is in the family's log.

function render(Component: ComponentType, path: string, loaderData: unknown, actionData?: unknown, lang: Language = "nl") {
  const Stub = createRoutesStub([{ id: "page", path: path.split("?")[0], Component }]);
  const hydrationData = { loaderData: { page: loaderData }, ...(actionData ? { actionData: { page: actionData } } : {}) };
  return renderToString(inLanguage(lang, createElement(Stub, { initialEntries: [path], hydrationData })));
}

const goal = (title: string) => ({ title, lifeArea: "school" as const, term: "short" as const, memberIds: [] });
const step = (what: string, who: string) => ({ what, when: "", who, startsOn: null, endsOn: null });

/**
 * A family with two goals and two professionals: the teacher sees only the school
 * goal, the coach sees all goals. Each has a step of each goal.
 */
async function familyWithTeam(name = "Gezin Team") {
  const family = await makeFamily(undefined, name);
  const db = getDb();
  const school = { id: createGoal(db, family.familyId, family.admin.id, goal("Sem elke dag op tijd op school")) };
  const money = { id: createGoal(db, family.familyId, family.admin.id, goal("Geen nieuwe schulden")) };
  const teacher = await makeConsent(family.familyId, family.admin.id, {
    scopes: { goals: "read" },
    selection: { goals: [school.id] },
    professional: await makeUser({ name: "Sanne de Boer" }),
  });
  const coach = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "write" }, professional: await makeUser({ name: "Marco Visser" }) });
  const mk = (what: string, goalId: string, consentId: string) => {
    const made = createStep(db, family.familyId, family.admin.id, goalId, step(what, `professional:${consentId}`));
    if ("error" in made) throw new Error(made.error);
    return made.id;
  };
  const ids = {
    teacherSchool: mk("Juf belt mama als Sem te laat is", school.id, teacher.consentId),
    coachSchool: mk("Marco gaat mee naar het gesprek op school", school.id, coach.consentId),
    coachMoney: mk("Marco zoekt samen met mama de rekeningen uit", money.id, coach.consentId),
  };
  return { ...family, school, money, teacher, coach, ids, params: { familyId: family.familyId } };
}

function teamLog(familyId: string) {
  return getDb().select().from(accessLog).where(and(eq(accessLog.familyId, familyId), eq(accessLog.section, "team"))).all();
}

describe("the family names the coach", () => {
  it("an admin names a coach and a second coach; the team page puts them first, and the history keeps it", async () => {
    const f = await familyWithTeam();
    const path = `/f/${f.familyId}/team`;
    const saved = await submit(familyTeam.action, path, f.params, { coach: f.coach.consentId, second: f.teacher.consentId, teamPage: "on" }, f.admin.cookie);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${path}?saved=1`);
    const row = getDb().select().from(families).where(eq(families.id, f.familyId)).get()!;
    expect(row).toMatchObject({ coachConsentId: f.coach.consentId, secondCoachConsentId: f.teacher.consentId, teamPage: true });
    const history = getDb().select().from(changes).where(and(eq(changes.familyId, f.familyId), eq(changes.entity, "team"))).all();
    expect(history).toEqual([expect.objectContaining({ action: "update", userId: f.admin.id, after: { coachConsentId: f.coach.consentId, secondCoachConsentId: f.teacher.consentId, teamPage: true } })]);

    const page = await load(familyTeam.loader, path, f.params, f.admin.cookie);
    expect(page.data.team.people.map((p: { name: string; coach: string | null }) => [p.name, p.coach])).toEqual([
      ["Marco Visser", "coach"],
      ["Sanne de Boer", "second"],
    ]);
    // The family sees every step, with its goal.
    expect(page.data.team.people[0].steps.map((s: { what: string; goalTitle: string }) => s.goalTitle)).toEqual(["Sem elke dag op tijd op school", "Geen nieuwe schulden"]);
    const html = render(familyTeam.default, path, page.data);
    expect(html).toContain("Gezinscoach");
    expect(html).toContain("Tweede coach");
    expect(html).toContain("Marco zoekt samen met mama de rekeningen uit");
    // A family looking at its own team leaves nothing in the log of looks.
    expect(teamLog(f.familyId)).toEqual([]);
  });

  it("one person as both, or someone whose access was stopped: a message by the field, and nothing stored", async () => {
    const f = await familyWithTeam();
    const path = `/f/${f.familyId}/team`;
    const same = await submit(familyTeam.action, path, f.params, { coach: f.coach.consentId, second: f.coach.consentId, teamPage: "on" }, f.admin.cookie);
    expect(same.status).toBe(400);
    expect(same.data.errors).toEqual({ second: "team:errors.same" });
    expect(same.data.values).toMatchObject({ coach: f.coach.consentId, second: f.coach.consentId });
    const html = render(familyTeam.default, path, (await load(familyTeam.loader, path, f.params, f.admin.cookie)).data, same.data);
    expect(html).toContain("Eén persoon kan niet coach en tweede coach zijn.");

    revokeConsent(getDb(), f.familyId, f.admin.id, f.teacher.consentId);
    const stopped = await submit(familyTeam.action, path, f.params, { coach: f.teacher.consentId, second: "", teamPage: "on" }, f.admin.cookie);
    expect(stopped.status).toBe(400);
    expect(stopped.data.errors).toEqual({ coach: "team:errors.choice" });

    // Another family's consent is not a choice either.
    const other = await familyWithTeam("Gezin Ander");
    const foreign = await submit(familyTeam.action, path, f.params, { coach: other.coach.consentId, second: "", teamPage: "on" }, f.admin.cookie);
    expect(foreign.status).toBe(400);
    const bad = await submit(familyTeam.action, path, f.params, { coach: "", second: "", teamPage: "misschien" }, f.admin.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors.teamPage).toBe("errors.choose");

    expect(getDb().select().from(families).where(eq(families.id, f.familyId)).get()).toMatchObject({ coachConsentId: null, secondCoachConsentId: null, teamPage: true });
    expect(getDb().select().from(changes).where(and(eq(changes.familyId, f.familyId), eq(changes.entity, "team"))).all()).toEqual([]);
  });

  it("a member who is not an admin sees the team but cannot change it", async () => {
    const f = await familyWithTeam();
    const member = await makeUser({ name: "Dennis" });
    getDb().insert(members).values({ id: newId(), familyId: f.familyId, name: "Dennis", relation: "papa", userId: member.id, role: "member" }).run();
    const path = `/f/${f.familyId}/team`;
    const page = await load(familyTeam.loader, path, f.params, member.cookie);
    expect(page.status).toBe(200);
    expect(page.data.settings).toBeNull();
    expect(page.data.team.people).toHaveLength(2);
    const tried = await submit(familyTeam.action, path, f.params, { coach: f.coach.consentId, second: "", teamPage: "off" }, member.cookie);
    expect(tried.status).toBe(404);
    expect(getDb().select().from(families).where(eq(families.id, f.familyId)).get()).toMatchObject({ coachConsentId: null, teamPage: true });
  });

  it("the plan check asks for a coach once a professional has access, and stops asking when one is named", async () => {
    const family = await makeFamily(undefined, "Gezin Zonder Coach");
    expect(planHints(getDb(), family.familyId).map((hint) => hint.kind)).not.toContain("noCoach");
    const { consentId } = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" } });
    expect(planHints(getDb(), family.familyId).map((hint) => hint.kind)).toContain("noCoach");
    await submit(familyTeam.action, `/f/${family.familyId}/team`, { familyId: family.familyId }, { coach: consentId, second: "", teamPage: "on" }, family.admin.cookie);
    expect(planHints(getDb(), family.familyId).map((hint) => hint.kind)).not.toContain("noCoach");
    // A coach whose access was stopped is no coach: the hint comes back.
    revokeConsent(getDb(), family.familyId, family.admin.id, consentId);
    await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" } });
    expect(planHints(getDb(), family.familyId).map((hint) => hint.kind)).toContain("noCoach");
  });
});

describe("what a professional sees on the team page", () => {
  it("everyone involved, the coach, their own steps and only the steps of goals they were given; the look is logged", async () => {
    const f = await familyWithTeam();
    await submit(familyTeam.action, `/f/${f.familyId}/team`, f.params, { coach: f.coach.consentId, second: "", teamPage: "on" }, f.admin.cookie);
    const path = `/care/${f.familyId}/team`;
    const page = await load(careTeam.loader, path, f.params, f.teacher.professional.cookie);
    expect(page.status).toBe(200);
    const people = page.data.people as { name: string; coach: string | null; you: boolean; steps: { id: string; what: string; goalTitle: string | null }[] }[];
    expect(people.map((p) => [p.name, p.coach, p.you])).toEqual([
      ["Marco Visser", "coach", false],
      ["Sanne de Boer", null, true],
    ]);
    // The coach's step on the school goal (shared with the teacher) shows; the one on the money goal does not.
    expect(people[0].steps.map((s) => s.what)).toEqual(["Marco gaat mee naar het gesprek op school"]);
    expect(people[1].steps).toEqual([expect.objectContaining({ what: "Juf belt mama als Sem te laat is", goalTitle: "Sem elke dag op tijd op school" })]);
    const everything = JSON.stringify(page.data);
    expect(everything).not.toContain("rekeningen");
    expect(everything).not.toContain("Geen nieuwe schulden");
    expect(everything).not.toContain(f.ids.coachMoney);

    const html = render(careTeam.default, path, page.data);
    expect(html).toContain("Gezinscoach");
    expect(html).toContain("(jij)");
    expect(html).not.toContain("rekeningen");

    expect(teamLog(f.familyId)).toEqual([
      expect.objectContaining({
        action: "read",
        consentId: f.teacher.consentId,
        actorUserId: f.teacher.professional.id,
        recordIds: JSON.stringify([f.coach.consentId, f.ids.coachSchool, f.teacher.consentId, f.ids.teacherSchool]),
      }),
    ]);
  });

  it("a step given to a professional shows as theirs even on a goal they were not given, without the goal", async () => {
    const f = await familyWithTeam();
    // The teacher gets a step on the money goal, which is not shared with her.
    const made = createStep(getDb(), f.familyId, f.admin.id, f.money.id, step("Juf geeft de schoolrekening aan mama", `professional:${f.teacher.consentId}`));
    const page = await load(careTeam.loader, `/care/${f.familyId}/team`, f.params, f.teacher.professional.cookie);
    const own = page.data.people.find((p: { you: boolean }) => p.you);
    expect(own.steps).toContainEqual(expect.objectContaining({ id: "id" in made ? made.id : "", what: "Juf geeft de schoolrekening aan mama", goalTitle: null }));
    expect(JSON.stringify(page.data)).not.toContain("Geen nieuwe schulden");
  });

  it("switched off by the family: a 404 with nothing of the family, and no entry in the log", async () => {
    const f = await familyWithTeam("Gezin Verborgen");
    await submit(familyTeam.action, `/f/${f.familyId}/team`, f.params, { coach: f.coach.consentId, second: "", teamPage: "off" }, f.admin.cookie);
    const page = await load(careTeam.loader, `/care/${f.familyId}/team`, f.params, f.teacher.professional.cookie);
    expect(page.status).toBe(404);
    const body = JSON.stringify(page.data);
    for (const word of ["Gezin Verborgen", "Marco", "Juf belt", f.coach.consentId]) expect(body).not.toContain(word);
    expect(teamLog(f.familyId)).toEqual([]);

    // The menu no longer offers it, and a step of the coach no longer names him.
    const goals = await load(careGoals.loader, `/care/${f.familyId}/goals`, f.params, f.teacher.professional.cookie);
    expect(goals.data.frame.teamPage).toBe(false);
    const coachStep = goals.data.goals[0].steps.find((s: { id: string }) => s.id === f.ids.coachSchool);
    expect(coachStep).toMatchObject({ whoKind: "professional", whoName: null });
    expect(JSON.stringify(goals.data)).not.toContain("Marco Visser");
    expect(render(careGoals.default, `/care/${f.familyId}/goals`, goals.data)).toContain("een professional");
  });

  it("someone without access, or whose access was stopped, gets the same 404", async () => {
    const f = await familyWithTeam("Gezin Dicht");
    const stranger = await makeUser({ name: "Niet Betrokken" });
    const path = `/care/${f.familyId}/team`;
    expect((await load(careTeam.loader, path, f.params, stranger.cookie)).status).toBe(404);
    revokeConsent(getDb(), f.familyId, f.admin.id, f.teacher.consentId);
    const stopped = await load(careTeam.loader, path, f.params, f.teacher.professional.cookie);
    expect(stopped.status).toBe(404);
    expect(JSON.stringify(stopped.data)).not.toContain("Gezin Dicht");
    expect(teamLog(f.familyId)).toEqual([]);
  });
});

describe("a professional's own steps on their home page", () => {
  it("open steps of every family, each look logged in that family; a family with nothing for them is not looked at", async () => {
    const f = await familyWithTeam("Gezin Een");
    const coachUser = f.coach.professional;
    const other = await makeFamily(undefined, "Gezin Twee");
    const otherGoal = { id: createGoal(getDb(), other.familyId, other.admin.id, goal("Rust in huis")) };
    const second = await makeConsent(other.familyId, other.admin.id, { scopes: { progress: "read" }, professional: coachUser });
    createStep(getDb(), other.familyId, other.admin.id, otherGoal.id, step("Marco komt dinsdag langs", `professional:${second.consentId}`));
    const third = await makeFamily(undefined, "Gezin Drie");
    await makeConsent(third.familyId, third.admin.id, { scopes: { goals: "read" }, professional: coachUser });
    // A done step is no longer on the list.
    getDb().update(steps).set({ doneAt: Date.now() }).where(eq(steps.id, f.ids.coachSchool)).run();

    const home = await load(careHome.loader, "/care", {}, coachUser.cookie);
    const own = home.data.ownSteps as { familyName: string; steps: { what: string; goalTitle: string | null }[] }[];
    expect(own.map((family) => family.familyName).sort()).toEqual(["Gezin Een", "Gezin Twee"]);
    expect(own.find((family) => family.familyName === "Gezin Een")!.steps.map((s) => s.what)).toEqual(["Marco zoekt samen met mama de rekeningen uit"]);
    // The second family shares no goals with him: his step, not its goal.
    expect(own.find((family) => family.familyName === "Gezin Twee")!.steps).toEqual([expect.objectContaining({ what: "Marco komt dinsdag langs", goalTitle: null })]);
    const html = render(careHome.default, "/care", home.data);
    expect(html).toContain("Jouw stappen");
    expect(html).toContain("Marco komt dinsdag langs");

    expect(teamLog(f.familyId)).toEqual([expect.objectContaining({ consentId: f.coach.consentId, recordIds: JSON.stringify([f.ids.coachMoney]) })]);
    expect(teamLog(other.familyId)).toEqual([expect.objectContaining({ consentId: second.consentId })]);
    expect(teamLog(third.familyId)).toEqual([]);
  });

  it("still there when the family switched the team page off: the steps were given to them", async () => {
    const f = await familyWithTeam();
    await submit(familyTeam.action, `/f/${f.familyId}/team`, f.params, { coach: "", second: "", teamPage: "off" }, f.admin.cookie);
    const home = await load(careHome.loader, "/care", {}, f.teacher.professional.cookie);
    expect(home.data.ownSteps).toEqual([expect.objectContaining({ steps: [expect.objectContaining({ what: "Juf belt mama als Sem te laat is" })] })]);
  });
});

describe("steps for a professional", () => {
  it("the family gives a step to a professional with access; one of another family, or stopped, is refused", async () => {
    const f = await familyWithTeam();
    const path = `/f/${f.familyId}/goals/${f.school.id}`;
    const params = { ...f.params, goalId: f.school.id };
    const page = await load(goalPage.loader, path, params, f.admin.cookie);
    expect(page.data.professionals.map((p: { name: string }) => p.name)).toEqual(["Sanne de Boer", "Marco Visser"]);
    const Form = () => createElement(StepForm, { members: [], network: [], professionals: page.data.professionals, submitLabel: "Opslaan" });
    expect(render(Form, path, page.data)).toContain("Sanne de Boer, Basisschool De Linde (kijkt mee)");

    const made = await submit(goalPage.action, path, params, { intent: "step", what: "Juf stuurt een berichtje", who: `professional:${f.teacher.consentId}` }, f.admin.cookie);
    expect(made.status).toBe(302);
    const stored = getDb().select().from(steps).where(eq(steps.what, "Juf stuurt een berichtje")).get();
    expect(stored).toMatchObject({ whoKind: "professional", whoConsentId: f.teacher.consentId, whoMemberId: null, whoNetworkId: null });

    const other = await familyWithTeam("Gezin Ander");
    const foreign = await submit(goalPage.action, path, params, { intent: "step", what: "Vreemde stap", who: `professional:${other.teacher.consentId}` }, f.admin.cookie);
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors).toEqual({ who: "errors.choose" });
    revokeConsent(getDb(), f.familyId, f.admin.id, f.coach.consentId);
    const stopped = await submit(goalPage.action, path, params, { intent: "step", what: "Stap voor wie stopte", who: `professional:${f.coach.consentId}` }, f.admin.cookie);
    expect(stopped.status).toBe(400);
    expect(getDb().select().from(steps).where(eq(steps.what, "Vreemde stap")).all()).toEqual([]);
    expect(getDb().select().from(steps).where(eq(steps.what, "Stap voor wie stopte")).all()).toEqual([]);
  });

  it("a professional who may write adds a step for themselves ('Ikzelf'), never for another professional", async () => {
    const f = await familyWithTeam();
    const path = `/care/${f.familyId}/goals`;
    const page = await load(careGoals.loader, path, f.params, f.coach.professional.cookie);
    expect(page.data.ownConsentId).toBe(f.coach.consentId);
    expect(render(careGoals.default, path, page.data)).toContain("Ikzelf");
    const mine = await submit(careGoals.action, path, f.params, { goalId: f.money.id, what: "Ik bel de schuldhulp", who: `professional:${f.coach.consentId}` }, f.coach.professional.cookie);
    expect(mine.status).toBe(302);
    expect(getDb().select().from(steps).where(eq(steps.what, "Ik bel de schuldhulp")).get()).toMatchObject({ whoKind: "professional", whoConsentId: f.coach.consentId });
    const forOther = await submit(careGoals.action, path, f.params, { goalId: f.money.id, what: "Juf moet bellen", who: `professional:${f.teacher.consentId}` }, f.coach.professional.cookie);
    expect(forOther.status).toBe(400);
    expect(getDb().select().from(steps).where(eq(steps.what, "Juf moet bellen")).all()).toEqual([]);
  });
});
