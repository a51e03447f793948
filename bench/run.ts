import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../db/schema";
import type { DB } from "../db/client.server";
import { appendLogEntry, chainHash, verifyFamilyChain } from "../consent/log";
import { writeTransaction } from "../db/client.server";
import { formatDateTime } from "../app/lib/dates";
import { freePort, removeDatabase, spawnServer } from "../tests/support/server";
import { CHROMIUM, launchBrowser } from "../tests/support/browser";
import { listLogEntries, PAGE_SIZE } from "../app/sharing/looks.server";
import { DATA_DIR, ensureSeed, FULL_SIZE, LARGE_SIZE, type SeedSize } from "./seed";
import { backupDatabase } from "../db/backup";
import { prepareRun, type Fixtures, type PageVisit } from "./prepare";
import type { Kind, LoadResult, Scenario, Template } from "./load";

// `npm run bench`: seeds (or reuses) a large data set, builds and starts the
// production server on a copy of it, drives load at it from a second process, and
// writes bench/results.json and bench/results.md. Options:
//   --small         a small data set, to try the bench itself in a minute
//   --large         the full run, then the same at ten times the data, side by side
//   --duration=10   seconds per scenario
//   --connections=50
//   --workers=2     server processes (default: one per core)

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"] as const;
  }),
);
const SMALL: SeedSize = { families: 60, professionals: 12, familiesPerProfessional: 25, logEntries: 20_000 };
const size = args.has("small") ? SMALL : FULL_SIZE;
const LARGE = args.has("large");
const DURATION = Number(args.get("duration") ?? 10);
const CONNECTIONS = Number(args.get("connections") ?? 50);
const ROOT = process.cwd();
const RUN_FILE = path.join(DATA_DIR, "run.sqlite");
const BUILD_DIR = path.join(DATA_DIR, "build");
// What a current browser sends; the server compresses pages as it would for one.
const BROWSER_HEADERS = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "nl-NL,nl;q=0.9" };
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) groeiplan-bench";

const TARGETS = { pageCeilingRatio: 0.5, apiCeilingRatio: 0.8, p99Ms: 100, looksMs: 50, planJsKb: 150, oldPhoneFcpMs: 1000 };
// An old phone on a poor connection, as Chromium's DevTools protocol throttles it.
const OLD_PHONE = { cpuSlowdown: 4, latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 };
const CAPACITY_CONNECTIONS = [100, 200, 400];
// One per core, as in production (server.js); --workers=1 shows what the second core adds.
const SERVER_WORKERS = Number(args.get("workers") ?? os.availableParallelism());
const CAPACITY_DURATION = Math.max(3, Math.round(DURATION / 2));

const log = (line: string) => console.log(line);
const ms = (value: number) => Math.round(value * 10) / 10;

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function runLoad(scenario: Scenario): Promise<LoadResult> {
  const file = path.join(DATA_DIR, `scenario-${scenario.name}.json`);
  fs.writeFileSync(file, JSON.stringify(scenario));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load.ts", file], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.on("exit", (code) => {
      fs.rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split("\n").at(-1)!) as LoadResult);
    });
  });
}

function shuffled<T>(list: T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function templates(base: string, fixtures: Fixtures) {
  const page = (pathname: string, visit: PageVisit, logEntries: number): Template => ({
    method: "GET",
    path: pathname,
    headers: { ...BROWSER_HEADERS, Cookie: visit.cookie },
    logEntries,
  });
  const api = (pool: Fixtures["tokens"]["api"]): Template[] =>
    pool.map(({ token, sections }) => ({
      method: "GET",
      path: "/api/v1/plan",
      headers: { Accept: "application/json", "Accept-Encoding": "gzip", Authorization: `Bearer ${token}` },
      // One entry for every part the token's consent covers.
      logEntries: sections,
    }));
  return {
    healthz: [{ method: "GET", path: "/healthz", headers: { "Accept-Encoding": "gzip" }, logEntries: 0 }] as Template[],
    // The smallest page React Router renders here: what this server can do at best.
    signIn: [{ method: "GET", path: "/login", headers: { ...BROWSER_HEADERS }, logEntries: 0 }] as Template[],
    familyPlan: fixtures.familyVisits.map((visit) => page(`/f/${visit.familyId}`, visit, 0)),
    professionalGoals: shuffled(fixtures.professionalVisits).map((visit) => page(`/care/${visit.familyId}/goals`, visit, 1)),
    api,
    familyWrite: fixtures.familyVisits.map(
      (visit, i): Template => ({
        method: "POST",
        path: `/f/${visit.familyId}/progress`,
        headers: { ...BROWSER_HEADERS, Cookie: visit.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "progress", text: `Vandaag gelukt: op tijd naar school (${i}).`, mood: String(1 + (i % 5)) }).toString(),
        logEntries: 0,
      }),
    ),
  };
}

