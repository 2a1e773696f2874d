// `pnpm bench`: per-request overhead against bare fetch, memory while streaming 50,000 issues, and
// bundle size, for @kobik/jira-client and jira.js against the same local node:http server.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createJiraClient } from "@kobik/jira-client";
import { createTransport } from "@kobik/transport";
import { createCloudClient } from "jira.js";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/jira.js";
import { bundleSize } from "./bundle.js";
import { PAGE_SIZE, SEARCH_TOTAL, startServer } from "./server.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const REQUESTS = 1_000;
const ROUNDS = 5;
const auth = { email: "bench@example.com", apiToken: "bench-token-not-secret" };

const { url, server } = await startServer();
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

// Interleaved: every iteration runs each contender once, in a rotating order, so drift and noise
// on a shared machine hit all of them alike; per-contender time is summed across iterations.
async function interleaved(iterations: number): Promise<Record<string, number>> {
  const names = Object.keys(contenders);
  const total: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      const started = performance.now();
      await contenders[name]!();
      total[name]! += performance.now() - started;
    }
  }
  return Object.fromEntries(names.map((n) => [n, total[n]! / iterations]));
}

const timings: Record<string, number[]> = {};
for (const run of Object.values(contenders)) for (let i = 0; i < 300; i++) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, ms] of Object.entries(await interleaved(REQUESTS))) {
    timings[name] = [...(timings[name] ?? []), ms];
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median(timings["bare fetch"]!);

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
server.close();

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
  `\n== Per-request overhead: ${REQUESTS} sequential GET /issue/{key} each, interleaved, median of ${ROUNDS} rounds ==`,
);
for (const [name, xs] of Object.entries(timings)) {
  const m = median(xs);
  const target =
    name === "@kobik/jira-client"
      ? m / bare <= 1.3
        ? "  (target <= 1.3x: met)"
        : "  (target <= 1.3x: MISSED)"
      : "";
  console.log(
    `${name.padEnd(20)} ${(m * 1000).toFixed(0).padStart(6)} µs/request   ratio vs bare fetch ${(m / bare).toFixed(2)}x${target}`,
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
