import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../db/client.server";
import { LIFE_AREAS } from "../db/values";
import { hashPassword } from "../app/auth/password.server";
import { generateToken, hashToken, newId } from "../consent/tokens";
import { chainHash, GENESIS_HASH, verifyFamilyChain } from "../consent/log";
import { SECTIONS, type Section } from "../consent/sections";

// The benchmark's data set: a large municipality after a year of use. It is written
// straight into a migrated database with prepared statements in big transactions,
// because going through the app's own functions one row at a time would take hours
// for a million log entries. The rows follow the real schema and the log rows are
// chained with the engine's own chainHash, so `npm run verify-log` checks them like
// any other log.
//
// The file is cached under bench/.data and reused while SEED_VERSION and the size
// stay the same, so only the first run pays for seeding. Migrations added later are
// applied to each run's copy; bump SEED_VERSION when the data itself should change.

export const SEED_VERSION = 1;
export const DATA_DIR = path.resolve("bench/.data");
export const BENCH_PASSWORD = "bench-wachtwoord-niet-gebruiken";

export type SeedSize = { families: number; professionals: number; familiesPerProfessional: number; logEntries: number };
export const FULL_SIZE: SeedSize = { families: 1000, professionals: 200, familiesPerProfessional: 25, logEntries: 1_000_000 };
// Ten times the data (npm run bench -- --large): as many looks a family, ten times the families.
export const LARGE_SIZE: SeedSize = { families: 10_000, professionals: 2000, familiesPerProfessional: 25, logEntries: 10_000_000 };

export type SeedMeta = {
  version: number;
  size: SeedSize;
  seededAt: number;
  seconds: number;
  counts: Record<string, number>;
  busiestFamily: { id: string; entries: number };
  medianFamily: { id: string; entries: number };
};

const DAY = 24 * 60 * 60 * 1000;
// Consents end this long after seeding; a cache older than MAX_AGE is seeded again
// so the bench never runs against consents that have quietly ended.
const CONSENT_DAYS_LEFT = 300;
const MAX_AGE = 120 * DAY;

