import { and, asc, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { DB } from "../../db/client.server";
import { accessLog, consents, users } from "../../db/schema";
import type { FieldErrors } from "../lib/forms";
import { endOfDay, isCalendarDay, startOfDay } from "../lib/dates";

// "Wie keek mee?": the family reads its access log, with filters and pages.

export const PAGE_SIZE = 200;

export type LogFilters = {
  consentId: string | null;
  from: string | null;
  to: string | null;
  /** Keyset cursor for "show older": entries strictly before (at, id). */
  before: { at: number; id: number } | null;
};

/** Reads the filters from the query string; a wrong date is ignored and reported. */
export function parseLogFilters(url: URL): { filters: LogFilters; values: Record<string, string>; errors: FieldErrors } {
  const get = (key: string) => (url.searchParams.get(key) ?? "").trim();
  const errors: FieldErrors = {};
  const day = (key: "from" | "to") => {
    const value = get(key);
    if (value === "") return null;
    if (isCalendarDay(value)) return value;
    errors[key] = "errors.date";
    return null;
  };
  const person = get("person");
  const before = get("before").match(/^(\d{1,15})-(\d{1,15})$/);
  const filters: LogFilters = {
    consentId: person && person.length <= 40 ? person : null,
    from: day("from"),
    to: day("to"),
    before: before ? { at: Number(before[1]), id: Number(before[2]) } : null,
  };
  return { filters, values: { person: filters.consentId ?? "", from: get("from"), to: get("to") }, errors };
}

/** The query string for the same filters (without the page cursor). */
export function filterQuery(filters: LogFilters): string {
  const params = new URLSearchParams();
  if (filters.consentId) params.set("person", filters.consentId);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params.toString();
}

/**
 * Log entries of one family, newest first, with who looked and under which consent.
 * Family and period are filtered in SQL on the (family_id, at) index; the order
 * (at, id) matches that index, so no sort step is needed.
 */
export function listLogEntries(db: DB, familyId: string, filters: LogFilters, limit?: number) {
  const where: (SQL | undefined)[] = [eq(accessLog.familyId, familyId)];
  if (filters.consentId) where.push(eq(accessLog.consentId, filters.consentId));
  if (filters.from) where.push(gte(accessLog.at, startOfDay(filters.from)));
  if (filters.to) where.push(lt(accessLog.at, endOfDay(filters.to)));
  if (filters.before) {
    where.push(lte(accessLog.at, filters.before.at));
    where.push(or(lt(accessLog.at, filters.before.at), lt(accessLog.id, filters.before.id)));
  }
  const query = db
    .select({
      id: accessLog.id,
      seq: accessLog.seq,
      at: accessLog.at,
      section: accessLog.section,
      action: accessLog.action,
      channel: accessLog.channel,
      recordIds: accessLog.recordIds,
      consentId: accessLog.consentId,
      consentVersion: accessLog.consentVersion,
      ip: accessLog.ip,
      actorUserId: accessLog.actorUserId,
      actorName: users.name,
      actorOrganisation: users.organisation,
      consentName: consents.name,
      consentOrganisation: consents.organisation,
      consentRole: consents.role,
      consentPurpose: consents.purpose,
    })
    .from(accessLog)
    .innerJoin(users, eq(users.id, accessLog.actorUserId))
    .innerJoin(consents, eq(consents.id, accessLog.consentId))
    .where(and(...where))
    .orderBy(desc(accessLog.at), desc(accessLog.id));
  const rows = limit ? query.limit(limit).all() : query.all();
  return rows.map((row) => ({
    ...row,
    // The organisation as the family wrote it, else as the professional wrote it.
    organisation: row.consentOrganisation || row.actorOrganisation || "",
    recordIds: parseIds(row.recordIds),
  }));
}

export type LogEntry = ReturnType<typeof listLogEntries>[number];

function parseIds(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** The people a family can filter on: everyone they ever gave consent to. */
export function consentChoices(db: DB, familyId: string) {
  return db
    .select({ id: consents.id, name: consents.name, organisation: consents.organisation })
    .from(consents)
    .where(eq(consents.familyId, familyId))
    .orderBy(asc(consents.name), asc(consents.createdAt))
    .all();
}
