import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "./server-process.js";

// Profiles the simulators' request path: `tsx --conditions=@kobik/source bench/profile.ts zoho|jira [dir]`
// drives 40,000 GETs at one target and leaves the server's `.cpuprofile` in `dir` (default
// $TMPDIR/kobik-sandbox-profiles), to open in Chrome DevTools or any flame-graph viewer (sort by self time).
const which = process.argv[2] === "jira" ? "jira" : "zoho";
const dir = process.argv[3] ?? join(tmpdir(), "kobik-sandbox-profiles");
mkdirSync(dir, { recursive: true });
const server = await startServer(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
const target = server.targets[which];
const headers = { authorization: target.authorization };
const total = 40_000;
let next = 0;
const worker = async () => {
  while (next < total) {
    next += 1;
    await (await fetch(target.url, { headers })).arrayBuffer();
  }
};
const start = performance.now();
await Promise.all(Array.from({ length: 32 }, worker));
console.log(`${which}: ${(total / ((performance.now() - start) / 1000)).toFixed(0)} req/s while profiling`);
await server.stop();
console.log(`profile written to ${dir}/`);
