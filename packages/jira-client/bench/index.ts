// `pnpm bench`: per-request overhead against bare fetch, memory while streaming 50,000 issues, and
// bundle size, for @kobik/jira-client and jira.js against the same local node:http server, which
// runs in a child process so its CPU and memory never count as the client's.

import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createJiraClient } from "@kobik/jira-client";
import { createTransport } from "@kobik/transport";
import { createCloudClient } from "jira.js";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/jira.js";
import { BULK_SIZE, bulkContenders } from "./bulk.js";
import { bundleSize } from "./bundle.js";
import { PAGE_SIZE, SEARCH_TOTAL } from "./server.js";
import { startServerProcess } from "./server-process.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const PER_BLOCK = 50;
const ROUNDS = 60;
const auth = { email: "bench@example.com", apiToken: "bench-token-not-secret" };

const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ")} (1/5/15 min)`;
const loadBefore = load();
const server = startServerProcess();
const url = await server.url;
const ours = createJiraClient({ auth: { kind: "basic", ...auth }, baseUrl: url });
const theirs = createCloudClient({ host: url, auth: { type: "basic", ...auth }, onSchemaMismatch: "silent" });
const basic = `Basic ${btoa(`${auth.email}:${auth.apiToken}`)}`;

const transport = createTransport({});
const bareOpenapi = createClient<paths>({ baseUrl: url });
const issuePath = { params: { path: { issueIdOrKey: "BEN-1" } }, headers: { Authorization: basic } };
const contenders: Record<string, () => Promise<unknown>> = {
  "bare fetch": async () =>
    (await fetch(`${url}/rest/api/3/issue/BEN-1`, { headers: { Authorization: basic } })).json(),
  "@kobik/jira-client": () => ours.issues.get("BEN-1"),
  "jira.js": () => theirs.issues.getIssue({ issueIdOrKey: "BEN-1" }),
  // Breakdown of our stack: each layer alone over the same bare fetch.
  "  openapi-fetch only": () => bareOpenapi.GET("/rest/api/3/issue/{issueIdOrKey}", issuePath),
  "  transport only": async () =>
    (
      await transport.fetch(
        new Request(`${url}/rest/api/3/issue/BEN-1`, { headers: { Authorization: basic } }),
      )
    ).json(),
};

/** Mean milliseconds per call over `count` sequential calls. */
async function block(run: () => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run();
  return (performance.now() - started) / count;
}

const quantile = (xs: readonly number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};
const median = (xs: readonly number[]) => quantile(xs, 0.5);

// Every round runs one block per contender, in a rotating order, so load from elsewhere hits all
// alike; each round's ratio to bare fetch compares blocks run moments apart, and the median of
// those ratios is the figure (quartiles show the spread).
const names = Object.keys(contenders);
const timings: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (const run of Object.values(contenders)) await block(run, 300); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length]!;
    timings[name]!.push(await block(contenders[name]!, PER_BLOCK));
  }
}
const loadAfterTiming = load();
const bareTimes = timings["bare fetch"]!;
const ratios = (name: string) => timings[name]!.map((ms, round) => ms / bareTimes[round]!);

// The backfill's hot path: bulk creates of 50 issues (serialising, validating, sending, pairing),
// against bare fetch posting the same JSON; same rotation and paired ratios as above.
const BULK_ROUNDS = 30;
const BULK_PER_BLOCK = 10;
const bulk = bulkContenders(url, basic, ours);
const bulkNames = Object.keys(bulk);
const bulkTimings: Record<string, number[]> = Object.fromEntries(bulkNames.map((n) => [n, []]));
for (const run of Object.values(bulk)) await block(run, 50); // warm-up
for (let round = 0; round < BULK_ROUNDS; round++) {
  for (let k = 0; k < bulkNames.length; k++) {
    const name = bulkNames[(round + k) % bulkNames.length]!;
    bulkTimings[name]!.push(await block(bulk[name]!, BULK_PER_BLOCK));
  }
}
const loadAfterBulk = load();

type Memory = { startMb: number; peakMb: number; endMb: number; samplesMb: number[]; issues: number };
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function memoryWhile(iterate: (onIssue: () => void) => Promise<void>): Promise<Memory> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  let issues = 0;
  const samples: number[] = [];
  await iterate(() => {
    issues++;
    if (issues % 1_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (issues % 10_000 === 0) {
      gc();
      samples.push(mb(process.memoryUsage().heapUsed));
    }
  });
  gc();
  return {
    startMb: mb(start),
    peakMb: mb(peak),
    endMb: mb(process.memoryUsage().heapUsed),
    samplesMb: samples,
    issues,
  };
}

