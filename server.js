// Production server: static assets, security headers, and the React Router app,
// in one worker process per core (WORKERS) that share the port and the database.
import cluster from "node:cluster";
import os from "node:os";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// The same variable as react-router.config.ts, so tests can run their own build.
const buildDir = path.resolve(process.env.GROEIPLAN_BUILD_DIR ?? "build");

// Behind a reverse proxy every connection comes from the proxy. TRUST_PROXIES says
// how many proxies in front of us may be believed about the client (X-Forwarded-For,
// X-Forwarded-Proto, X-Forwarded-Host). Off by default: then those headers are
// whatever the client sent, and are ignored.
const trustProxies = Number(process.env.TRUST_PROXIES ?? 0);
if (!Number.isInteger(trustProxies) || trustProxies < 0 || trustProxies > 10) {
  console.error(`TRUST_PROXIES must be a whole number from 0 to 10 (the proxies in front of this server), not "${process.env.TRUST_PROXIES}".`);
  process.exit(1);
}

// Past its capacity a server that queues every request answers all of them late,
// and a parent on a slow phone waits for seconds (ADR 023). Two signs that it is
// full: MAX_IN_FLIGHT requests are being answered at once (slow phones reading
// slowly), or a request reaches the app after the event loop has been busy for
// MAX_WAIT_MS without a break: requests that waited that long in line get a quick
// 503 with Retry-After, and the line is short again.
const maxInFlight = Number(process.env.MAX_IN_FLIGHT ?? 64);
if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 10000) {
  console.error(`MAX_IN_FLIGHT must be a whole number from 1 to 10000 (requests answered at once), not "${process.env.MAX_IN_FLIGHT}".`);
  process.exit(1);
}
const maxWaitMs = Number(process.env.MAX_WAIT_MS ?? 1000);
if (!Number.isInteger(maxWaitMs) || maxWaitMs < 50 || maxWaitMs > 60000) {
  console.error(`MAX_WAIT_MS must be a whole number from 50 to 60000 (milliseconds a request may wait in line), not "${process.env.MAX_WAIT_MS}".`);
  process.exit(1);
}
const LOCALES = fileURLToPath(new URL("./locales/", import.meta.url));
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
// The busy page in each language, made once: when the server is full it must not
// have to render anything.
const BUSY_PAGES = Object.fromEntries(
  ["nl", "en", "ar"].map((lang) => {
    const { title, text } = JSON.parse(fs.readFileSync(path.join(LOCALES, lang, "common.json"), "utf8")).errors.page.busy;
    const dir = lang === "ar" ? "rtl" : "ltr";
    return [lang, `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`];
  }),
);
const busyLanguage = (cookie = "") => cookie.match(/(?:^|;\s*)gp_lang=(nl|en|ar)(?:;|$)/)?.[1] ?? "nl";

// One worker per core (ADR 024): better-sqlite3 answers one request at a time per
// process, so a second core only helps in a second process. Everything the workers
// must agree on lives in SQLite: the plan, the log, sessions and the rate limits.
const workers = Number(process.env.WORKERS ?? Math.min(os.availableParallelism(), 16));
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
  console.error(`WORKERS must be a whole number from 1 to 64 (server processes, one per core), not "${process.env.WORKERS}".`);
  process.exit(1);
}

if (workers > 1 && cluster.isPrimary) startWorkers();
else await serve();

function startWorkers() {
  let stopping = false;
  let stopCode = 0;
  let announced = false;
  const ready = new Set();
  cluster.on("listening", (worker) => {
    ready.add(worker.id);
    if (!announced && ready.size === workers) {
      announced = true;
      console.log(`Groeiplan is running at http://localhost:${port} (${workers} workers)`);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    const wasReady = ready.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopCode);
      return;
    }
    // A worker that never listened will not do better the next time (a missing
    // build, a port in use): stop with its message rather than start it forever.
    if (!wasReady) {
      console.error(`A worker stopped before it could answer (${signal ?? `exit ${code}`}); stopping.`);
      stopAll(1);
      return;
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting a new one.`);
    cluster.fork();
  });
  const stopAll = (exitCode) => {
    stopping = true;
    stopCode = Math.max(stopCode, exitCode);
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(stopCode);
    for (const worker of running) worker.process.kill("SIGTERM");
  };
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stopAll(0));
}

async function serve() {
  const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);

  const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  const app = express();
  app.disable("x-powered-by");
  if (trustProxies > 0) app.set("trust proxy", trustProxies);
  app.use(compression());

  app.use((req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
    if (process.env.NODE_ENV === "production" && req.secure) {
      res.set("Strict-Transport-Security", "max-age=31536000");
    }
    // Pages set a CSP with a nonce (app/entry.server.tsx). Every other response
    // (redirects, errors, the API, files) gets the strictest one just before it is
    // sent, so nothing leaves without a policy.
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!res.getHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", STRICT_CSP);
      return writeHead.apply(this, args);
    };
    // The app reads the client's address from this header only; never trust one sent in.
    // req.ip is the socket's address, or with TRUST_PROXIES the one the proxies name.
    req.headers["x-groeiplan-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });

  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  let inFlight = 0;
  // A timer that ticks between turns of the event loop. The requests that arrived
  // while it was busy are read in one turn, one after the other, so the time since
  // the last tick is at least how long the one now reaching the app waited. (Not
  // the last turn's length: after one long request the next visitor, who did not
  // wait, would be refused. ADR 023.)
  let lastTick = performance.now();
  setInterval(() => (lastTick = performance.now()), 10).unref();
  app.use((req, res, next) => {
    if (inFlight >= maxInFlight || performance.now() - lastTick > maxWaitMs) {
      res.status(503).set("Retry-After", "5").type("html").send(BUSY_PAGES[busyLanguage(req.headers.cookie)]);
      return;
    }
    inFlight += 1;
    let counted = true;
    const done = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  });
  app.all("/{*splat}", createRequestHandler({ build }));

  const server = app.listen(port, host, () => {
    if (!cluster.isWorker) console.log(`Groeiplan is running at http://localhost:${port}`);
  });

  // A file size limit (ulimit -f) is a full disk by another name: saving must fail
  // with a calm "try again later", not kill the server (the default for SIGXFSZ).
  process.on("SIGXFSZ", () => {});

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}
