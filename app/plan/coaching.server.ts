import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { writeTransaction, type DB } from "../../db/client.server";
import { families, progressNotes, users } from "../../db/schema";
import { DEFAULT_MONTHS, getConsent, renewConsent, revokeConsent } from "../../consent/grants";
import { grantedParts } from "../../consent/sections";
import { recordChange } from "./history.server";
import { coachChoices, teamSettings } from "./team.server";

// When coaching ends (ADR 021): the family hands the coach role to another
// professional, or puts the plan on "waakvlam". On waakvlam the coach's access
// ends, the family chooses which other access stays, and once a month the plan asks
// "Hoe gaat het?". "We willen weer hulp" gives the last coach the parts they had
// before, after the family saw them. Nothing is removed: ended consents and their
// looks stay in the history.

const DAY = 24 * 60 * 60 * 1000;
// A month without a word from the family: the plan (and the mail, if wanted) asks how it goes.
export const CHECKIN_DAYS = 30;

function waakvlamRow(db: DB, familyId: string) {
  return db
    .select({ waakvlamAt: families.waakvlamAt, lastCoachConsentId: families.lastCoachConsentId, checkinMail: families.checkinMail })
    .from(families)
    .where(eq(families.id, familyId))
    .get();
}

function lastNoteAt(db: DB, familyId: string): number | null {
  const row = db
    .select({ at: progressNotes.createdAt })
    .from(progressNotes)
    .where(and(eq(progressNotes.familyId, familyId), isNull(progressNotes.deletedAt)))
    .orderBy(desc(progressNotes.createdAt))
    .limit(1)
    .get();
  return row?.at ?? null;
}

export function onWaakvlam(db: DB, familyId: string): boolean {
  return Boolean(waakvlamRow(db, familyId)?.waakvlamAt);
}

/** Whether "Hoe gaat het?" is due: on waakvlam, and a month since it began or since the last note. */
export function checkinDue(db: DB, familyId: string, now = Date.now()): boolean {
  const row = waakvlamRow(db, familyId);
  if (!row?.waakvlamAt) return false;
  const since = Math.max(row.waakvlamAt, lastNoteAt(db, familyId) ?? 0);
  return now - since >= CHECKIN_DAYS * DAY;
}

/** The last coach as "We willen weer hulp" asks them back: who, and which parts they had. */
function lastCoach(db: DB, familyId: string, consentId: string | null) {
  if (!consentId) return null;
  const consent = getConsent(db, familyId, consentId);
  if (!consent) return null;
  // A professional who removed their account cannot be asked back; the family invites someone new.
  const account = consent.professionalUserId ? db.select({ id: users.id }).from(users).where(and(eq(users.id, consent.professionalUserId), isNull(users.deletedAt), isNull(users.deletingAt))).get() : undefined;
  return {
    consentId: consent.id,
    name: consent.name,
    organisation: consent.organisation,
    role: consent.role,
    parts: grantedParts(consent.scopes, consent.selection),
    canAsk: account !== undefined,
  };
}

/** Where the family stands: on waakvlam or not, since when, who was the last coach. */
export function waakvlamOf(db: DB, familyId: string, now = Date.now()) {
  const row = waakvlamRow(db, familyId);
  if (!row?.waakvlamAt) return null;
  return { since: row.waakvlamAt, checkinMail: row.checkinMail, checkinDue: checkinDue(db, familyId, now), lastCoach: lastCoach(db, familyId, row.lastCoachConsentId) };
}

export type Waakvlam = NonNullable<ReturnType<typeof waakvlamOf>>;

/** The coach in force now (named and with access), with the others who have access. */
export function endingChoices(db: DB, familyId: string, now = Date.now()) {
  const settings = teamSettings(db, familyId);
  const open = coachChoices(db, familyId, now);
  const coach = open.find((choice) => choice.id === settings.coachConsentId && choice.status === "active") ?? null;
  return { coach, others: open.filter((choice) => choice.id !== coach?.id) };
}

type Team = ReturnType<typeof teamSettings>;