type Measured = LoadResult & { label: string; connections: number; logCheck: LogCheck; unexpected: number; tooMany: number };
type LogCheck = { professionalReads: number; expectedEntries: number; newEntries: number; readsWithoutEntry: number };

/** Every professional read answered 200 must have left its own entries in the log. */
function checkLog(reader: Database.Database, before: number, result: LoadResult, userAgent: string): LogCheck {
  const rows = reader.prepare("select user_agent as ua, count(*) as n from access_log where id > ? group by user_agent").all(before) as { ua: string; n: number }[];
  const found = new Map(rows.map((row) => [row.ua, row.n]));
  let readsWithoutEntry = 0;
  let expectedEntries = 0;
  for (const [id, expected] of result.acknowledgedReads) {
    expectedEntries += expected;
    if ((found.get(`${userAgent}/${id}`) ?? 0) < expected) readsWithoutEntry += 1;
  }
  const newEntries = rows.reduce((sum, row) => sum + row.n, 0);
  return { professionalReads: result.acknowledgedReads.length, expectedEntries, newEntries, readsWithoutEntry };
}

const EXPECTED_STATUS: Record<string, number> = { healthz: 200, "sign-in page": 200, "family plan": 200, "professional goals": 200, "api plan": 200, "family write": 302 };

async function measure(reader: Database.Database, base: string, name: string, label: string, subnet: number, kinds: Kind[], duration = DURATION, connections = CONNECTIONS): Promise<Measured> {
  const before = (reader.prepare("select coalesce(max(id), 0) as id from access_log").get() as { id: number }).id;
  const userAgent = `${USER_AGENT}/${name}`;
  const result = await runLoad({ name, base, connections, duration, subnet, userAgent, kinds });
  const logCheck = checkLog(reader, before, result, userAgent);
  let unexpected = 0;
  let tooMany = 0;
  for (const [kind, stats] of Object.entries(result.kinds)) {
    for (const [status, count] of Object.entries(stats.statuses)) {
      if (Number(status) !== EXPECTED_STATUS[kind]) unexpected += count;
      if (status === "429") tooMany += count;
    }
  }
  return { ...result, label, connections, logCheck, unexpected, tooMany };
}

async function timePage(base: string, pathname: string, cookie: string, times: number) {
  const durations: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times + 3; i++) {
    const started = performance.now();
    const response = await fetch(base + pathname, { headers: { ...BROWSER_HEADERS, Cookie: cookie, "User-Agent": USER_AGENT } });
    const body = await response.text();
    const took = performance.now() - started;
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    bytes = body.length;
    // The first few warm the caches and the JIT.
    if (i >= 3) durations.push(took);
  }
  durations.sort((a, b) => a - b);
  return { median: ms(durations[Math.floor(durations.length / 2)]), p95: ms(durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.95) - 1)]), htmlBytes: bytes, samples: durations.length };
}

function medianOf(runs: number, work: () => void) {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return ms(durations[Math.floor(runs / 2)]);
}

type LogRow = Record<string, never>;
const entryOf = (row: LogRow) => ({
  familyId: row.family_id,
  seq: row.seq,
  at: row.at,
  actorUserId: row.actor_user_id,
  consentId: row.consent_id,
  consentVersion: row.consent_version,
  section: row.section,
  recordIds: row.record_ids,
  action: row.action,
  channel: row.channel,
  ip: row.ip,
  userAgent: row.user_agent,
});

/**
 * Where the time of "Wie keek mee?" goes, measured in this process on the same
 * file, together with the cost of the alternatives proposed in the README.
 */
function looksBreakdown(reader: Database.Database, familyId: string) {
  const db = drizzle(reader, { schema }) as unknown as DB;
  const filters = { consentId: null, from: null, to: null, before: null };
  const newest = reader.prepare("select * from access_log where family_id = ? order by seq desc limit ?");
  const times = (newest.all(familyId, PAGE_SIZE) as LogRow[]).map((row) => row.at as number);
  return {
    listNewestPage: medianOf(5, () => listLogEntries(db, familyId, filters, PAGE_SIZE + 1)),
    verifyWholeChain: medianOf(3, () => verifyFamilyChain(db, familyId)),
    // Only the entries the page shows: each links to the one before and hashes right.
    verifyNewestPage: medianOf(5, () => {
      const rows = (newest.all(familyId, PAGE_SIZE + 1) as LogRow[]).reverse();
      for (let i = 1; i < rows.length; i++) {
        if (rows[i].prev_hash !== rows[i - 1].hash || chainHash(rows[i - 1].hash, entryOf(rows[i])) !== rows[i].hash) throw new Error("chain does not verify");
      }
    }),
    formatDates: medianOf(5, () => times.forEach((at) => formatDateTime(at, "nl"))),
  };
}

/**
 * What it costs that a commit waits for the disk (ADR 007): the same writes, one
 * transaction each as a professional's look writes its log entry, with
 * synchronous=NORMAL (safe against a crash of the process only) and FULL (safe
 * against a power cut too), on the run's file once the server has stopped.
 */
