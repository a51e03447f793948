import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { consents, sentMails as sentMailRows } from "../../db/schema";
import { changeConsent, latestEnd } from "../../consent/grants";
import { readThroughGate } from "../../consent/gate";
import { createGoal, listGoals } from "../../app/plan/goals.server";
import { runMailJobs } from "../../app/sharing/mail-jobs.server";
import { lastWeek } from "../../app/sharing/visits.server";
import { endOfDay, startOfDay } from "../../app/lib/dates";
import * as looksPage from "../../app/routes/family/looks";
import * as language from "../../app/routes/language";
import { makeFamily } from "../support/factories";
import { makeConsent, webAccess } from "../support/consent";
import { load, submit } from "../support/routes";
import { mailProviderAnswers, mailServer, resetMail, sentMails, useMailProvider } from "../support/msw";
import { families, members, users } from "../../db/schema";
import { newId } from "../../consent/tokens";
import { createReview } from "../../app/plan/reviews.server";
import { addDays, formatDate, today } from "../../app/lib/dates";
import { makeUser } from "../support/factories";

// The scheduled mails (ADR 012): a weekly summary of looks for each admin who wants
// it, and "access ends soon" for both sides. Run as often as you like, restarted or
// twice at once: each mail goes out once. The provider is MSW's stand-in.

beforeAll(() => mailServer.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetMail();
  vi.useRealTimers();
});
afterAll(() => mailServer.close());

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A family whose teacher looked three times last week (twice in one visit) and once this week. */
async function familyWithLooks() {
  const family = await makeFamily(undefined, "Gezin Week");
  createGoal(getDb(), family.familyId, family.admin.id, { title: "Sem is op tijd", lifeArea: "school", term: "short", memberIds: [] });
  const teacher = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, endsAt: latestEnd() - DAY });
  const week = lastWeek();
  const look = (at: number) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at);
    try {
      readThroughGate(getDb(), webAccess(teacher.professional.id, family.familyId), "goals", () => listGoals(getDb(), family.familyId));
    } finally {
      vi.useRealTimers();
    }
  };
  const tuesday = startOfDay(week.monday) + DAY + 10 * HOUR;
  look(tuesday);
  look(tuesday + 5 * 60 * 1000);
  look(tuesday + 2 * DAY);
  look(endOfDay(week.sunday) + HOUR);
  return { ...family, teacher, week };
}

describe("the weekly summary", () => {
  it("goes to each admin once, in the words the app shows, and never twice however often the job runs", async () => {
    const s = await familyWithLooks();
    useMailProvider();
    const first = await runMailJobs(getDb());
    const mine = () => sentMails.filter((mail) => mail.body.to === s.admin.email);
    expect(first.weekly).toBeGreaterThanOrEqual(1);
    expect(mine()).toHaveLength(1);
    const [mail] = mine();
    expect(mail.body.subject).toBe("Wie keek vorige week mee in het plan van Gezin Week?");
    expect(mail.body.text).toContain("- Sanne de Boer (juf van Sem) keek 2 keer mee");
    // The page says the same, for the same week.
    const page = await load(looksPage.loader, `/f/${s.familyId}/looks`, { familyId: s.familyId }, s.admin.cookie);
    expect(page.data.week.people).toEqual([{ name: "Sanne de Boer", role: "juf van Sem", organisation: "Basisschool De Linde", visits: 2 }]);

    // Again, and again at once (a restart, a second timer): nothing more for this family.
    await runMailJobs(getDb());
    await Promise.all([runMailJobs(getDb()), runMailJobs(getDb())]);
    expect(mine()).toHaveLength(1);
    expect(getDb().select().from(sentMailRows).where(eq(sentMailRows.userId, s.admin.id)).all()).toHaveLength(1);
  });

  it("an admin can turn it off; the summary stays on the page", async () => {
    const s = await familyWithLooks();
    const off = await submit(looksPage.action, `/f/${s.familyId}/looks`, { familyId: s.familyId }, { weekly: "off" }, s.admin.cookie);
    expect(off.status).toBe(302);
    useMailProvider();
    await runMailJobs(getDb());
    expect(sentMails.filter((mail) => mail.body.to === s.admin.email)).toEqual([]);
    const page = await load(looksPage.loader, `/f/${s.familyId}/looks`, { familyId: s.familyId }, s.admin.cookie);
    expect(page.data.weeklyMail.on).toBe(false);
    expect(page.data.week.people).toHaveLength(1);
    // A professional cannot change a family member's choice.
    expect((await submit(looksPage.action, `/f/${s.familyId}/looks`, { familyId: s.familyId }, { weekly: "on" }, s.teacher.professional.cookie)).status).toBe(404);
  });

  it("a mail the provider refused is tried again on the next run", async () => {
    const s = await familyWithLooks();
    useMailProvider();
    mailProviderAnswers(500);
    await runMailJobs(getDb());
    expect(getDb().select().from(sentMailRows).where(eq(sentMailRows.userId, s.admin.id)).all()).toEqual([]);
    mailProviderAnswers(200);
    await runMailJobs(getDb());
    expect(getDb().select().from(sentMailRows).where(eq(sentMailRows.userId, s.admin.id)).all()).toHaveLength(1);
  });

  it("without mail set up nothing is sent or recorded", async () => {
    const s = await familyWithLooks();
    expect(await runMailJobs(getDb())).toEqual({ weekly: 0, endsSoon: 0, reviews: 0, checkins: 0 });
    expect(getDb().select().from(sentMailRows).where(eq(sentMailRows.userId, s.admin.id)).all()).toEqual([]);
  });
});