function saveTeam(db: DB, familyId: string, userId: string, before: Team & Partial<Record<"waakvlamAt" | "lastCoachConsentId", number | string | null>>, after: Partial<typeof families.$inferInsert>) {
  db.update(families).set(after).where(eq(families.id, familyId)).run();
  recordChange(db, { familyId, entity: "team", entityId: familyId, action: "update", userId, before, after: { ...before, ...after } });
}

export type HandOver = { to: string; endOld: boolean };

/**
 * The coach role goes to another professional with access (or waiting for it). The
 * second coach, if that was them, is then nobody; the old coach keeps their
 * access unless the family ends it here.
 */
export function handOver(db: DB, familyId: string, userId: string, input: HandOver, now = Date.now()) {
  return writeTransaction(db, () => {
    const { coach, others } = endingChoices(db, familyId, now);
    if (!coach) return { error: "noCoach" as const, field: "form" as const };
    if (!others.some((choice) => choice.id === input.to)) return { error: "choice" as const, field: "to" as const };
    const before = teamSettings(db, familyId);
    const second = before.secondCoachConsentId === input.to ? null : before.secondCoachConsentId;
    saveTeam(db, familyId, userId, before, { coachConsentId: input.to, secondCoachConsentId: second });
    if (input.endOld) revokeConsent(db, familyId, userId, coach.id, now);
    return { ok: true as const };
  });
}

export type StartWaakvlam = { keep: string[]; checkinMail: boolean };

/**
 * Coaching ends: the coach's access ends, and of the others every access the
 * family did not tick to keep. The coach is remembered as the one to ask back.
 */
export function startWaakvlam(db: DB, familyId: string, userId: string, input: StartWaakvlam, now = Date.now()) {
  return writeTransaction(db, () => {
    const { coach, others } = endingChoices(db, familyId, now);
    if (!coach) return { error: "noCoach" as const, field: "form" as const };
    const keep = new Set(input.keep);
    const ending = [coach.id, ...others.filter((other) => !keep.has(other.id)).map((other) => other.id)];
    const before = { ...teamSettings(db, familyId), waakvlamAt: null, lastCoachConsentId: waakvlamRow(db, familyId)?.lastCoachConsentId ?? null };
    const second = before.secondCoachConsentId && !ending.includes(before.secondCoachConsentId) ? before.secondCoachConsentId : null;
    saveTeam(db, familyId, userId, before, { coachConsentId: null, secondCoachConsentId: second, waakvlamAt: now, lastCoachConsentId: coach.id, checkinMail: input.checkinMail });
    for (const id of ending) revokeConsent(db, familyId, userId, id, now);
    return { ok: true as const, ended: ending.length };
  });
}

/** The end date "We willen weer hulp" gives: the usual six months. */
export function helpUntil(now = Date.now()): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() + DEFAULT_MONTHS);
  return date.getTime();
}

/**
 * "We willen weer hulp", confirmed by an admin: the last coach has access again with
 * the parts they had, is the coach again, and the plan is off waakvlam.
 */
export function askCoachBack(db: DB, familyId: string, userId: string, now = Date.now()) {
  return writeTransaction(db, () => {
    const state = waakvlamOf(db, familyId, now);
    if (!state?.lastCoach?.canAsk) return null;
    const consentId = renewConsent(db, familyId, userId, state.lastCoach.consentId, helpUntil(now), now);
    if (!consentId) return null;
    const before = { ...teamSettings(db, familyId), waakvlamAt: state.since, lastCoachConsentId: state.lastCoach.consentId };
    saveTeam(db, familyId, userId, before, { coachConsentId: consentId, waakvlamAt: null, lastCoachConsentId: null, checkinMail: false });
    const consent = getConsent(db, familyId, consentId)!;
    const professional = db.select({ email: users.email, language: users.language }).from(users).where(eq(users.id, consent.professionalUserId!)).get();
    return { consentId, name: consent.name, endsAt: consent.endsAt, professional };
  });
}

/** Families on waakvlam that want the monthly mail and have gone a month without a word. */
export function checkinsDue(db: DB, now = Date.now()) {
  return db
    .select({ id: families.id, name: families.name })
    .from(families)
    .where(and(isNotNull(families.waakvlamAt), eq(families.checkinMail, true), isNull(families.deletingAt)))
    .all()
    .filter((family) => checkinDue(db, family.id, now));
}
