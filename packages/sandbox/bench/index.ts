import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createZohoCrmSimulator } from "@kobik/sandbox";

const CONCURRENCY = 32;
const REQUESTS = 30_000;

async function throughput(label: string, url: string, headers: Record<string, string>): Promise<void> {
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) failures += 1;
    }
  };
  // Warm up the connection pool and the JIT before timing.
  for (let i = 0; i < 500; i++) await (await fetch(url, { headers })).arrayBuffer();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label}: ${REQUESTS} requests, concurrency ${CONCURRENCY}, ${(REQUESTS / seconds).toFixed(0)} req/s, ${failures} non-200`,
  );
}

interface Target {
  url: string;
  authorization: string;
}

/** Starts bench/serve.ts in a child process and reads the URLs it prints. */
async function startServer(): Promise<{ targets: { zoho: Target; jira: Target }; stop(): void }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@kobik/source", join(here, "serve.ts")],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { targets: JSON.parse(line) as { zoho: Target; jira: Target }, stop: () => child.stdin.end() };
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

const server = await startServer();
try {
  await throughput("zoho GET /crm/v8/Leads/{id}", server.targets.zoho.url, {
    authorization: server.targets.zoho.authorization,
  });
  await throughput("jira GET /rest/api/3/issue/{key}", server.targets.jira.url, {
    authorization: server.targets.jira.authorization,
  });
} finally {
  server.stop();
}
await memory();