describe("access that ends soon", () => {
  it("tells the family's admins and the professional once; after an extension only when the new end is near", async () => {
    const family = await makeFamily(undefined, "Gezin Einde Mail");
    const { consentId, professional } = await makeConsent(family.familyId, family.admin.id, { scopes: { goals: "read" }, endsAt: Date.now() + 10 * DAY });
    useMailProvider();
    await runMailJobs(getDb());
    const about = (to: string) => sentMails.filter((mail) => mail.body.to === to && mail.body.subject.includes("stopt bijna"));
    expect(about(family.admin.email)).toHaveLength(1);
    expect(about(family.admin.email)[0].body.text).toContain("Sanne de Boer kan nog meekijken in het plan van Gezin Einde Mail");
    expect(about(professional.email)).toHaveLength(1);
    expect(about(professional.email)[0].body.subject).toBe("Je toegang tot het plan van Gezin Einde Mail stopt bijna");
    await runMailJobs(getDb());
    expect(about(family.admin.email)).toHaveLength(1);

    // Extended: nothing now; when that end comes near, a new mail.
    const consent = getDb().select().from(consents).where(eq(consents.id, consentId)).get()!;
    changeConsent(getDb(), family.familyId, family.admin.id, consentId, { scopes: consent.scopes, endsAt: Date.now() + 100 * DAY });
    await runMailJobs(getDb());
    expect(about(family.admin.email)).toHaveLength(1);
    await runMailJobs(getDb(), Date.now() + 90 * DAY);
    expect(about(family.admin.email)).toHaveLength(2);
  });
});

describe("in the language each person chose", () => {
  it("an admin who switched to Arabic and a professional who switched to English get their mails in it", async () => {
    const s = await familyWithLooks();
    const chosen = await submit(language.action, "/language", {}, { lang: "ar", redirectTo: `/f/${s.familyId}` }, s.admin.cookie);
    expect(chosen.status).toBe(302);
    await submit(language.action, "/language", {}, { lang: "en", redirectTo: "/care" }, s.teacher.professional.cookie);
    const ending = await makeConsent(s.familyId, s.admin.id, { scopes: { goals: "read" }, endsAt: Date.now() + 10 * DAY });
    await submit(language.action, "/language", {}, { lang: "en", redirectTo: "/care" }, ending.professional.cookie);
    useMailProvider();
    await runMailJobs(getDb());
    const to = (email: string) => sentMails.filter((mail) => mail.body.to === email).map((mail) => mail.body.subject);
    // Arabic mails set the family's own words apart (U+2068…U+2069), so they keep their direction.
    const own = (words: string) => `\u2068${words}\u2069`;
    expect(to(s.admin.email)).toContain(`من اطّلع على خطة ${own("Gezin Week")} الأسبوع الماضي؟`);
    expect(to(s.admin.email)).toContain(`وصول ${own("Sanne de Boer")} سينتهي قريبًا`);
    expect(to(ending.professional.email)).toEqual(["Your access to the plan of Gezin Week ends soon"]);
    // A word in the summary is Arabic too, not only the subject.
    const weekly = sentMails.find((mail) => mail.body.to === s.admin.email && mail.body.subject.startsWith("من"))!;
    expect(weekly.body.text).toContain(`- اطّلع ${own("Sanne de Boer (juf van Sem)")} مرتين`);
  });
});

