import { migrateDatabase, openDatabase } from "../db/client.server";
import { createSession, SESSION_COOKIE } from "../app/auth/session.server";
import { createApiToken } from "../consent/api-tokens";
import { SECTIONS } from "../consent/sections";
import type { SeedMeta } from "./seed";

// Signs the bench's people in on the copy of the seeded file it is about to serve:
// sessions made by the app's own createSession (random token, only its SHA-256
// stored) and API tokens made by the engine's createApiToken. They are made fresh
// for every run, so a cached seed never hands out a session that has run out.

export type PageVisit = { cookie: string; familyId: string };
export type ApiToken = { token: string; sections: number };

export type Fixtures = {
  familyVisits: PageVisit[];
  professionalVisits: PageVisit[];
  tokens: { api: ApiToken[]; mix: ApiToken[]; low: ApiToken[]; warm: ApiToken[] };
  busiest: PageVisit & { entries: number };
  median: PageVisit & { entries: number };
};

export const SIZES = { familySessions: 200, professionalSessions: 100, apiTokens: 1000, mixTokens: 500, lowTokens: 200, warmTokens: 200 };

export function prepareRun(file: string, meta: SeedMeta): Fixtures {
  const db = openDatabase(file);
  // A cached seed may predate the newest migrations.
  migrateDatabase(db);
  const sqlite = db.$client;
  const cookie = (userId: string) => `${SESSION_COOKIE}=${createSession(db, userId, { secondStep: true }).token}`;
  const fixtures = sqlite.transaction(() => {
    const admins = sqlite
      .prepare("select family_id as familyId, user_id as userId from members where role = 'admin' and user_id is not null and deleted_at is null order by rowid")
      .all() as { familyId: string; userId: string }[];
    const adminOf = new Map<string, string>();
    for (const row of admins) if (!adminOf.has(row.familyId)) adminOf.set(row.familyId, row.userId);
    const families = [...adminOf.keys()];
    const step = Math.max(1, Math.floor(families.length / SIZES.familySessions));
    const familyVisits: PageVisit[] = [];
    for (let i = 0; i < families.length && familyVisits.length < SIZES.familySessions; i += step) {
      familyVisits.push({ cookie: cookie(adminOf.get(families[i])!), familyId: families[i] });
    }

    const professionals = sqlite
      .prepare("select id from users where email like 'pro%@bench.groeiplan.test' order by rowid limit ?")
      .all(SIZES.professionalSessions) as { id: string }[];
    const consentsOf = sqlite.prepare("select id, family_id as familyId from consents where professional_user_id = ? and status = 'active'");
    const professionalVisits: PageVisit[] = [];
    for (const { id } of professionals) {
      const session = cookie(id);
      for (const consent of consentsOf.all(id) as { id: string; familyId: string }[]) professionalVisits.push({ cookie: session, familyId: consent.familyId });
    }

    // Tokens spread over all consents, so the API reads many families, not one.
    const consents = sqlite.prepare("select id, professional_user_id as userId, scopes from consents where status = 'active' order by rowid").all() as {
      id: string;
      userId: string;
      scopes: string;
    }[];
    let next = 0;
    const tokens = (count: number, label: string) =>
      Array.from({ length: count }, () => {
        const consent = consents[next++ % consents.length];
        const made = createApiToken(db, consent.id, consent.userId, label);
        if (!made) throw new Error(`consent ${consent.id} is not active`);
        const scopes = JSON.parse(consent.scopes) as Record<string, string>;
        return { token: made.token, sections: SECTIONS.filter((s) => scopes[s]).length };
      });
    const visit = (family: { id: string; entries: number }) => ({ cookie: cookie(adminOf.get(family.id)!), familyId: family.id, entries: family.entries });
    return {
      familyVisits,
      professionalVisits,
      tokens: {
        api: tokens(SIZES.apiTokens, "bench api"),
        mix: tokens(SIZES.mixTokens, "bench mix"),
        low: tokens(SIZES.lowTokens, "bench mix, 5 connections"),
        warm: tokens(SIZES.warmTokens, "bench warm-up"),
      },
      busiest: visit(meta.busiestFamily),
      median: visit(meta.medianFamily),
    };
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return fixtures;
}
