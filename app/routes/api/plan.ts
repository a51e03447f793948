import type { Route } from "./+types/plan";
import { getDb, isStorageTrouble, writeTransaction, type DB } from "../../../db/client.server";
import { reportStorageTrouble } from "../../lib/storage.server";
import { NoAccess, readThroughGate, type Grants, type ProfessionalAccess } from "../../../consent/gate";
import { listConsentsOfProfessional } from "../../../consent/grants";
import { resolveApiToken } from "../../../consent/api-tokens";
import { SECTIONS, type Section } from "../../../consent/sections";
import { API_IP_LIMIT, API_LIMIT, clientIp, takeAttempt } from "../../auth/rate-limit.server";
import { hashToken } from "../../../consent/tokens";
import { listGoals, listSteps, stepWho } from "../../plan/goals.server";
import { listWhatIfs, whatIfView } from "../../plan/whatifs.server";
import { listProgress } from "../../plan/progress.server";
import { listNetwork } from "../../plan/network.server";
import { lastDay } from "../../lib/dates";

// GET /api/v1/plan with "Authorization: Bearer <token>": the parts of one family's
// plan that the token's consent allows, as JSON. Every part read goes through the
// gate and leaves one entry (channel "api") in the family's log, exactly like a
// look on the web. A stopped token, a stopped or ended consent, or anything else
// that is not a valid token gets the same bare 401.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

const unauthorized = () => json({ error: "unauthorized" }, 401, { "WWW-Authenticate": 'Bearer realm="groeiplan"' });
const tooMany = () => json({ error: "too_many_requests" }, 429, { "Retry-After": "60" });

function goalsPart(db: DB, familyId: string, grants: Grants) {
  return listGoals(db, familyId).map((goal) => ({
    id: goal.id,
    title: goal.title,
    lifeArea: goal.lifeArea,
    term: goal.term,
    priority: goal.priority,
    status: goal.status,
    reachedAt: iso(goal.reachedAt),
    createdAt: iso(goal.createdAt),
    forMembers: goal.members.map((m) => ({ id: m.id, name: m.name })),
    steps: listSteps(db, familyId, goal.id).map((step) => ({
      id: step.id,
      what: step.what,
      when: step.when,
      who: stepWho(step, grants),
      doneAt: iso(step.doneAt),
      createdAt: iso(step.createdAt),
      author: step.authorOrganisation ? { name: step.authorName, organisation: step.authorOrganisation } : null,
    })),
  }));
}

function whatIfsPart(db: DB, familyId: string) {
  return listWhatIfs(db, familyId).map((w) => ({ ...whatIfView(w), createdAt: iso(w.createdAt) }));
}

function progressPart(db: DB, familyId: string, grants: Grants) {
  return listProgress(db, familyId, { limit: 500 }).map((note) => ({
    id: note.id,
    text: note.text,
    mood: note.mood,
    createdAt: iso(note.createdAt),
    // Which goal a note is about belongs to the goals part.
    goal: grants.sees("goals") && note.goalId ? { id: note.goalId, title: note.goalTitle } : null,
    author: { name: note.authorName, organisation: note.authorOrganisation },
  }));
}

function networkPart(db: DB, familyId: string) {
  return listNetwork(db, familyId);
}

const KEYS: Record<Section, "goals" | "whatIfs" | "progress" | "network"> = {
  goals: "goals",
  whatifs: "whatIfs",
  progress: "progress",
  network: "network",
};

export function loader({ request }: Route.LoaderArgs) {
  const ip = clientIp(request);
  if (!takeAttempt(`api:ip:${ip}`, API_IP_LIMIT)) return tooMany();
  const match = /^Bearer ([A-Za-z0-9_]{1,100})$/.exec(request.headers.get("Authorization") ?? "");
  if (!match) return unauthorized();
  const token = match[1];
  // Counted per token before it is checked, so one token cannot be hammered either.
  if (!takeAttempt(`api:token:${hashToken(token)}`, API_LIMIT)) return tooMany();

  const db = getDb();
  try {
    // One transaction for the whole answer: all parts and their log entries, or nothing.
    const body = writeTransaction(db, () => {
      const resolved = resolveApiToken(db, token);
      if (!resolved) throw new NoAccess();
      const consent = listConsentsOfProfessional(db, resolved.userId).find((c) => c.id === resolved.consentId);
      if (!consent || consent.effectiveStatus !== "active") throw new NoAccess();
      const access: ProfessionalAccess = {
        kind: "professional",
        userId: resolved.userId,
        familyId: resolved.familyId,
        channel: "api",
        ip,
        userAgent: request.headers.get("User-Agent") ?? "",
        consentId: resolved.consentId,
      };
      const granted = SECTIONS.filter((section) => consent.scopes[section]);
      const readers: Record<Section, (db: DB, familyId: string, grants: Grants) => unknown[]> = {
        goals: goalsPart,
        whatifs: whatIfsPart,
        progress: progressPart,
        network: networkPart,
      };
      const answer: Record<string, unknown> = {
        family: { name: consent.familyName },
        consent: {
          parts: Object.fromEntries(granted.map((section) => [KEYS[section], consent.scopes[section]])),
          endsAt: iso(consent.endsAt),
          lastDay: lastDay(consent.endsAt),
        },
      };
      for (const section of granted) {
        answer[KEYS[section]] = readThroughGate(db, access, section, (grants) => readers[section](db, resolved.familyId, grants), {
          recordIds: (rows) =>
            rows.flatMap((row) => {
              const item = row as { id: string; steps?: { id: string }[] };
              return [item.id, ...(item.steps ?? []).map((step) => step.id)];
            }),
        });
      }
      return answer;
    });
    return json(body);
  } catch (error) {
    if (error instanceof NoAccess) return unauthorized();
    // Every read must leave its log entry; when that cannot be stored, nothing is read.
    if (isStorageTrouble(error)) {
      reportStorageTrouble(error);
      return json({ error: "unavailable" }, 503, { "Retry-After": "60" });
    }
    throw error;
  }
}

/** Reading only: anything but GET (and HEAD) is refused. */
export function action(_args: Route.ActionArgs) {
  return json({ error: "method_not_allowed" }, 405, { Allow: "GET" });
}