describe("samen terugkijken comes near", () => {
  it("tells each admin once, from 14 days before, in their own language; not earlier, not twice, not after the day", async () => {
    const db = getDb();
    const family = await makeFamily(undefined, "Gezin Terug Mail");
    // A second admin, who reads Arabic; a plain member hears nothing.
    const dennis = await makeUser({ name: "Dennis" });
    db.insert(members).values({ id: newId(), familyId: family.familyId, name: "Dennis", relation: "papa", userId: dennis.id, role: "admin" }).run();
    db.update(users).set({ language: "ar" }).where(eq(users.id, dennis.id)).run();
    const lisa = await makeUser({ name: "Lisa" });
    db.insert(members).values({ id: newId(), familyId: family.familyId, name: "Lisa", relation: "dochter", userId: lisa.id, role: "member" }).run();
    const heldOn = addDays(today(), -160);
    const nextOn = addDays(today(), 20);
    const reviewId = createReview(db, family.familyId, family.admin.id, { heldOn, present: "", note: "", nextOn, goals: [] });
    // A family being deleted gets no reminder.
    const leaving = await makeFamily(undefined, "Gezin Weg");
    createReview(db, leaving.familyId, leaving.admin.id, { heldOn, present: "", note: "", nextOn: addDays(today(), 10), goals: [] });
    db.update(families).set({ deletingAt: Date.now(), deletingBy: leaving.admin.id }).where(eq(families.id, leaving.familyId)).run();

    useMailProvider();
    const reminders = () => sentMails.filter((mail) => mail.body.subject === "Bijna tijd om samen terug te kijken" || mail.body.subject === "اقترب وقت النظر إلى الوراء معًا");
    await runMailJobs(db);
    expect(reminders()).toEqual([]);

    // Fourteen days before: each admin, once, however often the job runs.
    await runMailJobs(db, Date.now() + 6 * DAY);
    await Promise.all([runMailJobs(db, Date.now() + 6 * DAY), runMailJobs(db, Date.now() + 7 * DAY)]);
    expect(reminders().map((mail) => mail.body.to).sort()).toEqual([family.admin.email, dennis.email].sort());
    const dutch = reminders().find((mail) => mail.body.to === family.admin.email)!;
    expect(dutch.body.text).toContain(`samen terug te kijken op het plan van Gezin Terug Mail. De vorige keer was op ${formatDate(heldOn, "nl")}. De volgende keer is rond ${formatDate(nextOn, "nl")}.`);
    const arabic = reminders().find((mail) => mail.body.to === dennis.email)!;
    expect(arabic.body.subject).toBe("اقترب وقت النظر إلى الوراء معًا");
    expect(arabic.body.text).toContain("\u2068Gezin Terug Mail\u2069");
    expect(db.select().from(sentMailRows).where(eq(sentMailRows.kind, "review-due")).all().map((row) => row.about)).toEqual([`${reviewId}:${nextOn}`, `${reviewId}:${nextOn}`]);

    // The day has passed: no late mail; the plan page says it is time.
    resetMail();
    useMailProvider();
    await runMailJobs(db, Date.now() + 25 * DAY);
    expect(reminders()).toEqual([]);

    // A new review with its own next day: the admins hear again when that one comes near.
    const later = addDays(today(), 200);
    createReview(db, family.familyId, family.admin.id, { heldOn: today(), present: "", note: "", nextOn: later, goals: [] });
    await runMailJobs(db, Date.now() + 190 * DAY);
    expect(reminders().map((mail) => mail.body.to).sort()).toEqual([family.admin.email, dennis.email].sort());
  });

  it("without mail set up nothing is claimed", async () => {
    const family = await makeFamily(undefined, "Gezin Zonder Mail");
    createReview(getDb(), family.familyId, family.admin.id, { heldOn: addDays(today(), -170), present: "", note: "", nextOn: addDays(today(), 5), goals: [] });
    await runMailJobs(getDb());
    expect(getDb().select().from(sentMailRows).where(eq(sentMailRows.userId, family.admin.id)).all()).toEqual([]);
  });
});