/** A small seeded generator, so every seed has the same shape. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const chance = (p: number) => next() < p;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
  return { next, int, pick, chance, shuffle };
}

const SURNAMES = ["Bakker", "El Amrani", "de Vries", "Jansen", "Yilmaz", "Visser", "Smit", "Mulder", "Bos", "Öztürk", "de Groot", "Meijer", "Pinas", "Hendriks", "Dekker", "Kramer", "Boukhari", "van Dijk", "Wijngaarde", "Koster"];
const FIRST = ["Samira", "Dennis", "Lisa", "Sem", "Mila", "Fatima", "Kees", "Ria", "Mohamed", "Anouk", "Jayden", "Noor", "Daan", "Esra", "Ricardo", "Sanne", "Youssef", "Tess", "Bram", "Ayla", "Shirley", "Mehmet", "Fleur", "Rachid"];
const ADULT_RELATIONS = ["mama", "papa", "oma", "opa", "stiefvader", "tante"];
const CHILD_RELATIONS = ["zoon, 9 jaar", "dochter, 14 jaar", "baby, 8 maanden", "zoon, 17 jaar, woont de helft van de week bij zijn vader", "dochter, 19 jaar", "zoon, 5 jaar"];
const GOALS = [
  "Sem is elke dag op tijd op school",
  "Elke week samen de post openmaken",
  "Over twee jaar geen schulden meer",
  "Niet meteen boos reageren bij ruzie",
  "Water drinken in plaats van limonade",
  "Een bijbaan vinden",
  "Met de huisarts praten over slecht slapen",
  "Elke avond om negen uur de telefoon weg",
  "Een huis met een eigen kamer voor de kinderen",
  "Minder blowen, eerst in het weekend niet meer",
  "Elke dag een half uur naar buiten",
  "Zelf de rekeningen betalen, met hulp van het Geldloket",
  "Op zaterdag samen koken",
  "Naar de sportclub, twee keer per week",
  "Rustig blijven als de kinderen ruzie maken",
  "De afspraken met de reclassering nakomen",
  "Een vriendin om mee te praten",
  "Naar taalles, elke dinsdag",
];
const STEPS = [
  "Wekker om 7 uur zetten",
  "Tas de avond ervoor klaarzetten",
  "Afspraak met de juf over hoe het gaat",
  "Post in één bak op de kast",
  "Brieven die we niet snappen meenemen naar het Geldloket",
  "Even naar buiten lopen als ik boos word",
  "Samen praten als iedereen rustig is",
  "Cv maken met hulp van oma",
  "Huisarts bellen voor een afspraak",
  "Lijst maken van alle schulden",
  "Inschrijven bij de woningcorporatie",
  "Samen een weekmenu maken",
  "Bellen met de buurtsportcoach",
];
const WHEN = ["elke schooldag", "elke avond", "elke zondag", "voor de zomer", "deze maand", "als het gebeurt", "dezelfde dag", "elke eerste dinsdag", ""];
const SITUATIONS = [
  "papa heel boos wordt en gaat schreeuwen",
  "er geen geld meer is voor boodschappen",
  "mama weer somber wordt en niet uit bed komt",
  "Sem niet naar school wil",
  "de deurwaarder aan de deur komt",
  "iemand weer gaat drinken",
];
const NOTES = [
  "Vandaag gelukt: op tijd naar school.",
  "Post opengemaakt. Twee brieven van de energie. Meegenomen naar het Geldloket.",
  "Ruzie over de tv. Ik ben naar buiten gegaan en kwam rustig terug.",
  "Slecht geslapen, veel geschreeuwd. Niet goed gegaan.",
  "Sorry gezegd tegen de kinderen.",
  "Huisarts gebeld. Afspraak gemaakt.",
  "Geen limonade meer in huis. Sem moppert, maar drinkt water.",
  "Post samen opengemaakt met koffie. Ging goed.",
  "Twee keer gesolliciteerd.",
  "Mila is verkouden. Weinig geslapen.",
  "Ruzie, maar niemand schreeuwde. Trots!",
  "Goed gesprek met de juf gehad.",
  "Samen gekookt, iedereen at mee.",
  "Niet naar taalles geweest, de bus reed niet.",
];
const PRO_KINDS = [
  { role: "gezinscoach", organisation: "Wijkteam Noord" },
  { role: "juf", organisation: "Basisschool De Linde" },
  { role: "schuldhulp", organisation: "Geldloket" },
  { role: "wijkagent", organisation: "Politie Team Centrum" },
  { role: "jeugdarts", organisation: "GGD" },
  { role: "woonconsulent", organisation: "Woonstichting De Key" },
  { role: "behandelaar", organisation: "GGZ Rivierduinen" },
];
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
];
const API_USER_AGENT = "Zorgdossier-koppeling/2.3 (+https://wijkteam.example)";

export function seedPaths(size: SeedSize) {
  const key = `seed-v${SEED_VERSION}-${size.families}f-${size.logEntries}l`;
  return { file: path.join(DATA_DIR, `${key}.sqlite`), meta: path.join(DATA_DIR, `${key}.json`) };
}

/** The cached seed if it is still good, else a new one. */
export async function ensureSeed(size: SeedSize = FULL_SIZE, log: (line: string) => void = console.log): Promise<{ file: string; meta: SeedMeta; reused: boolean }> {
  const paths = seedPaths(size);
  if (fs.existsSync(paths.file) && fs.existsSync(paths.meta)) {
    const meta = JSON.parse(fs.readFileSync(paths.meta, "utf8")) as SeedMeta;
    if (meta.version === SEED_VERSION && Date.now() - meta.seededAt < MAX_AGE) return { file: paths.file, meta, reused: true };
  }
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(paths.file + suffix, { force: true });
  fs.rmSync(paths.meta, { force: true });
  const partial = `${paths.file}.partial`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });
  const meta = await seed(partial, size, log);
  fs.renameSync(partial, paths.file);
  fs.writeFileSync(paths.meta, JSON.stringify(meta, null, 2));
  return { file: paths.file, meta, reused: false };
}

