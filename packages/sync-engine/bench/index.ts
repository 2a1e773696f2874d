/**
 * Engine benchmarks against the sandbox over loopback HTTP with the memory store, in real time. Prints
 * wall time and API calls per service for a backfill (auto-create, notes sync on), the cycle right after
 * it (re-reads what changed in the backfill's last second and the Jira overlap window), and a steady
 * quiet cycle, at two sizes: a steady quiet cycle's CRM cost should not grow with the number of records.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { autoCreateDealsItem, startWorld } from "../test/harness.js";

const item = autoCreateDealsItem({ notesSync: true });

async function measure(records: number): Promise<void> {
  const world = await startWorld({ deals: records, item, realTime: true });
  try {
    const t0 = performance.now();
    const backfill = await world.engine.runCycle(world.itemId);
    const t1 = performance.now();
    // Nothing changed since the backfill; the next cycle comes a second later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const t2 = performance.now();
    const quiet = await world.engine.runCycle(world.itemId);
    const t3 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const t4 = performance.now();
    const steady = await world.engine.runCycle(world.itemId);
    const t5 = performance.now();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${records} records: backfill ${(t1 - t0).toFixed(0)} ms, created ${backfill.counts.created}, ` +
        `API calls crm ${backfill.apiCalls.crm} jira ${backfill.apiCalls.jira} | quiet cycle ${(t3 - t2).toFixed(0)} ms, ` +
        `API calls crm ${quiet.apiCalls.crm} jira ${quiet.apiCalls.jira}, examined ${quiet.counts.examined} | ` +
        `steady quiet cycle ${(t5 - t4).toFixed(0)} ms, API calls crm ${steady.apiCalls.crm} jira ${steady.apiCalls.jira}, ` +
        `examined ${steady.counts.examined} | heap ${heap.toFixed(0)} MB`,
    );
  } finally {
    await world.close();
  }
}

/**
 * The CRM attachment sweep: with attachment sync on, a steady quiet cycle lists the attachments of
 * `attachmentSweepLinks` (default 25) linked records, however many links there are; a pass over every
 * link takes ceil(links / 25) cycles.
 */
async function measureSweep(records: number): Promise<void> {
  const world = await startWorld({
    deals: records,
    item: { ...item, features: { ...item.features, notesSync: false, attachmentSync: true } },
    realTime: true,
  });
  try {
    await world.engine.runCycle(world.itemId);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await world.engine.runCycle(world.itemId);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    world.zohoSim.inspect.resetCalls();
    const t0 = performance.now();
    const steady = await world.engine.runCycle(world.itemId);
    const t1 = performance.now();
    const lists = world.zohoSim.inspect.calls()["attachments.list"] ?? 0;
    console.log(
      `${records} links, attachment sync on: steady quiet cycle ${(t1 - t0).toFixed(0)} ms, API calls crm ` +
        `${steady.apiCalls.crm} (attachment lists ${lists}) jira ${steady.apiCalls.jira}, examined ` +
        `${steady.counts.examined} | full sweep every ${Math.ceil(records / 25)} cycles`,
    );
  } finally {
    await world.close();
  }
}

await measure(200);
await measure(2000);
await measureSweep(200);
await measureSweep(2000);
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
