import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createZohoCrmSimulator } from "@kobik/sandbox";
import { type ServerProcess, startServer, type Target } from "./server-process.js";
import { load, median } from "./stats.js";

const CONCURRENCY = 32;
const REQUESTS_PER_ROUND = 10_000;
const ROUNDS = 7;

interface Round {
  perSecond: number;
  serverMicrosPerRequest: number;
  failures: number;
}

async function round(server: ServerProcess, target: Target): Promise<Round> {
  const headers = { authorization: target.authorization };
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < REQUESTS_PER_ROUND) {
      next += 1;
      const res = await fetch(target.url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) failures += 1;
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

/**
 * Rounds alternate between the two targets, so a burst of load from elsewhere on the machine hits
 * both alike; the median says what is typical, the best what the code can do on a quiet machine.
 * Server CPU per request is measured in the server process and barely moves with load.
 */
async function throughput(): Promise<void> {
  const server = await startServer();
  const targets = [
    { label: "zoho GET /crm/v8/Leads/{id}", target: server.targets.zoho, rounds: [] as Round[] },
    { label: "jira GET /rest/api/3/issue/{key}", target: server.targets.jira, rounds: [] as Round[] },
  ];
  try {
    // Warm up the connection pool and the JIT on both sides before timing.
    for (const t of targets)
      for (let i = 0; i < 2000; i++)
        await (
          await fetch(t.target.url, { headers: { authorization: t.target.authorization } })
        ).arrayBuffer();
    console.log(
      `throughput (${load()}): ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests, concurrency ${CONCURRENCY}`,
    );
    for (let r = 0; r < ROUNDS; r++) for (const t of targets) t.rounds.push(await round(server, t.target));
  } finally {
    await server.stop();
  }
  for (const t of targets) {
    const rates = t.rounds.map((r) => r.perSecond);
    const cpu = median(t.rounds.map((r) => r.serverMicrosPerRequest));
    const failures = t.rounds.reduce((n, r) => n + r.failures, 0);
    console.log(
      `${t.label}: median ${median(rates).toFixed(0)} req/s, best ${Math.max(...rates).toFixed(0)} req/s, server CPU ${cpu.toFixed(0)} µs/request (median; one fully used server core would serve ${(1e6 / cpu).toFixed(0)} req/s), ${failures} non-200`,
    );
  }
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
