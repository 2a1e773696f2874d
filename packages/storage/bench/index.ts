// Memory-store figures: how fast the in-memory implementation saves, looks up and pages links and
// takes leases. Printed, not asserted (tests never time anything). Run: pnpm --filter @kobik/storage bench
import { performance } from "node:perf_hooks";
import { createMemoryStore, paginate } from "@kobik/storage";
import type { Link } from "@kobik/sync-core";

const LINKS = 10_000;
const PAGE = 100;

function link(n: number): Link {
  const id = String(100_000 + n);
  return {
    itemId: "deals",
    jira: { issueId: id, issueKey: `SUP-${n + 1}` },
    crm: { module: "Deals", recordId: `57257670000${id}` },
    origin: "auto",
    base: { fields: {}, crmModifiedTime: null, jiraUpdated: null, status: null, notes: [], attachments: [] },
    version: 0,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  };
}

async function timed(label: string, ops: number, run: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  const perSecond = Math.round((ops / ms) * 1000);
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${String(perSecond).padStart(9)} ops/s`);
}

async function main(): Promise<void> {
  const store = createMemoryStore();
  console.log(`@kobik/storage memory store, ${LINKS} links, page size ${PAGE}`);
  await timed(`save ${LINKS} new links`, LINKS, async () => {
    for (let n = 0; n < LINKS; n++) await store.links.save(link(n), { expectedVersion: 0 });
  });
  await timed(`update ${LINKS} links (expectedVersion 1)`, LINKS, async () => {
    for (let n = 0; n < LINKS; n++) await store.links.save(link(n), { expectedVersion: 1 });
  });
  await timed(`getByCrmRecord x ${LINKS}`, LINKS, async () => {
    for (let n = 0; n < LINKS; n++) await store.links.getByCrmRecord("deals", link(n).crm.recordId);
  });
  let seen = 0;
  await timed(`page through ${LINKS} links`, LINKS, async () => {
    for await (const _ of paginate((req) => store.links.listByItem("deals", req), PAGE)) seen++;
  });
  if (seen !== LINKS) throw new Error(`paged ${seen} links, expected ${LINKS}`);
  const now = new Date("2026-03-01T09:00:00.000Z");
  await timed("acquire + release a lease x 10000", 10_000, async () => {
    for (let n = 0; n < 10_000; n++) {
      const lease = await store.leases.acquire({ name: "item:deals", holder: "bench", ttlMs: 60_000, now });
      if (lease) await store.leases.release({ name: lease.name, token: lease.token });
    }
  });
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`heap used after the run: ${heapMb.toFixed(1)} MB`);
}

await main();
