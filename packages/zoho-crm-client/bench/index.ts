import { execFileSync, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { installedFootprint } from "./footprint.js";
import type { measureIteration } from "./memory.js";
import { locateOfficialSdk, measureOfficialSdk } from "./official-sdk.js";
import { measureOverhead } from "./overhead.js";
import { bundleSize } from "./size.js";

const RECORDS = 50_000;
const TIMING = { warmup: 500, perBlock: 50, rounds: 80 };
const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ")} (1/5/15 min)`;

/** Starts the bench server in a child process (same tsx loader) and resolves its URL. */
function startServerProcess() {
  const child = fork(join(pkgDir, "bench/server-process.ts"), [String(RECORDS)], {
    execArgv: process.execArgv,
  });
  const url = new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, stop: () => child.disconnect() };
}

/** Runs the iteration in a fresh plain-node process built by esbuild, so RSS is the client's alone. */
async function runMemoryChild(
  url: string,
  mode: "client" | "bare" | "empty",
): Promise<Awaited<ReturnType<typeof measureIteration>>> {
  const dir = mkdtempSync(join(tmpdir(), "zoho-bench-"));
  try {
    const out = join(dir, "memory-child.mjs");
    await build({
      entryPoints: [join(pkgDir, "bench/memory-child.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      conditions: ["@kobik/source"],
      outfile: out,
      logLevel: "silent",
    });
    return JSON.parse(execFileSync(process.execPath, ["--expose-gc", out, url, mode], { encoding: "utf8" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const server = startServerProcess();
  try {
    const url = await server.url;
    console.log("# @kobik/zoho-crm-client benchmark\n");

    console.log(`before: ${load()}\n`);
    const o = await measureOverhead(url, TIMING);
    const spread = (q: { q1: number; median: number; q3: number }) =>
      `${q.median.toFixed(2)}x (quartiles ${q.q1.toFixed(2)}x-${q.q3.toFixed(2)}x)`;
    console.log(
      `## Per-request overhead (sequential GET /crm/v8/org; ${TIMING.rounds} rounds, each one block of ${TIMING.perBlock} per variant in rotating order; server in its own process)`,
    );
    console.log(`bare fetch + JSON:      ${o.bareUs.toFixed(1)} us/request (median block)`);
    console.log(
      `@kobik/transport alone: ${o.transportUs.toFixed(1)} us/request, ${spread(o.transportRatio)}`,
    );
    console.log(`@kobik/zoho-crm-client: ${o.clientUs.toFixed(1)} us/request, ${spread(o.clientRatio)}`);
    console.log(
      `ratio (median of per-round client/bare): ${o.clientRatio.median.toFixed(2)}x (target <= 1.3x) ${verdict(o.clientRatio.median <= 1.3)}`,
    );
    console.log(`after: ${load()}\n`);

    const nodeAlone = (await runMemoryChild(url, "empty")).samples[0]!;
    const m = await runMemoryChild(url, "client");
    const bare = await runMemoryChild(url, "bare");
    printMemory(m, bare, nodeAlone);
    const ours = await bundleSize(join(pkgDir, "src/index.ts"), {
      external: ["zod"],
      platform: "neutral",
      conditions: ["@kobik/source", "import"],
    });
    console.log("## Bundle (esbuild, minified, gzip -9, zod external)");
    console.log(
      `@kobik/zoho-crm-client: ${kb(ours.minBytes)} min, ${kb(ours.gzipBytes)} min+gz (target < 20 KB) ${verdict(ours.gzipBytes < 20 * 1024)}`,
    );
    const footprint = installedFootprint(pkgDir);
    console.log(
      `installed with runtime deps: ${kb(footprint.bytes)} in ${footprint.packages} packages (zod included)\n`,
    );

    await compareOfficialSdk(url, o.bareUs, ours.gzipBytes);
  } finally {
    server.stop();
  }
}

type Walk = Awaited<ReturnType<typeof measureIteration>>;

function printMemory(m: Walk, bare: Walk, nodeAlone: Walk["samples"][number]) {
  const rssMax = Math.max(...m.samples.map((s) => s.rssMb));
  const heapMax = Math.max(...m.samples.map((s) => s.heapMb));
  console.log(
    `## Memory while iterating ${m.records} records (${m.pages} pages; plain node, heap after full GC)`,
  );
  for (const s of m.samples) {
    console.log(
      `${String(s.records).padStart(6)} records  heap ${s.heapMb.toFixed(1)} MB  rss ${s.rssMb.toFixed(1)} MB`,
    );
  }
  const first = m.samples[1] ?? m.samples[0]!;
  const last = m.samples.at(-1)!;
  const bareRss = Math.max(...bare.samples.map((s) => s.rssMb));
  const bareHeap = Math.max(...bare.samples.map((s) => s.heapMb));
  const mb = (n: number) => `${n.toFixed(1)} MB`;
  console.log(
    `heap (JS objects): ${mb(first.heapMb)} -> ${mb(last.heapMb)} after the first page, max ${mb(heapMax)} (target flat)`,
  );
  console.log(
    `rss (whole process): ${mb(first.rssMb)} -> ${mb(last.rssMb)} after the first page, max ${mb(rssMax)} (target < 100 MB) ${verdict(rssMax < 100)}`,
  );
  console.log("baselines, each in a fresh plain-node process (at the sample with the largest rss):");
  const peak = (walk: Walk) => walk.samples.reduce((a, b) => (b.rssMb > a.rssMb ? b : a));
  const row = (name: string, s: Walk["samples"][number]) =>
    console.log(
      `  ${name.padEnd(27)} rss ${mb(s.rssMb).padStart(8)} = V8 heap ${mb(s.heapTotalMb)} (live ${mb(s.heapMb)}) + external ${mb(s.externalMb)} + the rest (code, stacks, native allocations) ${mb(s.rssMb - s.heapTotalMb - s.externalMb)}`,
    );
  row("empty node process", nodeAlone);
  row("same walk with bare fetch", peak(bare));
  row("this client", peak(m));
  console.log(
    `  client over bare fetch: heap ${(heapMax - bareHeap).toFixed(1)} MB, rss ${(rssMax - bareRss).toFixed(1)} MB; bare fetch's walk over empty node: rss ${(bareRss - nodeAlone.rssMb).toFixed(1)} MB\n`,
  );
}

async function compareOfficialSdk(url: string, bareUs: number, ourGzip: number) {
  console.log("## Official @zohocrm/typescript-sdk-8.0, side by side");
  const sdk = locateOfficialSdk();
  if (!sdk.ok) {
    console.log(`not compared: ${sdk.reason}`);
    return;
  }
  const footprint = installedFootprint(sdk.dir);
  console.log(
    `version ${sdk.version}; installed with runtime deps: ${kb(footprint.bytes)} in ${footprint.packages} packages`,
  );
  try {
    const size = await bundleSize(join(sdk.dir, "dist/index.js"), { external: [], platform: "node" });
    const times = (size.gzipBytes / ourGzip).toFixed(0);
    console.log(
      `bundle: ${kb(size.minBytes)} min, ${kb(size.gzipBytes)} min+gz (${times}x ours; esbuild warnings: ${size.warnings})`,
    );
  } catch (error) {
    console.log(`bundle: esbuild could not bundle it: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const us = await measureOfficialSdk(url, TIMING);
    console.log(
      `per request: ${us.toFixed(1)} us, ${(us / bareUs).toFixed(2)}x the bare-fetch baseline above`,
    );
  } catch (error) {
    console.log(
      `per request: not measured, the SDK failed against the local server: ${(error as Error).message.split("\n")[0]}`,
    );
  }
}

await main();