const jql = "project = BEN ORDER BY id ASC";
const memory: Record<string, Memory> = {
  "@kobik/jira-client": await memoryWhile(async (onIssue) => {
    for await (const _ of ours.search.issues({
      jql,
      fields: ["summary", "status", "updated"],
      maxResults: PAGE_SIZE,
    }))
      onIssue();
  }),
  "jira.js": await memoryWhile(async (onIssue) => {
    let nextPageToken: string | undefined;
    do {
      const page = await theirs.issueSearch.searchAndReconsileIssuesUsingJqlPost({
        jql,
        fields: ["summary", "status", "updated"],
        maxResults: PAGE_SIZE,
        nextPageToken,
      });
      for (const _ of page.issues ?? []) onIssue();
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
  }),
};
server.stop();

const bundles = {
  "@kobik/jira-client": {
    "whole package": await bundleSize(`export * from "@kobik/jira-client";`),
    "createJiraClient only": await bundleSize(`export { createJiraClient } from "@kobik/jira-client";`),
  },
  "jira.js": {
    "whole package": await bundleSize(`export * from "jira.js";`),
    "createCloudClient only": await bundleSize(`export { createCloudClient } from "jira.js";`),
    "getIssue + search fns": await bundleSize(
      `export { createClient } from "jira.js/core"; export { getIssue, searchAndReconsileIssuesUsingJqlPost } from "jira.js/cloud";`,
    ),
  },
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `\n== Per-request overhead: sequential GET /issue/{key}, ${ROUNDS} rounds of one ${PER_BLOCK}-call block per contender (rotating order) ==`,
);
console.log(`before: ${loadBefore}; after: ${loadAfterTiming}`);
for (const name of names) {
  const m = median(timings[name]!);
  const r = ratios(name);
  const ratio = median(r);
  const target =
    name === "@kobik/jira-client" ? `  (target <= 1.3x: ${ratio <= 1.3 ? "met" : "MISSED"})` : "";
  console.log(
    `${name.padEnd(20)} ${(m * 1000).toFixed(0).padStart(6)} µs/request   ratio vs bare fetch ${ratio.toFixed(2)}x (quartiles ${quantile(r, 0.25).toFixed(2)}x-${quantile(r, 0.75).toFixed(2)}x)${target}`,
  );
}
console.log(
  `\n== Bulk create: sequential POST /issue/bulk of ${BULK_SIZE} issues, ${BULK_ROUNDS} rounds of one ${BULK_PER_BLOCK}-call block per contender ==`,
);
console.log(`after: ${loadAfterBulk}`);
const bulkBare = bulkTimings["bare fetch"]!;
for (const name of bulkNames) {
  const r = bulkTimings[name]!.map((ms, round) => ms / bulkBare[round]!);
  const extra = bulkTimings[name]!.map((ms, round) => (ms - bulkBare[round]!) * 1000);
  console.log(
    `${name.padEnd(20)} ${(median(bulkTimings[name]!) * 1000).toFixed(0).padStart(6)} µs/call   ratio vs bare fetch ${median(r).toFixed(2)}x (quartiles ${quantile(r, 0.25).toFixed(2)}x-${quantile(r, 0.75).toFixed(2)}x), ${median(extra).toFixed(0)} µs/call more`,
  );
}
console.log(
  `\n== Heap while streaming ${SEARCH_TOTAL.toLocaleString("en")} issues (${PAGE_SIZE}/page), MB ==`,
);
for (const [name, m] of Object.entries(memory)) {
  console.log(
    `${name.padEnd(20)} start ${m.startMb}  peak ${m.peakMb}  end ${m.endMb}  after-GC every 10k: [${m.samplesMb.join(", ")}]  issues ${m.issues}`,
  );
}
console.log("\n== Bundle size (esbuild, minified ESM, gzip -9) ==");
for (const [name, entries] of Object.entries(bundles)) {
  for (const [entry, size] of Object.entries(entries)) {
    console.log(
      `${name.padEnd(20)} ${entry.padEnd(24)} min ${kb(size.min).padStart(10)}   min+gz ${kb(size.gz).padStart(9)}`,
    );
  }
}