type Family = {
  id: string;
  adminUserId: string;
  userIds: string[];
  goalAndStepIds: string[];
  whatIfIds: string[];
  noteIds: string[];
  networkIds: string[];
  consents: { id: string; professionalUserId: string; professionalIndex: number; sections: Section[] }[];
};

async function seed(file: string, size: SeedSize, log: (line: string) => void): Promise<SeedMeta> {
  const started = Date.now();
  const rnd = generator(20_240_501 + SEED_VERSION);
  const db = openDatabase(file);
  migrateDatabase(db);
  const sqlite = db.$client;
  // Nothing else uses this file while it is written, and a crash means seeding again.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");

  // argon2 is slow on purpose; one hash shared by every bench account is enough.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = Date.now();
  const yearAgo = now - 365 * DAY;
  const counts: Record<string, number> = {};
  const count = (table: string, n = 1) => (counts[table] = (counts[table] ?? 0) + n);

  const insert = {
    user: sqlite.prepare("insert into users (id, email, name, password_hash, organisation, created_at) values (?, ?, ?, ?, ?, ?)"),
    family: sqlite.prepare("insert into families (id, name, created_at, created_by) values (?, ?, ?, ?)"),
    member: sqlite.prepare("insert into members (id, family_id, name, relation, lives_at_home, user_id, role, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)"),
    network: sqlite.prepare("insert into network_people (id, family_id, name, kind, relation, organisation, phone, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)"),
    goal: sqlite.prepare("insert into goals (id, family_id, title, life_area, term, priority, status, reached_at, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    goalMember: sqlite.prepare("insert into goal_members (goal_id, member_id) values (?, ?)"),
    step: sqlite.prepare("insert into steps (id, family_id, goal_id, what, who_kind, who_member_id, who_network_id, \"when\", done_at, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    whatIf: sqlite.prepare("insert into what_ifs (id, family_id, situation, early_signs, actions, informs, phones, last_checked_on, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    note: sqlite.prepare("insert into progress_notes (id, family_id, text, goal_id, mood, author_user_id, created_at) values (?, ?, ?, ?, ?, ?, ?)"),
    change: sqlite.prepare("insert into changes (family_id, entity, entity_id, action, user_id, at, before, after) values (?, ?, ?, 'create', ?, ?, null, ?)"),
    consent: sqlite.prepare(
      "insert into consents (id, family_id, professional_user_id, name, organisation, role, purpose, email, scopes, ends_at, version, status, created_by, created_at, claimed_at) values (?, ?, ?, ?, ?, ?, ?, '', ?, ?, 1, 'active', ?, ?, ?)",
    ),
    consentVersion: sqlite.prepare("insert into consent_versions (consent_id, version, scopes, ends_at, changed_by, changed_at) values (?, 1, ?, ?, ?, ?)"),
    invitation: sqlite.prepare("insert into consent_invitations (id, consent_id, token_hash, expires_at, created_at, claimed_at, claimed_by) values (?, ?, ?, ?, ?, ?, ?)"),
    log: sqlite.prepare(
      "insert into access_log (family_id, seq, at, actor_user_id, consent_id, consent_version, section, record_ids, action, channel, ip, user_agent, prev_hash, hash) values (?, ?, ?, ?, ?, 1, ?, ?, 'read', ?, ?, ?, ?, ?)",
    ),
  };
  const change = (familyId: string, entity: string, entityId: string, userId: string, at: number, after: unknown) => {
    insert.change.run(familyId, entity, entityId, userId, at, JSON.stringify(after));
    count("changes");
  };
  const phone = () => `06 ${rnd.int(10_000_000, 99_999_999)}`;

  // --- families and their plans -------------------------------------------
  const families: Family[] = [];
  sqlite.transaction(() => {
    for (let f = 0; f < size.families; f++) {
      const familyId = newId();
      const createdAt = yearAgo - rnd.int(1, 60) * DAY;
      const surname = rnd.pick(SURNAMES);
      const memberCount = rnd.int(2, 6);
      const userIds: string[] = [];
      const memberIds: string[] = [];
      // The first member is the admin with an account; a second adult usually has
      // one too; the children mostly do not. Accounts first: the family row points
      // to the one who started it.
      const people = Array.from({ length: memberCount }, (_, m) => {
        const hasAccount = m === 0 || (m === 1 && rnd.chance(0.7)) || (m === 2 && rnd.chance(0.3));
        const name = rnd.pick(FIRST);
        let userId: string | null = null;
        if (hasAccount) {
          userId = newId();
          insert.user.run(userId, `gezin${f}-lid${m}@bench.groeiplan.test`, name, passwordHash, null, createdAt);
          count("users");
          userIds.push(userId);
        }
        return { name, userId, adult: m < 2, admin: m === 0 || (m === 1 && userId !== null) };
      });
      insert.family.run(familyId, `Gezin ${surname}`, createdAt, userIds[0]);
      count("families");
      change(familyId, "family", familyId, userIds[0], createdAt, { name: `Gezin ${surname}` });
      for (const person of people) {
        const memberId = newId();
        insert.member.run(memberId, familyId, person.name, person.adult ? rnd.pick(ADULT_RELATIONS) : rnd.pick(CHILD_RELATIONS), rnd.chance(0.85) ? "yes" : "sometimes", person.userId, person.admin ? "admin" : "member", createdAt);
        count("members");
        change(familyId, "member", memberId, userIds[0], createdAt, { id: memberId, name: person.name });
        memberIds.push(memberId);
      }
      const adminUserId = userIds[0];
      const author = () => rnd.pick(userIds);
      const at = () => createdAt + rnd.int(0, 360) * DAY + rnd.int(8, 21) * 3_600_000;

      const networkIds: string[] = [];
      for (let n = rnd.int(3, 8); n > 0; n--) {
        const id = newId();
        const professional = rnd.chance(0.5);
        const kind = rnd.pick(PRO_KINDS);
        insert.network.run(id, familyId, rnd.pick(FIRST), professional ? "professional" : "informal", professional ? kind.role : rnd.pick(["buurvrouw", "oma", "vriend", "oom"]), professional ? kind.organisation : "", phone(), createdAt);
        count("network_people");
        change(familyId, "network", id, adminUserId, createdAt, { id });
        networkIds.push(id);
      }

      const goalAndStepIds: string[] = [];
      const goalIds: string[] = [];
      const goalCount = rnd.int(3, 8);
      for (let g = 0; g < goalCount; g++) {
        const goalId = newId();
        const status = rnd.chance(0.7) ? "active" : rnd.pick(["reached", "reached", "paused", "stopped"]);
        const goalAt = at();
        insert.goal.run(goalId, familyId, rnd.pick(GOALS), rnd.pick(LIFE_AREAS), rnd.chance(0.8) ? "short" : "long", g + 1, status, status === "reached" ? goalAt + 30 * DAY : null, adminUserId, goalAt);
        count("goals");
        change(familyId, "goal", goalId, adminUserId, goalAt, { id: goalId });
        goalIds.push(goalId);
        goalAndStepIds.push(goalId);
        for (const memberId of rnd.shuffle([...memberIds]).slice(0, rnd.int(0, 2))) {
          insert.goalMember.run(goalId, memberId);
          count("goal_members");
        }
        for (let s = rnd.int(2, 5); s > 0; s--) {
          const stepId = newId();
          const who = rnd.pick(["together", "member", "network"] as const);
          insert.step.run(stepId, familyId, goalId, rnd.pick(STEPS), who, who === "member" ? rnd.pick(memberIds) : null, who === "network" ? rnd.pick(networkIds) : null, rnd.pick(WHEN), rnd.chance(0.4) ? goalAt + rnd.int(1, 60) * DAY : null, author(), goalAt);
          count("steps");
          change(familyId, "step", stepId, adminUserId, goalAt, { id: stepId });
          goalAndStepIds.push(stepId);
        }
      }

      const whatIfIds: string[] = [];
      for (let w = rnd.int(1, 3); w > 0; w--) {
        const id = newId();
        insert.whatIf.run(
          id,
          familyId,
          rnd.pick(SITUATIONS),
          "Hij praat harder en loopt heen en weer. Er is slecht geslapen.",
          "Eerst een rondje lopen. De kinderen gaan naar boven. Oma bellen.",
          "De volgende dag vertellen aan de gezinscoach.",
          `Oma ${phone()}\nGezinscoach 020 7654321`,
          new Date(now - rnd.int(5, 120) * DAY).toISOString().slice(0, 10),
          adminUserId,
          createdAt,
        );
        count("what_ifs");
        change(familyId, "whatif", id, adminUserId, createdAt, { id });
        whatIfIds.push(id);
      }

      const noteIds: string[] = [];
      for (let n = rnd.int(20, 60); n > 0; n--) {
        const id = newId();
        const noteAt = at();
        insert.note.run(id, familyId, rnd.pick(NOTES), rnd.chance(0.6) ? rnd.pick(goalIds) : null, rnd.chance(0.8) ? rnd.int(1, 5) : null, author(), noteAt);
        count("progress_notes");
        change(familyId, "progress", id, adminUserId, noteAt, { id });
        noteIds.push(id);
      }
      families.push({ id: familyId, adminUserId, userIds, goalAndStepIds, whatIfIds, noteIds, networkIds, consents: [] });
    }
  })();
  log(`  families: ${size.families} with plans (${Math.round((Date.now() - started) / 1000)} s)`);

  // --- professionals and their consents -----------------------------------
  // Professional p gets families order[p*k .. p*k+k-1] (wrapping), so each has k
  // different families and every family has professionals*k/families consents.
  const order = rnd.shuffle(families.map((_, i) => i));
  const professionals: { id: string; kind: (typeof PRO_KINDS)[number] }[] = [];
  sqlite.transaction(() => {
    for (let p = 0; p < size.professionals; p++) {
      const id = newId();
      const kind = PRO_KINDS[p % PRO_KINDS.length];
      const name = `${rnd.pick(FIRST)} ${rnd.pick(SURNAMES)}`;
      insert.user.run(id, `pro${p}@bench.groeiplan.test`, name, passwordHash, kind.organisation, yearAgo - 90 * DAY);
      count("users");
      professionals.push({ id, kind });
      for (let j = 0; j < size.familiesPerProfessional; j++) {
        const family = families[order[(p * size.familiesPerProfessional + j) % families.length]];
        // Every consent covers the goals, so the bench can read them; the other
        // parts vary the way families choose them.
        const scopes: Partial<Record<Section, "read" | "write">> = { goals: rnd.chance(0.4) ? "write" : "read" };
        if (rnd.chance(0.7)) scopes.progress = rnd.chance(0.5) ? "write" : "read";
        if (rnd.chance(0.5)) scopes.whatifs = "read";
        if (rnd.chance(0.5)) scopes.network = "read";
        const consentId = newId();
        const createdAt = yearAgo - rnd.int(2, 30) * DAY;
        const endsAt = now + CONSENT_DAYS_LEFT * DAY;
        insert.consent.run(consentId, family.id, id, name, kind.organisation, kind.role, `${kind.role} kijkt mee hoe het gaat`, JSON.stringify(scopes), endsAt, family.adminUserId, createdAt, createdAt + DAY);
        insert.consentVersion.run(consentId, JSON.stringify(scopes), endsAt, family.adminUserId, createdAt);
        insert.invitation.run(newId(), consentId, hashToken(generateToken()), createdAt + 14 * DAY, createdAt, createdAt + DAY, id);
        count("consents");
        family.consents.push({ id: consentId, professionalUserId: id, professionalIndex: p, sections: SECTIONS.filter((s) => scopes[s]) });
      }
    }
  })();
  log(`  professionals: ${size.professionals}, consents: ${counts.consents} (${Math.round((Date.now() - started) / 1000)} s)`);

  // --- the access log -----------------------------------------------------
  // Looks are not spread evenly: a few families with an intensive team (and a case
  // system that syncs through the API) have far more than the rest. Family rank r
  // gets weight 1/(r+10)^0.9, which gives the busiest family about 1.7 % of all
  // entries (about 17,000 of a million) and the median family about 500.
  const rankOf = rnd.shuffle(families.map((_, i) => i));
  const weights = new Float64Array(families.length);
  rankOf.forEach((familyIndex, rank) => (weights[familyIndex] = 1 / Math.pow(rank + 10, 0.9)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cumulative = new Float64Array(families.length);
  let running = 0;
  for (let i = 0; i < families.length; i++) {
    running += weights[i];
    cumulative[i] = running / total;
  }
  const pickFamily = () => {
    const x = rnd.next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const recordIdsOf = (family: Family, section: Section) =>
    JSON.stringify(
      section === "goals" ? family.goalAndStepIds : section === "whatifs" ? family.whatIfIds : section === "progress" ? family.noteIds : family.networkIds,
    );
  const seq = new Int32Array(families.length);
  const prev: string[] = families.map(() => GENESIS_HASH);
  const span = now - 3_600_000 - yearAgo;
  const batch = 25_000;
  for (let done = 0; done < size.logEntries; done += batch) {
    sqlite.transaction(() => {
      const end = Math.min(size.logEntries, done + batch);
      for (let i = done; i < end; i++) {
        // Entries are written in time order, as the app would, so ids follow time.
        const at = yearAgo + Math.floor((span * i) / size.logEntries) + rnd.int(0, 999);
        const f = pickFamily();
        const family = families[f];
        const consent = rnd.pick(family.consents);
        const section = rnd.pick(consent.sections);
        const api = rnd.chance(0.15);
        seq[f] += 1;
        const entry = {
          familyId: family.id,
          seq: seq[f],
          at,
          actorUserId: consent.professionalUserId,
          consentId: consent.id,
          consentVersion: 1,
          section,
          recordIds: recordIdsOf(family, section),
          action: "read" as const,
          channel: api ? ("api" as const) : ("web" as const),
          ip: `10.${20 + (consent.professionalIndex >> 8)}.${consent.professionalIndex & 255}.${api ? 200 : rnd.int(2, 60)}`,
          userAgent: api ? API_USER_AGENT : USER_AGENTS[consent.professionalIndex % USER_AGENTS.length],
        };
        const hash = chainHash(prev[f], entry);
        insert.log.run(entry.familyId, entry.seq, entry.at, entry.actorUserId, entry.consentId, entry.section, entry.recordIds, entry.channel, entry.ip, entry.userAgent, prev[f], hash);
        prev[f] = hash;
      }
    })();
    if ((done / batch) % 8 === 7) log(`  access log: ${Math.min(size.logEntries, done + batch).toLocaleString("en")} entries (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  count("access_log", size.logEntries);

  const byEntries = families.map((family, i) => ({ id: family.id, entries: seq[i] })).sort((a, b) => b.entries - a.entries);
  const busiestFamily = byEntries[0];
  const medianFamily = byEntries[Math.floor(byEntries.length / 2)];
  // A cheap guard against a seed that the engine would call broken.
  if (!verifyFamilyChain(db, medianFamily.id).ok) throw new Error("seeded chain does not verify");

  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`  seeded in ${seconds} s`);
  return { version: SEED_VERSION, size, seededAt: now, seconds, counts, busiestFamily, medianFamily };
}