function durabilityCost(file: string) {
  type Cost = { commits: number; msPerCommit: number };
  const perMode = {} as { NORMAL: Cost; FULL: Cost };
  for (const mode of ["NORMAL", "FULL"] as const) {
    const sqlite = new Database(file);
    const consent = sqlite.prepare("select id, family_id as familyId, professional_user_id as userId from consents where status = 'active' limit 1").get() as {
      id: string;
      familyId: string;
      userId: string;
    };
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma(`synchronous = ${mode}`);
    const db = drizzle(sqlite, { schema }) as unknown as DB;
    const commits = 300;
    const started = performance.now();
    for (let i = 0; i < commits; i++) {
      writeTransaction(db, () =>
        appendLogEntry(db, {
          familyId: consent.familyId,
          at: Date.now(),
          actorUserId: consent.userId,
          consentId: consent.id,
          consentVersion: 1,
          section: "goals",
          recordIds: [],
          action: "read",
          channel: "web",
          ip: "127.0.0.1",
          userAgent: `durability-${mode}`,
        }),
      );
    }
    perMode[mode] = { commits, msPerCommit: Math.round(((performance.now() - started) / commits) * 1000) / 1000 };
    sqlite.close();
  }
  return { ...perMode, fullOverNormal: Math.round((perMode.FULL.msPerCommit / perMode.NORMAL.msPerCommit) * 100) / 100 };
}

/** The JavaScript a browser loads for the plan page: every /assets/*.js the HTML names, gzipped. */
async function planPageJs(base: string, visit: PageVisit) {
  const html = await (await fetch(`${base}/f/${visit.familyId}`, { headers: { Cookie: visit.cookie } })).text();
  const named = [...new Set([...html.matchAll(/\/assets\/[A-Za-z0-9._-]+\.js/g)].map((match) => match[0]))];
  // The page's texts come in a chunk of their own that entry.client loads before
  // hydrating; it is not named in the HTML but is shipped all the same. A family
  // page needs the family side's chunk (nl-…), not the professionals' (nl-care-…).
  const lang = html.match(/<html lang="([a-z]+)"/)?.[1] ?? "nl";
  const texts = fs.readdirSync(path.join(BUILD_DIR, "client/assets")).filter((file) => new RegExp(`^${lang}-(?!care-)[A-Za-z0-9_-]+\\.js$`).test(file));
  const files = [...named, ...texts.map((file) => `/assets/${file}`)];
  let raw = 0;
  let gzipped = 0;
  const perFile: Record<string, number> = {};
  for (const file of files) {
    const content = fs.readFileSync(path.join(BUILD_DIR, "client", file));
    const size = zlib.gzipSync(content).length;
    raw += content.length;
    gzipped += size;
    perFile[file] = size;
  }
  return { files: files.length, rawBytes: raw, gzipBytes: gzipped, gzipKb: Math.round(gzipped / 100) / 10, perFile };
}

/**
 * The plan page's first contentful paint on an old phone: a fresh browser context
 * each time (nothing cached, as on a first visit), CPU 4× slower, 150 ms latency,
 * 1.6 Mbps down. Median of five. Null when there is no Chromium.
 */
async function oldPhoneFcp(base: string, visit: PageVisit) {
  if (!fs.existsSync(CHROMIUM)) return null;
  const browser = await launchBrowser();
  const runs: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nl-NL" });
      const split = visit.cookie.indexOf("=");
      await context.addCookies([{ name: visit.cookie.slice(0, split), value: visit.cookie.slice(split + 1), url: base }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: OLD_PHONE.latencyMs,
        downloadThroughput: (OLD_PHONE.downloadKbps * 1000) / 8,
        uploadThroughput: (OLD_PHONE.uploadKbps * 1000) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: OLD_PHONE.cpuSlowdown });
      const response = await page.goto(`${base}/f/${visit.familyId}`, { waitUntil: "load" });
      if (response?.status() !== 200) throw new Error(`the plan page answered ${response?.status()} in Chromium`);
      const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
      if (fcp < 0) throw new Error("Chromium reported no first contentful paint");
      runs.push(ms(fcp));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runs, settings: OLD_PHONE };
}

