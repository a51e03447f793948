import { and, desc, eq, isNull } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { consents, families, reviews, sentMails, users } from "../../db/schema";
import { endsSoon } from "../../consent/grants";
import { familyAdminsWithAccounts } from "../plan/members.server";
import { mailIsSetUp, sendCheckinMail, sendEndsSoonMail, sendReviewDueMail, sendWeeklySummaryMail } from "../mail.server";
import { lastDay } from "../lib/dates";
import { mailLanguage } from "../auth/accounts.server";
import { lastWeek, weekSummary } from "./visits.server";
import { reviewDue } from "../plan/reviews.server";
import { checkinsDue } from "../plan/coaching.server";

// The scheduled mails (ADR 012): each admin's weekly summary of looks, and "access
// ends soon" to the family's admins and the professional. `npm run mail-jobs` runs
// this from cron or a systemd timer. Every mail is claimed in sent_mails before it
// goes out, so a run repeated, restarted or started twice sends it once; a mail the
// provider refused gives its claim back, and the next run tries again.

type Claim = { kind: "weekly-summary" | "ends-soon" | "review-due" | "checkin"; about: string; userId: string };

function claim(db: DB, mail: Claim, now: number): boolean {
  const inserted = db.insert(sentMails).values({ ...mail, sentAt: now }).onConflictDoNothing().run();
  return inserted.changes === 1;
}

function release(db: DB, mail: Claim) {
  db.delete(sentMails).where(and(eq(sentMails.kind, mail.kind), eq(sentMails.about, mail.about), eq(sentMails.userId, mail.userId))).run();
}

async function sendOnce(db: DB, mail: Claim, now: number, send: () => Promise<string>): Promise<boolean> {
  if (!claim(db, mail, now)) return false;
  const result = await send();
  if (result === "sent") return true;
  release(db, mail);
  return false;
}

export async function runMailJobs(db: DB, now = Date.now()) {
  const done = { weekly: 0, endsSoon: 0, reviews: 0, checkins: 0 };
  if (!(await mailIsSetUp())) return done;
  const week = lastWeek(now);
  for (const admin of familyAdminsWithAccounts(db)) {
    if (!admin.weeklySummary) continue;
    const summary = weekSummary(db, admin.familyId, week);
    const mail = { kind: "weekly-summary" as const, about: `${admin.familyId}:${week.monday}`, userId: admin.userId };
    if (await sendOnce(db, mail, now, () => sendWeeklySummaryMail({ to: admin.email, familyName: admin.familyName, summary, lang: mailLanguage(admin.language) }))) done.weekly += 1;
  }
  const open = db.select({ consent: consents, familyName: families.name }).from(consents).innerJoin(families, eq(families.id, consents.familyId)).all();
  for (const { consent, familyName } of open) {
    if (!endsSoon(consent, now)) continue;
    const about = `${consent.id}:${consent.endsAt}`;
    const to: { userId: string; email: string; language: string | null; side: "family" | "professional" }[] = familyAdminsWithAccounts(db, consent.familyId).map((admin) => ({ ...admin, side: "family" }));
    const professional = consent.professionalUserId ? db.select({ id: users.id, email: users.email, language: users.language }).from(users).where(eq(users.id, consent.professionalUserId)).get() : undefined;
    if (professional && consent.status === "active") to.push({ userId: professional.id, email: professional.email, language: professional.language, side: "professional" as const });
    for (const person of to) {
      const mail = { kind: "ends-soon" as const, about, userId: person.userId };
      const values = { to: person.email, side: person.side, name: consent.name, familyName, lastDay: lastDay(consent.endsAt), lang: mailLanguage(person.language) };
      if (await sendOnce(db, mail, now, () => sendEndsSoonMail(values))) done.endsSoon += 1;
    }
  }
  done.reviews = await remindOfReviews(db, now);
  done.checkins = await askHowItGoes(db, now);
  return done;
}

/**
 * "Samen terugkijken" comes near (ADR 017): from 14 days before the next review's day
 * up to that day, each admin of the family hears once. About the review and its day,
 * so a family that chooses another day (a new review) hears again for that one. A day
 * long gone gets no mail: the plan page says it is time, a mail months late would not help.
 */
async function remindOfReviews(db: DB, now: number): Promise<number> {
  let sent = 0;
  const latest = new Map<string, { id: string; familyId: string; familyName: string; heldOn: string; nextOn: string }>();
  const rows = db
    .select({ id: reviews.id, familyId: reviews.familyId, familyName: families.name, heldOn: reviews.heldOn, nextOn: reviews.nextOn })
    .from(reviews)
    .innerJoin(families, eq(families.id, reviews.familyId))
    .where(and(isNull(reviews.deletedAt), isNull(families.deletingAt)))
    .orderBy(desc(reviews.heldOn), desc(reviews.createdAt), desc(reviews.id))
    .all();
  // Only the family's last review says when the next one is.
  for (const row of rows) if (!latest.has(row.familyId)) latest.set(row.familyId, row);
  for (const review of latest.values()) {
    if (reviewDue(review.nextOn, now) !== "soon") continue;
    for (const admin of familyAdminsWithAccounts(db, review.familyId)) {
      const mail = { kind: "review-due" as const, about: `${review.id}:${review.nextOn}`, userId: admin.userId };
      const values = { to: admin.email, familyName: review.familyName, heldOn: review.heldOn, nextOn: review.nextOn, lang: mailLanguage(admin.language) };
      if (await sendOnce(db, mail, now, () => sendReviewDueMail(values))) sent += 1;
    }
  }
  return sent;
}

/**
 * "Hoe gaat het?" on waakvlam (ADR 021): a family that asked for it by mail, and
 * wrote nothing in the plan for a month, hears once in that calendar month.
 */
async function askHowItGoes(db: DB, now: number): Promise<number> {
  let sent = 0;
  const month = new Date(now).toISOString().slice(0, 7);
  for (const family of checkinsDue(db, now)) {
    for (const admin of familyAdminsWithAccounts(db, family.id)) {
      const mail = { kind: "checkin" as const, about: `${family.id}:${month}`, userId: admin.userId };
      if (await sendOnce(db, mail, now, () => sendCheckinMail({ to: admin.email, familyName: family.name, lang: mailLanguage(admin.language) }))) sent += 1;
    }
  }
  return sent;
}
