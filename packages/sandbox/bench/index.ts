import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createZohoCrmSimulator } from "@kobik/sandbox";
import { fetchDriver, nodeHttpDriver, type Send } from "./drivers.js";
import { type ServerProcess, startServer } from "./server-process.js";
import { load, median } from "./stats.js";

const CONCURRENCY = 32;
const REQUESTS_PER_ROUND = 10_000;
const ROUNDS = 5;

interface Round {
  perSecond: number;
  serverMicrosPerRequest: number;
  failures: number;
}

async function round(server: ServerProcess, send: Send): Promise<Round> {
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < REQUESTS_PER_ROUND) {
      next += 1;
      if ((await send()) !== 200) failures += 1;
    }
  };
  const cpuBefore = await server.cpuMicros();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu = (await server.cpuMicros()) - cpuBefore;
  return {
    perSecond: REQUESTS_PER_ROUND / seconds,
    serverMicrosPerRequest: cpu / REQUESTS_PER_ROUND,
    failures,
  };
}

interface Series {
  label: string;
  send: Send;
  rounds: Round[];
}

function report(series: Series): void {
  const rates = series.rounds.map((r) => r.perSecond);
  const cpu = median(series.rounds.map((r) => r.serverMicrosPerRequest));
  const failures = series.rounds.reduce((n, r) => n + r.failures, 0);
  console.log(
    `${series.label}: median ${median(rates).toFixed(0)} req/s, best ${Math.max(...rates).toFixed(0)} req/s, server CPU ${cpu.toFixed(0)} µs/request (median; one fully used server core would serve ${(1e6 / cpu).toFixed(0)} req/s), ${failures} non-200`,
  );
}

/**
 * Rounds alternate between the targets and the two load generators, so a burst of load from
 * elsewhere on the machine hits all alike; the median says what is typical, the best what the code
 * can do on a quiet machine. Server CPU per request is measured in the server process.
 */
async function throughput(): Promise<void> {
  const server = await startServer();
  const drivers = [fetchDriver(), nodeHttpDriver(CONCURRENCY)];
  const routes = [
    { label: "zoho GET /crm/v8/Leads/{id}", target: server.targets.zoho },
    { label: "jira GET /rest/api/3/issue/{key}", target: server.targets.jira },
  ];
  const series: Series[] = drivers.flatMap((driver) =>
    routes.map((r) => ({ label: `${r.label} (${driver.name})`, send: driver.sender(r.target), rounds: [] })),
  );
  try {
    // Warm up the connection pools and the JIT on both sides before timing.
    for (const s of series) for (let i = 0; i < 2000; i++) await s.send();
    console.log(
      `throughput (${load()}): ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests per line, concurrency ${CONCURRENCY}`,
    );
    for (let r = 0; r < ROUNDS; r++) for (const s of series) s.rounds.push(await round(server, s.send));
  } finally {
    for (const driver of drivers) driver.close();
    await server.stop();
  }
  for (const s of series) report(s);
  console.log(`after throughput: ${load()}`);
}

function collect(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
}

async function memory(): Promise<void> {
  collect();
  const before = process.memoryUsage();
  const start = performance.now();
  const zoho = await createZohoCrmSimulator({
    serve: { kind: "msw-only" },
    records: { Leads: 50_000, Contacts: 25_000, Deals: 25_000 },
  });
  const seeded = (performance.now() - start) / 1000;
  collect();
  const after = process.memoryUsage();
  const count = ["Leads", "Contacts", "Deals"].reduce((n, m) => n + zoho.inspect.recordIds(m).length, 0);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `zoho memory: ${count} records seeded in ${seeded.toFixed(1)} s; heap used +${mb(after.heapUsed - before.heapUsed)} MB, rss ${mb(after.rss)} MB (process total)`,
  );
  await zoho.close();
}

await throughput();
await memory();