function git(...command: string[]) {
  try {
    return execFileSync("git", command, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

/** Backup time and what the data costs on disk: the whole file, and the log's part of it. */
async function storage(reader: Database.Database, file: string, families: number, logEntries: number) {
  const copy = path.join(DATA_DIR, "backup-check.sqlite");
  removeDatabase(copy);
  const backup = await backupDatabase(file, copy);
  removeDatabase(copy);
  const logBytes = (reader.prepare("select sum(pgsize) as bytes from dbstat where name like 'access_log%'").get() as { bytes: number }).bytes;
  const fileBytes = fs.statSync(file).size;
  return {
    backupSeconds: Math.round(backup.seconds * 10) / 10,
    fileMb: Math.round(fileBytes / 1e5) / 10,
    kbPerFamily: Math.round(fileBytes / families / 100) / 10,
    // The seed's log spans one year.
    logKbPerFamilyYear: Math.round(logBytes / families / 100) / 10,
    bytesPerLogEntry: Math.round(logBytes / logEntries),
  };
}

async function main() {
  if (!LARGE) {
    await runBench(size, true);
    return;
  }
  const one = await runBench(FULL_SIZE, true);
  const ten = await runBench(LARGE_SIZE, false);
  const markdown = renderGrowth(one, ten);
  fs.writeFileSync(path.join(ROOT, "bench/results-large.md"), markdown);
  log("");
  log(markdown);
}

async function runBench(size: SeedSize, write: boolean): Promise<Results> {
  const started = Date.now();
  // Other work on the machine skews the numbers; the results say how busy it was.
  const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  fs.mkdirSync(DATA_DIR, { recursive: true });

  log(`1. Data set (${size.families} families, ${size.logEntries.toLocaleString("en")} log entries)`);
  const seed = await ensureSeed(size, log);
  log(seed.reused ? `  reusing ${path.relative(ROOT, seed.file)} (seeded ${new Date(seed.meta.seededAt).toISOString()})` : `  seeded ${path.relative(ROOT, seed.file)}`);

  log("2. Fresh copy, sessions and API tokens");
  removeDatabase(RUN_FILE);
  // A fresh copy starts a fresh witness (ADR 009): the last run's heads are not this log's.
  fs.rmSync(path.join(DATA_DIR, "witness"), { recursive: true, force: true });
  fs.copyFileSync(seed.file, RUN_FILE);
  const fixtures = prepareRun(RUN_FILE, seed.meta);
  log(`  ${fixtures.familyVisits.length} family sessions, ${fixtures.professionalVisits.length} professional page/consent pairs, ${Object.values(fixtures.tokens).reduce((n, pool) => n + pool.length, 0)} API tokens`);

  log("3. Build");
  // A build folder of its own: a test run building at the same time cannot swap it.
  process.env.GROEIPLAN_BUILD_DIR = BUILD_DIR;
  execFileSync(path.join(ROOT, "node_modules/.bin/react-router"), ["build"], { cwd: ROOT, stdio: "pipe" });

  log("4. Server");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await spawnServer(port, { DATABASE_PATH: RUN_FILE, WORKERS: String(SERVER_WORKERS) });
  const stopOnExit = () => server.kill("SIGKILL");
  process.on("exit", stopOnExit);
  const reader = new Database(RUN_FILE, { readonly: true, fileMustExist: true });

  const t = templates(base, fixtures);
  const mix = (tokens: Fixtures["tokens"]["api"]): Kind[] => [
    { name: "family plan", weight: 45, templates: t.familyPlan },
    { name: "professional goals", weight: 35, templates: t.professionalGoals },
    { name: "api plan", weight: 10, templates: t.api(tokens) },
    { name: "family write", weight: 10, templates: t.familyWrite },
  ];

  log("5. Load (warm-up 3 s, then each scenario)");
  await measure(reader, base, "warm-up", "warm-up", 99, mix(fixtures.tokens.warm), 3, 20);
  const scenarios: Measured[] = [];
  const plan: [string, string, number, Kind[], number][] = [
    ["healthz", "`/healthz` (no page: the server's plumbing)", 1, [{ name: "healthz", weight: 1, templates: t.healthz }], CONNECTIONS],
    ["ceiling", "Sign-in page, signed out (the ceiling)", 7, [{ name: "sign-in page", weight: 1, templates: t.signIn }], CONNECTIONS],
    ["family-plan", "Family plan page `/f/:id`", 2, [{ name: "family plan", weight: 1, templates: t.familyPlan }], CONNECTIONS],
    ["professional-goals", "Professional goals page `/care/:id/goals`", 3, [{ name: "professional goals", weight: 1, templates: t.professionalGoals }], CONNECTIONS],
    ["api-plan", "`GET /api/v1/plan` (Bearer token)", 4, [{ name: "api plan", weight: 1, templates: t.api(fixtures.tokens.api) }], CONNECTIONS],
    ["mix", "Mix: 45 % family plan, 35 % professional goals, 10 % API, 10 % writes", 5, mix(fixtures.tokens.mix), CONNECTIONS],
    // Not a target: the same mix with fewer people waiting at once, to show how much
    // of the latency above is queueing behind a busy server.
    ["mix-5", "The same mix at 5 connections (for comparison)", 6, mix(fixtures.tokens.low), 5],
  ];
  for (const [name, label, subnet, kinds, connections] of plan) {
    const result = await measure(reader, base, name, label, subnet, kinds, DURATION, connections);
    scenarios.push(result);
    log(`  ${name}: ${result.requestsPerSecond} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, p99.9 ${result.latency.p999} ms, max ${result.latency.max} ms, statuses ${JSON.stringify(result.statuses)}`);
  }
  // Past capacity (ADR 023): more people at once than the server has slots for. The
  // ones who get in should wait about as long as at 50; the others get a quick 503.
  const pastCapacity: (Measured & { servedPerSecond: number; otherUnexpected: number })[] = [];
  for (const [i, connections] of CAPACITY_CONNECTIONS.entries()) {
    const result = await measure(reader, base, `capacity-${connections}`, `Family plan page at ${connections} connections`, 8 + i, [{ name: "family plan", weight: 1, templates: t.familyPlan }], CAPACITY_DURATION, connections);
    const servedPerSecond = Math.round((result.served.requests / result.duration) * 10) / 10;
    pastCapacity.push({ ...result, servedPerSecond, otherUnexpected: result.unexpected - result.busy.requests });
    log(`  capacity-${connections}: ${servedPerSecond} served/s (p99 ${result.served.p99} ms, max ${result.served.max} ms), ${result.busy.requests} busy (p99 ${result.busy.p99} ms), statuses ${JSON.stringify(result.statuses)}`);
  }

  log("6. One visitor at a time: plan pages and 'Wie keek mee?'; plan page JavaScript");
  // One request at a time: what a single visitor waits when the server is idle.
  const idle = {
    familyPlan: await timePage(base, `/f/${fixtures.familyVisits[0].familyId}`, fixtures.familyVisits[0].cookie, 20),
    professionalGoals: await timePage(base, `/care/${fixtures.professionalVisits[0].familyId}/goals`, fixtures.professionalVisits[0].cookie, 20),
  };
  const looksBusiest = await timePage(base, `/f/${fixtures.busiest.familyId}/looks`, fixtures.busiest.cookie, 20);
  const looksMedian = await timePage(base, `/f/${fixtures.median.familyId}/looks`, fixtures.median.cookie, 20);
  const chainLength = (familyId: string) => (reader.prepare("select max(seq) as n from access_log where family_id = ?").get(familyId) as { n: number }).n;
  const busiestEntries = chainLength(fixtures.busiest.familyId);
  const medianEntries = chainLength(fixtures.median.familyId);
  const breakdown = looksBreakdown(reader, fixtures.busiest.familyId);
  const js = await planPageJs(base, fixtures.familyVisits[0]);
  const oldPhone = await oldPhoneFcp(base, fixtures.familyVisits[0]);
  log(oldPhone ? `  old phone: first contentful paint ${oldPhone.medianMs} ms (${oldPhone.runs.join(", ")})` : "  old phone: no Chromium, not measured");
  const totalEntries = (reader.prepare("select count(*) as n from access_log").get() as { n: number }).n;
  reader.close();
  await stopServer(server);
  process.off("exit", stopOnExit);

  log("7. npm run verify-log");
  const verifyStarted = performance.now();
  const verify = spawnSync("npm", ["run", "--silent", "verify-log"], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: RUN_FILE }, encoding: "utf8" });
  const verifySeconds = Math.round((performance.now() - verifyStarted) / 100) / 10;
  const verifyLines = verify.stdout.trim().split("\n");
  log(`  ${verifyLines.join(" ")} (${verifySeconds} s, exit ${verify.status})`);

  log("8. What waiting for the disk costs a commit (synchronous NORMAL vs FULL)");
  const durability = durabilityCost(RUN_FILE);
  log(`  NORMAL ${durability.NORMAL.msPerCommit} ms, FULL ${durability.FULL.msPerCommit} ms per commit (× ${durability.fullOverNormal})`);

  log("9. Backup and size on disk");
  const storageReader = new Database(RUN_FILE, { readonly: true, fileMustExist: true });
  const disk = await storage(storageReader, RUN_FILE, size.families, size.logEntries);
  storageReader.close();
  log(`  backup ${disk.backupSeconds} s, ${disk.fileMb} MB (${disk.kbPerFamily} kB a family; the log ${disk.logKbPerFamilyYear} kB a family a year, ${disk.bytesPerLogEntry} bytes an entry)`);

  const byName = Object.fromEntries(scenarios.map((s) => [s.name, s]));
  const ceiling = byName.ceiling.requestsPerSecond;
  const ofCeiling = (name: string) => Math.round((byName[name].requestsPerSecond / ceiling) * 1000) / 1000;
  const readsWithoutEntry = scenarios.reduce((sum, s) => sum + s.logCheck.readsWithoutEntry, 0);
  const professionalReads = scenarios.reduce((sum, s) => sum + s.logCheck.professionalReads, 0);
  // The latency target is for the main measurements at the full connection count.
  const atFullLoad = scenarios.filter((s) => s.connections === CONNECTIONS);
  const targets = {
    familyPlanOfCeiling: { target: `≥ ${TARGETS.pageCeilingRatio}`, measured: ofCeiling("family-plan"), met: ofCeiling("family-plan") >= TARGETS.pageCeilingRatio },
    professionalGoalsOfCeiling: { target: `≥ ${TARGETS.pageCeilingRatio}`, measured: ofCeiling("professional-goals"), met: ofCeiling("professional-goals") >= TARGETS.pageCeilingRatio },
    apiOfCeiling: { target: `≥ ${TARGETS.apiCeilingRatio}`, measured: ofCeiling("api-plan"), met: ofCeiling("api-plan") >= TARGETS.apiCeilingRatio },
    p99: {
      target: `< ${TARGETS.p99Ms} ms`,
      measured: Object.fromEntries(atFullLoad.map((s) => [s.name, s.latency.p99])),
      met: atFullLoad.every((s) => s.latency.p99 < TARGETS.p99Ms),
    },
    looks: { target: `< ${TARGETS.looksMs} ms`, measured: looksBusiest.median, met: looksBusiest.median < TARGETS.looksMs },
    planJs: { target: `< ${TARGETS.planJsKb} kB gzipped`, measured: js.gzipKb, met: js.gzipKb < TARGETS.planJsKb },
    oldPhoneFcp: { target: `< ${TARGETS.oldPhoneFcpMs} ms`, measured: oldPhone?.medianMs ?? null, met: oldPhone !== null && oldPhone.medianMs < TARGETS.oldPhoneFcpMs },
    readsWithoutLogEntry: { target: "0", measured: readsWithoutEntry, met: readsWithoutEntry === 0 && professionalReads > 0 },
  };

  const results = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "", memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}`, loadAverageAtStart },
    commit: git("rev-parse", "--short", "HEAD"),
    uncommittedFilesInTree: git("status", "--porcelain").split("\n").filter(Boolean).length,
    dataSet: { ...seed.meta, reused: seed.reused, logEntriesAtEnd: totalEntries },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, workers: SERVER_WORKERS, rateLimits: "real limits; each connection from its own loopback address, requests rotate over many sessions and tokens" },
    scenarios: scenarios.map(({ acknowledgedReads: _omit, ...rest }) => ({ ...rest, ratioToCeiling: Math.round((rest.requestsPerSecond / ceiling) * 1000) / 1000 })),
    pastCapacity: pastCapacity.map(({ acknowledgedReads: _omit, ...rest }) => rest),
    looks: {
      busiest: { familyEntries: busiestEntries, ...looksBusiest },
      medianFamily: { familyEntries: medianEntries, ...looksMedian },
      inProcessBreakdownForBusiest: breakdown,
    },
    idleLatency: idle,
    verifyLog: { seconds: verifySeconds, exitCode: verify.status, output: verifyLines },
    durability,
    planPageJs: js,
    oldPhone,
    storage: disk,
    targets,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  removeDatabase(RUN_FILE);
  if (!write) return results;
  fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
  const markdown = renderMarkdown(results);
  fs.writeFileSync(path.join(ROOT, "bench/results.md"), markdown);
  log("");
  log(markdown);
  return results;
}

type Results = {
  date: string;
  command: string;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string };
  dataSet: { size: SeedSize; counts: Record<string, number>; busiestFamily: { entries: number } };
  scenarios: (Omit<Measured, "acknowledgedReads"> & { ratioToCeiling: number })[];
  pastCapacity: (Omit<Measured, "acknowledgedReads"> & { servedPerSecond: number; otherUnexpected: number })[];
  looks: {
    busiest: { familyEntries: number; median: number; p95: number };
    medianFamily: { familyEntries: number; median: number; p95: number };
    inProcessBreakdownForBusiest: ReturnType<typeof looksBreakdown>;
  };
  idleLatency: { familyPlan: { median: number; p95: number }; professionalGoals: { median: number; p95: number } };
  verifyLog: { seconds: number; exitCode: number | null; output: string[] };
  durability: ReturnType<typeof durabilityCost>;
  planPageJs: { files: number; gzipKb: number; rawBytes: number };
  oldPhone: { medianMs: number; runs: number[]; settings: typeof OLD_PHONE } | null;
  storage: Awaited<ReturnType<typeof storage>>;
  commit: string;
  targets: Record<string, { target: string; measured: unknown; met: boolean }>;
  settings: { connections: number; durationSeconds: number; workers: number };
};

/** 1× and 10× side by side (issue 15): what grows with the data, and what must not. */
function renderGrowth(one: Results, ten: Results): string {
  const scenario = (r: Results, name: string) => r.scenarios.find((s) => s.name === name)!;
  const ratio = (a: number, b: number) => (a > 0 ? (b / a).toFixed(2) : "–");
  const rows: [string, number, number][] = [
    ["Family plan page, req/s at 50 connections", scenario(one, "family-plan").requestsPerSecond, scenario(ten, "family-plan").requestsPerSecond],
    ["Family plan page, p99 ms", scenario(one, "family-plan").latency.p99, scenario(ten, "family-plan").latency.p99],
    ["Professional goals page, req/s", scenario(one, "professional-goals").requestsPerSecond, scenario(ten, "professional-goals").requestsPerSecond],
    ["Professional goals page, p99 ms", scenario(one, "professional-goals").latency.p99, scenario(ten, "professional-goals").latency.p99],
    ["API, req/s", scenario(one, "api-plan").requestsPerSecond, scenario(ten, "api-plan").requestsPerSecond],
    ["Family plan page, one request at a time, median ms", one.idleLatency.familyPlan.median, ten.idleLatency.familyPlan.median],
    [`"Wie keek mee?" of the busiest family, median ms`, one.looks.busiest.median, ten.looks.busiest.median],
    [`"Wie keek mee?" of a median family, median ms`, one.looks.medianFamily.median, ten.looks.medianFamily.median],
    ["verify-log, s", one.verifyLog.seconds, ten.verifyLog.seconds],
    ["Backup, s", one.storage.backupSeconds, ten.storage.backupSeconds],
    ["Database file, MB", one.storage.fileMb, ten.storage.fileMb],
    ["Database per family, kB", one.storage.kbPerFamily, ten.storage.kbPerFamily],
    ["Access log per family per year, kB", one.storage.logKbPerFamilyYear, ten.storage.logKbPerFamilyYear],
  ];
  const lines = [
    `Measured ${one.date.slice(0, 10)} with \`npm run bench -- --large\` at commit ${one.commit}: ${one.dataSet.size.families.toLocaleString("en")} families and ${one.dataSet.size.logEntries.toLocaleString("en")} log entries (1×), then ${ten.dataSet.size.families.toLocaleString("en")} and ${ten.dataSet.size.logEntries.toLocaleString("en")} (10×), on ${one.machine.cpus} cores.`,
    "",
    "| Measure | 1× | 10× | 10× ÷ 1× |",
    "|---|---:|---:|---:|",
    ...rows.map(([label, a, b]) => `| ${label} | ${a} | ${b} | ${ratio(a, b)} |`),
    "",
    `"Wie keek mee?" must stay flat (within 20 %): the busiest family's page went from ${one.looks.busiest.median} to ${ten.looks.busiest.median} ms (${one.looks.busiest.familyEntries.toLocaleString("en")} and ${ten.looks.busiest.familyEntries.toLocaleString("en")} entries). verify-log should grow linearly: ten times the entries took ${ratio(one.verifyLog.seconds, ten.verifyLog.seconds)} times as long.`,
    "",
  ];
  return lines.join("\n");
}

