import { and, desc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { accessLog, consents, goals, members, networkPeople, progressNotes, steps, strengths, users, whatIfs } from "../../db/schema";
import type { LogEntry } from "./looks.server";
import { addDays, endOfDay, startOfDay, today, weekOf } from "../lib/dates";
import type { RecordKind } from "./record-kinds";

// "Wie keek mee?" in visits: a coach's seven clicks in one minute are one visit,
// "keek dinsdag 3 maart 14:02–14:09 naar 3 doelen en 2 notities", which opens to
// what they saw, by the titles the family sees now.

/** Looks by the same person under the same consent this close together are one visit. */
export const VISIT_GAP = 30 * 60 * 1000;

export type SeenRecord = { id: string; kind: RecordKind; title: string | null };

type Groupable = { at: number; actorUserId: string; consentId: string };

/**
 * Groups log entries (newest first) into visits, newest first. A person's entry
 * joins their open visit under that consent if it is at most VISIT_GAP before it;
 * someone else's looks in between do not split it.
 */
export function groupVisits<E extends Groupable>(entries: E[]): E[][] {
  const visits: E[][] = [];
  const open = new Map<string, E[]>();
  for (const entry of entries) {
    const key = `${entry.actorUserId}\u0000${entry.consentId}`;
    const visit = open.get(key);
    if (visit && visit[visit.length - 1].at - entry.at <= VISIT_GAP) {
      visit.push(entry);
      continue;
    }
    const started = [entry];
    visits.push(started);
    open.set(key, started);
  }
  return visits;
}

/**
 * What each id in the log is, and its title as the family sees it now (null once
 * removed). One query per kind of record, for all ids at once.
 */
export function recordsByIds(db: DB, familyId: string, ids: string[]): Map<string, SeenRecord> {
  const found = new Map<string, SeenRecord>();
  const unique = [...new Set(ids)];
  // SQLite takes at most 32766 parameters; a page of visits names far fewer.
  for (let i = 0; i < unique.length; i += 5000) {
    const chunk = unique.slice(i, i + 5000);
    const put = (kind: RecordKind, rows: { id: string; title: string; deletedAt: number | null }[]) =>
      rows.forEach((row) => found.set(row.id, { id: row.id, kind, title: row.deletedAt === null ? row.title : null }));
    put("goal", db.select({ id: goals.id, title: goals.title, deletedAt: goals.deletedAt }).from(goals).where(and(eq(goals.familyId, familyId), inArray(goals.id, chunk))).all());
    put("step", db.select({ id: steps.id, title: steps.what, deletedAt: steps.deletedAt }).from(steps).where(and(eq(steps.familyId, familyId), inArray(steps.id, chunk))).all());
    put("strength", db.select({ id: strengths.id, title: strengths.text, deletedAt: strengths.deletedAt }).from(strengths).where(and(eq(strengths.familyId, familyId), inArray(strengths.id, chunk))).all());
    put("note", db.select({ id: progressNotes.id, title: progressNotes.text, deletedAt: progressNotes.deletedAt }).from(progressNotes).where(and(eq(progressNotes.familyId, familyId), inArray(progressNotes.id, chunk))).all());
    put("whatif", db.select({ id: whatIfs.id, title: whatIfs.situation, deletedAt: whatIfs.deletedAt }).from(whatIfs).where(and(eq(whatIfs.familyId, familyId), inArray(whatIfs.id, chunk))).all());
    put("person", db.select({ id: networkPeople.id, title: networkPeople.name, deletedAt: networkPeople.deletedAt }).from(networkPeople).where(and(eq(networkPeople.familyId, familyId), inArray(networkPeople.id, chunk))).all());
  }
  return found;
}

type Counts = Partial<Record<RecordKind, number>>;

function countKinds(records: SeenRecord[]): Counts {
  const counts: Counts = {};
  for (const record of records) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  return counts;
}

// A visit opens to at most this many titles per kind of thing done: a coach who read
// forty goals needs the count, and a page of two hundred looks must stay light.
const SHOWN = 8;
// A page shows at most this many visits: each opens to its titles, and a page of
// two hundred of them is too long to read on a phone and too heavy to draw.
export const VISITS_PER_PAGE = 20;

/**
 * Visits as the page shows them: who, when, how many of what, and what exactly (the
 * first titles; ids only, with each title once in `titles` for the whole page).
 */
export function visitsOf(db: DB, familyId: string, entries: (LogEntry & { actorUserId: string; consentPurpose: string })[], limit = VISITS_PER_PAGE) {
  const grouped = groupVisits(entries);
  const kept = grouped.slice(0, limit);
  const records = recordsByIds(db, familyId, kept.flatMap((visit) => visit.flatMap((entry) => entry.recordIds)));
  const titles: Record<string, { kind: RecordKind; title: string | null }> = {};
  const shown = (list: SeenRecord[]) => {
    for (const record of list.slice(0, SHOWN)) titles[record.id] = { kind: record.kind, title: record.title };
    return { counts: countKinds(list), ids: list.slice(0, SHOWN).map((record) => record.id), more: Math.max(0, list.length - SHOWN) };
  };
  const visits = kept.map((visit) => {
    const newest = visit[0];
    const distinct = (action: (a: string) => boolean) => {
      const ids = [...new Set(visit.filter((entry) => action(entry.action)).flatMap((entry) => entry.recordIds))];
      return ids.map((id) => records.get(id)).filter((record): record is SeenRecord => record !== undefined);
    };
    const read = distinct((action) => action === "read");
    const written = distinct((action) => action !== "read");
    return {
      id: newest.id,
      start: visit[visit.length - 1].at,
      end: newest.at,
      name: newest.actorName,
      organisation: newest.organisation,
      role: newest.consentRole,
      purpose: newest.consentPurpose,
      consentId: newest.consentId,
      consentName: newest.consentName,
      versions: [...new Set(visit.map((entry) => entry.consentVersion))].sort((a, b) => a - b),
      channels: [...new Set(visit.map((entry) => entry.channel))].sort(),
      // The parts looked at, for a look at a part that was still empty.
      sections: [...new Set(visit.map((entry) => entry.section))],
      looks: visit.length,
      read: shown(read),
      written: shown(written),
    };
  });
  // The next page starts at the newest look of the first visit left out (and may show
  // again the older looks of a visit cut here, rather than lose any).
  const cut = grouped[limit]?.[0];
  return { visits, titles, nextBefore: cut ? { at: cut.at, id: cut.id + 1 } : null };
}

export type Visit = ReturnType<typeof visitsOf>["visits"][number];
export type VisitTitles = ReturnType<typeof visitsOf>["titles"];

/**
 * How many visits there were since this member last opened "Wie keek mee?" (or
 * in the last two weeks, if they never did). Counted over the newest `cap` entries at most, since the
 * plan page asks on every visit: a family away long enough sees "meer dan …".
 */
export function visitsSince(db: DB, familyId: string, memberId: string, now = Date.now(), cap = 300): { count: number; more: boolean } {
  const member = db.select({ seenAt: members.looksSeenAt }).from(members).where(eq(members.id, memberId)).get();
  if (!member) return { count: 0, more: false };
  // Someone who never opened "Wie keek mee?" hears of the last two weeks.
  const since = member.seenAt ?? now - 14 * 24 * 60 * 60 * 1000;
  const rows = db
    .select({ at: accessLog.at, actorUserId: accessLog.actorUserId, consentId: accessLog.consentId })
    .from(accessLog)
    .where(and(eq(accessLog.familyId, familyId), gt(accessLog.at, since)))
    .orderBy(desc(accessLog.at))
    .limit(cap + 1)
    .all();
  return { count: groupVisits(rows.slice(0, cap)).length, more: rows.length > cap };
}

/** The member opened "Wie keek mee?": what is there now is no longer new to them. */
export function markLooksSeen(db: DB, memberId: string, now = Date.now()) {
  db.update(members).set({ looksSeenAt: now }).where(eq(members.id, memberId)).run();
}

/** The calendar week (Monday to Sunday, in the Netherlands) that ended last. */
export function lastWeek(now = Date.now()) {
  return weekOf(addDays(today(now), -7));
}

/**
 * "Wie keek mee?" over one week, per person: how many visits. The same words go in
 * the weekly mail and on the page, so the mail never says more than the app.
 */
export function weekSummary(db: DB, familyId: string, week: { monday: string; sunday: string }) {
  // Only what grouping needs: a busy family has hundreds of looks a week, and the
  // page asks for this on every visit. Names are read once per person after.
  const entries = db
    .select({ at: accessLog.at, actorUserId: accessLog.actorUserId, consentId: accessLog.consentId })
    .from(accessLog)
    .where(and(eq(accessLog.familyId, familyId), gte(accessLog.at, startOfDay(week.monday)), lt(accessLog.at, endOfDay(week.sunday))))
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .all();
  const counted = new Map<string, { actorUserId: string; visits: number }>();
  for (const visit of groupVisits(entries)) {
    const newest = visit[0];
    const person = counted.get(newest.consentId) ?? { actorUserId: newest.actorUserId, visits: 0 };
    person.visits += 1;
    counted.set(newest.consentId, person);
  }
  const consentIds = [...counted.keys()];
  const about = new Map(
    consentIds.length === 0
      ? []
      : db
          .select({ id: consents.id, role: consents.role, organisation: consents.organisation })
          .from(consents)
          .where(inArray(consents.id, consentIds))
          .all()
          .map((row) => [row.id, row]),
  );
  const actorIds = [...new Set([...counted.values()].map((person) => person.actorUserId))];
  const actors = new Map(
    actorIds.length === 0 ? [] : db.select({ id: users.id, name: users.name, organisation: users.organisation }).from(users).where(inArray(users.id, actorIds)).all().map((row) => [row.id, row]),
  );
  const people = [...counted].map(([consentId, person]) => {
    const consent = about.get(consentId);
    const actor = actors.get(person.actorUserId);
    // The organisation as the family wrote it, else as the professional wrote it (as listLogEntries).
    return { name: actor?.name ?? "", role: consent?.role ?? "", organisation: consent?.organisation || actor?.organisation || "", visits: person.visits };
  });
  return { ...week, people: people.sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name)) };
}

export type WeekSummary = ReturnType<typeof weekSummary>;
