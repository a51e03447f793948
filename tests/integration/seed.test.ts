import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { consents, families, members, progressNotes, steps, users, whatIfs } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../../demo/seed.server";
import { checkCredentials } from "../../app/auth/accounts.server";
import { listGoals } from "../../app/plan/goals.server";
import { verifyFamilyChain } from "../../consent/log";
import { waakvlamOf } from "../../app/plan/coaching.server";

describe("demo data", () => {
  it("is a realistic family the README's sign-in opens, and seeding twice adds nothing", async () => {
    const db = getDb();
    const first = await seedDemo(db);
    expect(first.created).toBe(true);
    const familyId = (first as { familyId: string }).familyId;

    const people = db.select().from(members).where(eq(members.familyId, familyId)).all();
    expect(people.map((m) => [m.name, m.livesAtHome, m.userId !== null])).toEqual([
      ["Samira", "yes", true],
      ["Dennis", "yes", true],
      ["Lisa", "yes", true],
      ["Sem", "sometimes", false],
      ["Mila", "yes", false],
    ]);

    const goals = listGoals(db, familyId);
    expect(new Set(goals.map((g) => g.lifeArea)).size).toBeGreaterThanOrEqual(5);
    expect(goals.some((g) => g.status === "reached")).toBe(true);
    expect(db.select().from(whatIfs).where(eq(whatIfs.familyId, familyId)).all()).toHaveLength(2);

    const notes = db.select().from(progressNotes).where(eq(progressNotes.familyId, familyId)).all();
    const span = Math.max(...notes.map((n) => n.createdAt)) - Math.min(...notes.map((n) => n.createdAt));
    expect(span).toBeGreaterThan(25 * 24 * 60 * 60 * 1000);

    for (const email of Object.values(DEMO_ACCOUNTS)) {
      expect(await checkCredentials(db, email, DEMO_PASSWORD)).toBeTruthy();
    }
    expect(db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.professional)).get()?.organisation).toBe("Basisschool De Linde");

    // A coach and a second coach, each with a step of their own (issue 14 §1).
    const team = db.select().from(families).where(eq(families.id, familyId)).get()!;
    const coaches = db.select().from(consents).where(eq(consents.familyId, familyId)).all();
    expect(coaches.find((c) => c.id === team.coachConsentId)?.name).toBe("Marco Visser");
    expect(coaches.find((c) => c.id === team.secondCoachConsentId)?.name).toBe("Ayla Demir");
    const theirs = db.select().from(steps).where(eq(steps.familyId, familyId)).all().filter((s) => s.whoKind === "professional");
    expect(new Set(theirs.map((s) => s.whoConsentId))).toEqual(new Set([team.coachConsentId, team.secondCoachConsentId]));

    // A second family on waakvlam, asked "Hoe gaat het?", with Marco to ask back (issue 14 §2).
    const waakvlamId = (first as { waakvlamFamilyId: string }).waakvlamFamilyId;
    const state = waakvlamOf(db, waakvlamId)!;
    expect(state).toMatchObject({ checkinDue: true, lastCoach: { name: "Marco Visser", canAsk: true } });
    expect(db.select().from(consents).where(eq(consents.familyId, waakvlamId)).all().map((c) => c.status)).toEqual(["revoked"]);
    expect(verifyFamilyChain(db, waakvlamId)).toMatchObject({ ok: true, checked: 3 });

    const second = await seedDemo(db);
    expect(second.created).toBe(false);
    expect(db.select().from(users).all()).toHaveLength(Object.keys(DEMO_ACCOUNTS).length);
    expect(verifyFamilyChain(db, familyId)).toMatchObject({ ok: true, checked: 7 });
  });
});