function renderMarkdown(r: Results): string {
  const lines: string[] = [];
  const yes = (met: boolean) => (met ? "met" : "**missed**");
  lines.push(`Measured ${r.date.slice(0, 10)} with \`${r.command}\` on ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memoryGb} GB, Node ${r.machine.node}.`);
  lines.push(
    `Data: ${r.dataSet.size.families.toLocaleString("en")} families, ${r.dataSet.size.professionals} professionals with ${r.dataSet.counts.consents?.toLocaleString("en")} active consents, ` +
      `${r.dataSet.counts.progress_notes?.toLocaleString("en")} progress notes, ${r.dataSet.size.logEntries.toLocaleString("en")} log entries. ` +
      `${r.settings.connections} connections, ${r.settings.durationSeconds} s per scenario, the server in ${r.settings.workers} worker processes, server and load generator on the same machine.`,
  );
  lines.push("");
  lines.push("| Scenario | conn. | req/s | × ceiling | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx | of which unexpected | 429 |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const s of r.scenarios) {
    lines.push(`| ${s.label} | ${s.connections} | ${Math.round(s.requestsPerSecond)} | ${s.ratioToCeiling.toFixed(3)} | ${s.latency.p50} | ${s.latency.p99} | ${s.latency.p999} | ${s.latency.max} | ${s.non2xx} | ${s.unexpected} | ${s.tooMany} |`);
  }
  lines.push("");
  lines.push("Non-2xx in the mix are the 302s that answer a saved progress note; \"unexpected\" counts anything other than 200 for a read and 302 for a write.");
  lines.push("");
  lines.push(`Past capacity (ADR 023: a worker whose line is longer than ${"`MAX_WAIT_MS`"}, or that answers ${"`MAX_IN_FLIGHT`"} requests at once, gives the next one a quick 503), the family plan page for ${r.pastCapacity[0]?.duration ?? 0} s each:`);
  lines.push("");
  lines.push("| conn. | answered/s | answered p99 ms | p99.9 ms | max ms | quick 503s | 503 p99 ms | other unexpected |");
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const c of r.pastCapacity) {
    lines.push(`| ${c.connections} | ${Math.round(c.servedPerSecond)} | ${c.served.p99} | ${c.served.p999} | ${c.served.max} | ${c.busy.requests} (${Math.round((c.busy.requests / Math.max(1, c.requests)) * 100)} %) | ${c.busy.p99} | ${c.otherUnexpected} |`);
  }
  lines.push("");
  const checks = r.scenarios.filter((s) => s.logCheck.professionalReads > 0);
  lines.push(
    `Log check: ${checks.reduce((n, s) => n + s.logCheck.professionalReads, 0).toLocaleString("en")} professional reads answered 200, ` +
      `${checks.reduce((n, s) => n + s.logCheck.readsWithoutEntry, 0)} of them without their own log entry ` +
      `(${checks.map((s) => `${s.name}: ${s.logCheck.expectedEntries.toLocaleString("en")} entries expected, ${s.logCheck.newEntries.toLocaleString("en")} written`).join("; ")}).`,
  );
  lines.push("");
  lines.push("| Measure | Result | Target | |");
  lines.push("|---|---:|---|---|");
  const t = r.targets;
  lines.push(`| Family plan page ÷ ceiling | ${t.familyPlanOfCeiling.measured} | ${t.familyPlanOfCeiling.target} | ${yes(t.familyPlanOfCeiling.met)} |`);
  lines.push(`| Professional goals page ÷ ceiling | ${t.professionalGoalsOfCeiling.measured} | ${t.professionalGoalsOfCeiling.target} | ${yes(t.professionalGoalsOfCeiling.met)} |`);
  lines.push(`| API ÷ ceiling | ${t.apiOfCeiling.measured} | ${t.apiOfCeiling.target} | ${yes(t.apiOfCeiling.met)} |`);
  lines.push(`| Worst p99 at ${r.settings.connections} connections | ${Math.max(...Object.values(t.p99.measured as Record<string, number>))} ms | ${t.p99.target} | ${yes(t.p99.met)} |`);
  lines.push(`| "Wie keek mee?" of the busiest family (${r.looks.busiest.familyEntries.toLocaleString("en")} entries), median of 20 (p95) | ${r.looks.busiest.median} ms (${r.looks.busiest.p95}) | ${t.looks.target} | ${yes(t.looks.met)} |`);
  lines.push(`| "Wie keek mee?" of a median family (${r.looks.medianFamily.familyEntries.toLocaleString("en")} entries) | ${r.looks.medianFamily.median} ms (${r.looks.medianFamily.p95}) | | |`);
  lines.push(`| Family plan page, one request at a time, median (p95) | ${r.idleLatency.familyPlan.median} ms (${r.idleLatency.familyPlan.p95}) | | |`);
  lines.push(`| Professional goals page, one request at a time, median (p95) | ${r.idleLatency.professionalGoals.median} ms (${r.idleLatency.professionalGoals.p95}) | | |`);
  lines.push(`| \`npm run verify-log\`, whole log | ${r.verifyLog.seconds} s, exit ${r.verifyLog.exitCode} | | |`);
  lines.push(`| A commit that waits for the disk (synchronous=FULL, ADR 007) ÷ one that does not (NORMAL), ${r.durability.FULL.commits} log entries each | ${r.durability.FULL.msPerCommit} ms ÷ ${r.durability.NORMAL.msPerCommit} ms = ${r.durability.fullOverNormal} | | |`);
  lines.push(`| Plan page JavaScript, gzipped (${r.planPageJs.files} files) | ${r.planPageJs.gzipKb} kB | ${t.planJs.target} | ${yes(t.planJs.met)} |`);
  lines.push(
    r.oldPhone
      ? `| Plan page on an old phone (CPU ${r.oldPhone.settings.cpuSlowdown}× slower, ${r.oldPhone.settings.latencyMs} ms, ${r.oldPhone.settings.downloadKbps / 1000} Mbps down, nothing cached): first contentful paint, median of ${r.oldPhone.runs.length} | ${r.oldPhone.medianMs} ms | ${t.oldPhoneFcp.target} | ${yes(t.oldPhoneFcp.met)} |`
      : `| Plan page on an old phone: first contentful paint | not measured (no Chromium) | ${t.oldPhoneFcp.target} | **missed** |`,
  );
  lines.push(`| Professional reads without a log entry | ${t.readsWithoutLogEntry.measured} | 0 | ${yes(t.readsWithoutLogEntry.met)} |`);
  lines.push("");
  const b = r.looks.inProcessBreakdownForBusiest;
  lines.push(`Where "Wie keek mee?" spends its time for the busiest family (measured in process on the same file, median ms):`);
  lines.push("");
  lines.push("| Part of the page | ms |");
  lines.push("|---|---:|");
  lines.push(`| Newest ${PAGE_SIZE} entries (listLogEntries) | ${b.listNewestPage} |`);
  lines.push(`| Checking the ${PAGE_SIZE} entries it shows against their hashes (part of checkFamilyLog; the rest is what is new since the last visit) | ${b.verifyNewestPage} |`);
  lines.push(`| Formatting ${PAGE_SIZE} dates | ${b.formatDates} |`);
  lines.push(`| For comparison: walking the whole chain from the first entry, as verify-log does | ${b.verifyWholeChain} |`);
  lines.push("");
  return lines.join("\n");
}

main().catch((error) => {
  console.error(error);
  removeDatabase(RUN_FILE);
  process.exit(1);
});
