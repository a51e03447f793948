import type { Route } from "./+types/plan";
import { getDb, isStorageTrouble, writeTransaction } from "../../../db/client.server";
import { NoAccess, readThroughGate } from "../../../consent/gate";
import { grantedParts, type Section } from "../../../consent/sections";
import { hashToken } from "../../../consent/tokens";
import { API_IP_LIMIT, API_LIMIT, clientIp, takeAttempt } from "../../auth/rate-limit.server";
import { apiContext, type ApiContext } from "../../plan/context.server";
import { goalRecords, goalsPart, networkPart, progressPart, strengthsPart, whatIfsPart } from "../../plan/parts.server";
import { reportStorageTrouble } from "../../lib/storage.server";
import { lastDay } from "../../lib/dates";

// GET /api/v1/plan with "Authorization: Bearer <token>": the parts of one family's
// plan that the token's consent allows, as JSON. Every part read goes through the
// gate and leaves one entry (channel "api") in the family's log, exactly like a
// look on the web. A stopped token, a stopped or ended consent, or anything else
// that is not a valid token gets the same bare 401.
//
// The parts are the ones the care pages show (app/plan/parts.server.ts); this file
// only writes them in the API's own JSON, which case systems rely on: ISO times,
// and the names the API has always used.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

const unauthorized = () => json({ error: "unauthorized" }, 401, { "WWW-Authenticate": 'Bearer realm="groeiplan"' });
const tooMany = () => json({ error: "too_many_requests" }, 429, { "Retry-After": "60" });

/** Each part: its key in the answer, and how it is read and written out. */
const PARTS: Record<Section, { key: string; read: (api: ApiContext) => unknown }> = {
  goals: {
    key: "goals",
    read: (api) =>
      readThroughGate(
        api.db,
        api.access,
        "goals",
        (grants) =>
          goalsPart(api.db, api.familyId, grants).map(({ members, reachedAt, createdAt, steps, ...goal }) => ({
            ...goal,
            reachedAt: iso(reachedAt),
            createdAt: iso(createdAt),
            forMembers: members,
            steps: steps.map(({ whoKind, whoName, doneAt, createdAt: made, ...step }) => ({
              ...step,
              who: { kind: whoKind, name: whoName },
              doneAt: iso(doneAt),
              createdAt: iso(made),
            })),
          })),
        { recordIds: goalRecords },
      ),
  },
  strengths: {
    key: "strengths",
    read: (api) =>
      readThroughGate(api.db, api.access, "strengths", (grants) =>
        strengthsPart(api.db, api.familyId, grants).map(({ createdAt, author, ...strength }) => ({
          ...strength,
          createdAt: iso(createdAt),
          author: author ? { name: author.name, organisation: author.organisation } : null,
        })),
      ),
  },
  whatifs: {
    key: "whatIfs",
    read: (api) => readThroughGate(api.db, api.access, "whatifs", (grants) => whatIfsPart(api.db, api.familyId, grants).map((w) => ({ ...w, createdAt: iso(w.createdAt) }))),
  },
  progress: {
    key: "progress",
    read: (api) =>
      readThroughGate(api.db, api.access, "progress", (grants) =>
        progressPart(api.db, api.familyId, grants, 500).map((note) => ({
          id: note.id,
          text: note.text,
          mood: note.mood,
          createdAt: iso(note.createdAt),
          goal: note.goalId ? { id: note.goalId, title: note.goalTitle } : null,
          author: { name: note.authorName, organisation: note.authorOrganisation },
        })),
      ),
  },
  network: { key: "network", read: (api) => readThroughGate(api.db, api.access, "network", (grants) => networkPart(api.db, api.familyId, grants)) },
};

export function loader({ request }: Route.LoaderArgs) {
  if (!takeAttempt(`api:ip:${clientIp(request)}`, API_IP_LIMIT)) return tooMany();
  const match = /^Bearer ([A-Za-z0-9_]{1,100})$/.exec(request.headers.get("Authorization") ?? "");
  if (!match) return unauthorized();
  const token = match[1];
  // Counted per token before it is checked, so one token cannot be hammered either.
  if (!takeAttempt(`api:token:${hashToken(token)}`, API_LIMIT)) return tooMany();

  try {
    // One transaction for the whole answer: all parts and their log entries, or nothing.
    const body = writeTransaction(getDb(), () => {
      const api = apiContext(request, token);
      if (!api) throw new NoAccess();
      const granted = grantedParts(api.consent.scopes);
      const answer: Record<string, unknown> = {
        family: { name: api.consent.familyName },
        consent: {
          parts: Object.fromEntries(granted.map(({ section, level }) => [PARTS[section].key, level])),
          endsAt: iso(api.consent.endsAt),
          lastDay: lastDay(api.consent.endsAt),
        },
      };
      for (const { section } of granted) answer[PARTS[section].key] = PARTS[section].read(api);
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
