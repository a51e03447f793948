import fs from "node:fs";
import net from "node:net";
import autocannon from "autocannon";

// The load generator, in its own process so it never shares a core's event loop
// with the server or with the bench's own bookkeeping. Reads a scenario (JSON file
// named on the command line), runs it with autocannon and prints one JSON line.
//
// Every connection comes from its own loopback address (127.0.<subnet>.<n>), the
// way 50 browsers or offices would. The server keeps its real rate limits (API:
// 60 a minute per token, 300 a minute per address); with the requests spread over
// many tokens and addresses, a 429 in the results means a limit really was hit.

export type Template = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Log entries one 200 answer must leave; 0 when the request is not a professional read. */
  logEntries: number;
};

export type Kind = { name: string; weight: number; templates: Template[] };

export type Scenario = {
  name: string;
  base: string;
  connections: number;
  duration: number;
  subnet: number;
  userAgent: string;
  kinds: Kind[];
};

export type KindResult = { requests: number; statuses: Record<string, number>; latencies: { p50: number; p95: number; p99: number } };

export type LoadResult = {
  name: string;
  duration: number;
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p95: number; p99: number; p999: number; max: number };
  /** The answers other than "busy" (503) and what they waited: past capacity, what the people who got in saw. */
  served: { requests: number; p99: number; p999: number; max: number };
  busy: { requests: number; p99: number; max: number };
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  kinds: Record<string, KindResult>;
  /** Request numbers of professional reads answered 200, with the entries each must have left. */
  acknowledgedReads: [number, number][];
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
    p99: round(percentile(list, 99)),
    p999: round(percentile(list, 99.9)),
    max: round(list.at(-1) ?? 0),
  };
}

async function main() {
  const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as Scenario;

  // autocannon opens its sockets with net.connect(port, host) (the port as a string
  // from the URL) and has no option for the local address, so this process binds
  // them itself. Nothing else here connects.
  let nextAddress = 0;
  const connect = net.connect;
  (net as { connect: unknown }).connect = (...args: unknown[]) => {
    if (args.length === 2 && /^\d+$/.test(String(args[0])) && typeof args[1] === "string") {
      const localAddress = `127.0.${scenario.subnet}.${(nextAddress++ % 250) + 1}`;
      return connect({ port: Number(args[0]), host: args[1], localAddress });
    }
    return (connect as (...a: unknown[]) => net.Socket)(...args);
  };

  const totalWeight = scenario.kinds.reduce((sum, kind) => sum + kind.weight, 0);
  const turn = scenario.kinds.map(() => 0);
  let requestNumber = 0;
  type Context = { kind?: number; template?: Template; id?: number };
  let answered: Context | null = null;

  const latencies: number[] = [];
  const servedLatencies: number[] = [];
  const busyLatencies: number[] = [];
  const perKind = scenario.kinds.map(() => ({ requests: 0, statuses: {} as Record<string, number>, latencies: [] as number[] }));
  const statuses: Record<string, number> = {};
  const acknowledgedReads: [number, number][] = [];

  const instance = autocannon({
    url: scenario.base,
    connections: scenario.connections,
    duration: scenario.duration,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>, context: Context) => {
          let roll = Math.random() * totalWeight;
          let kind = 0;
          while (kind < scenario.kinds.length - 1 && roll >= scenario.kinds[kind].weight) roll -= scenario.kinds[kind++].weight;
          const templates = scenario.kinds[kind].templates;
          const template = templates[turn[kind]++ % templates.length];
          const id = ++requestNumber;
          context.kind = kind;
          context.template = template;
          context.id = id;
          // A User-Agent per request lets the bench find each read's own log entry.
          const headers = { ...template.headers, "User-Agent": `${scenario.userAgent}/${id}` };
          return { ...request, method: template.method, path: template.path, headers, ...(template.body ? { body: template.body } : {}) };
        },
        // Called just before autocannon's own "response" event for the same answer.
        onResponse: (_status: number, _body: string, context: Context) => {
          answered = { ...context };
        },
      },
    ],
  });

  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    (statusCode === 503 ? busyLatencies : servedLatencies).push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    const context = answered;
    answered = null;
    if (!context || context.kind === undefined) return;
    const kind = perKind[context.kind];
    kind.requests += 1;
    kind.statuses[statusCode] = (kind.statuses[statusCode] ?? 0) + 1;
    kind.latencies.push(responseTime);
    if (statusCode === 200 && context.template!.logEntries > 0) acknowledgedReads.push([context.id!, context.template!.logEntries]);
  });

  const result = await instance;
  const requests = latencies.length;
  const output: LoadResult = {
    name: scenario.name,
    duration: result.duration,
    requests,
    requestsPerSecond: Math.round((requests / result.duration) * 10) / 10,
    latency: summary(latencies),
    served: (({ p99, p999, max }) => ({ requests: servedLatencies.length, p99, p999, max }))(summary(servedLatencies)),
    busy: (({ p99, max }) => ({ requests: busyLatencies.length, p99, max }))(summary(busyLatencies)),
    statuses,
    non2xx: Object.entries(statuses).reduce((sum, [code, count]) => (code.startsWith("2") ? sum : sum + count), 0),
    errors: result.errors,
    timeouts: result.timeouts,
    kinds: Object.fromEntries(
      scenario.kinds.map((kind, i) => {
        const { p50, p95, p99 } = summary(perKind[i].latencies);
        return [kind.name, { requests: perKind[i].requests, statuses: perKind[i].statuses, latencies: { p50, p95, p99 } }];
      }),
    ),
    acknowledgedReads,
  };
  process.stdout.write(JSON.stringify(output) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
