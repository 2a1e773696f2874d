import { execFileSync, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { installedFootprint } from "./footprint.js";
import type { measureIteration } from "./memory.js";
import { locateOfficialSdk, measureOfficialSdk } from "./official-sdk.js";
import { measureOverhead } from "./overhead.js";
import { bundleSize } from "./size.js";

const RECORDS = 50_000;
const TIMING = { warmup: 300, perBlock: 100, rounds: 30 };
const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

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
  mode: "client" | "bare",
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

    const o = await measureOverhead(url, TIMING);
    const ratio = o.clientUs / o.bareUs;
    console.log(
      `## Per-request overhead (sequential GET /crm/v8/org; median of ${TIMING.rounds} interleaved blocks of ${TIMING.perBlock})`,
    );
    console.log(`bare fetch + JSON:      ${o.bareUs.toFixed(1)} us/request`);
    console.log(
      `@kobik/transport alone: ${o.transportUs.toFixed(1)} us/request (${(o.transportUs / o.bareUs).toFixed(2)}x)`,
    );
    console.log(`@kobik/zoho-crm-client: ${o.clientUs.toFixed(1)} us/request`);
    console.log(`ratio: ${ratio.toFixed(2)}x (target <= 1.3x) ${verdict(ratio <= 1.3)}\n`);

    const m = await runMemoryChild(url, "client");
    const bare = await runMemoryChild(url, "bare");
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
    console.log(
      `heap ${first.heapMb.toFixed(1)} -> ${last.heapMb.toFixed(1)} MB, rss ${first.rssMb.toFixed(1)} -> ${last.rssMb.toFixed(1)} MB after the first page`,
    );
    console.log(
      `max heap ${heapMax.toFixed(1)} MB, max rss ${rssMax.toFixed(1)} MB (target flat, < 100 MB) ${verdict(rssMax < 100)}`,
    );
    const bareLast = bare.samples.at(-1)!;
    const bareRss = Math.max(...bare.samples.map((s) => s.rssMb));
    console.log(
      `baseline, same walk with bare fetch: heap ${bareLast.heapMb.toFixed(1)} MB at the end, max rss ${bareRss.toFixed(1)} MB\n`,
    );

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
