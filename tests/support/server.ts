import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { rateLimitsPath } from "../../app/auth/rate-limit.server";

// Starts the built production server (built once in global-setup) on a free port
// with its own copy of the migrated database.

export type RunningServer = { base: string; dbFile: string; process: ChildProcess; stop: () => void; log: () => string };

/** A database file with its -wal and -shm, and the rate limits' file beside it. */
export function removeDatabase(dbFile: string) {
  for (const file of [dbFile, rateLimitsPath(dbFile)]) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** `node server.js` in production mode on 127.0.0.1:`port`, resolved once it listens. The benchmark uses it too. */
export async function spawnServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += String(chunk);
      if (output.includes("running")) resolve();
    });
    child.stderr!.on("data", (chunk) => (output += String(chunk)));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
}

export async function startServer(options: { dbFile?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dbFile = options.dbFile ?? path.resolve(`tests/.tmp/server-${process.pid}-${crypto.randomUUID()}.sqlite`);
  if (!fs.existsSync(dbFile)) fs.copyFileSync(process.env.GROEIPLAN_TEST_BASE_DB!, dbFile);
  const port = await freePort();
  // One process, and no refusing requests for waiting in line, unless a test asks:
  // many test servers share two busy cores, where a long turn is not overload.
  // tests/http/workers.test.ts and capacity.test.ts check those themselves.
  const child = await spawnServer(port, { DATABASE_PATH: dbFile, WORKERS: "1", MAX_WAIT_MS: "60000", ...options.env });
  let log = "";
  child.stderr!.on("data", (chunk) => (log += String(chunk)));
  return {
    base: `http://localhost:${port}`,
    dbFile,
    process: child,
    /** What the server wrote to stderr since it started listening: what an operator would read. */
    log: () => log,
    stop: () => {
      child.kill();
      removeDatabase(dbFile);
    },
  };
}
