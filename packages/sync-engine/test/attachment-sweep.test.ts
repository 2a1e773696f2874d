import type { SyncRunResult } from "@kobik/sync-engine";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

const BEYOND_OVERLAP_MS = 3 * 60_000;
const OVER_LIMIT = 10 * 1024 * 1024 + 1;

function jiraFiles(w: World, key: string): string[] {
  const issue = w.jiraSim.inspect.issue(key) as unknown as {
    fields: { attachment?: { filename: string }[] };
  };
  return (issue.fields.attachment ?? []).map((a) => a.filename).sort();
}

/** Deals linked by a backfill, then left alone past the Jira overlap window: nothing changes by itself. */
async function quietDeals(w: World, count: number): Promise<{ deal: string; key: string }[]> {
  const deals = Array.from({ length: count }, (_, i) => createDeal(w, `Sweep ${i}`));
  await w.engine.runCycle(w.itemId);
  w.clock.advance(BEYOND_OVERLAP_MS);
  await w.engine.runCycle(w.itemId);
  return Promise.all(deals.map(async (deal) => ({ deal, key: await issueKeyOf(w, deal) })));
}

async function cycles(w: World, n: number): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (let i = 0; i < n; i++) {
    later(w);
    results.push(await w.engine.runCycle(w.itemId));
  }
  return results;
}

const total = (results: readonly SyncRunResult[], pick: (r: SyncRunResult) => number) =>
  results.reduce((n, r) => n + pick(r), 0);

describe("CRM attachment sweep", () => {
  it("copies files added to unchanged deals within ceil(links / K) cycles, each once", async () => {
    world = await startWorld({ limits: { attachmentSweepLinks: 5 } });
    const pairs = await quietDeals(world, 12);
    for (const { deal } of pairs)
      world.zohoSim.person.addAttachment("Deals", deal, "terms.pdf", "%PDF terms");
    const modified = pairs.map(({ deal }) => world.zohoSim.inspect.record("Deals", deal)?.Modified_Time);

    const pass = await cycles(world, Math.ceil(12 / 5));

    // The uploads left the deals' Modified_Time alone: only the sweep can have found them.
    expect(pairs.map(({ deal }) => world.zohoSim.inspect.record("Deals", deal)?.Modified_Time)).toEqual(
      modified,
    );
    expect(pass.every((r) => r.counts.attachments <= 5)).toBe(true);
    expect(total(pass, (r) => r.counts.attachments)).toBe(12);
    for (const { key } of pairs) expect(jiraFiles(world, key)).toEqual(["terms.pdf"]);

    // Two more full rounds find nothing new to copy.
    const after = await cycles(world, 2 * Math.ceil(12 / 5));
    expect(total(after, (r) => r.counts.attachments)).toBe(0);
    for (const { key } of pairs) expect(jiraFiles(world, key)).toEqual(["terms.pdf"]);
    expect(after.every((r) => r.outcome === "succeeded")).toBe(true);
  });

  it("lists at most K records' attachments per quiet cycle, whatever the number of links", async () => {
    const perCycle: { links: number; lists: number; crm: number; examined: number }[] = [];
    for (const links of [12, 36]) {
      world = await startWorld({ limits: { attachmentSweepLinks: 10 } });
      await quietDeals(world, links);
      await cycles(world, 1);
      world.zohoSim.inspect.resetCalls();
      const [quiet] = await cycles(world, 1);
      const lists = world.zohoSim.inspect.calls()["attachments.list"] ?? 0;
      perCycle.push({ links, lists, crm: quiet!.apiCalls.crm, examined: quiet!.counts.examined });
      await world.close();
    }
    expect(perCycle.map((c) => c.lists)).toEqual([10, 10]);
    expect(perCycle.map((c) => c.examined)).toEqual([0, 0]);
    // The same quiet-cycle cost at both sizes: the feeds plus K attachment lists.
    expect(perCycle[0]!.crm).toBe(perCycle[1]!.crm);
    expect(perCycle[1]!.crm).toBeLessThanOrEqual(5 + 10);
  });

  it("skips a file over 10 MB once with its recorded reason, and copies the rest", async () => {
    world = await startWorld({
      zoho: { attachmentLimitBytes: 30 * 1024 * 1024 },
      jira: { uploadLimit: 30 * 1024 * 1024 },
      limits: { attachmentSweepLinks: 2 },
    });
    const [target] = await quietDeals(world, 3);
    world.zohoSim.person.addAttachment("Deals", target!.deal, "scan.tiff", new Uint8Array(OVER_LIMIT));
    world.zohoSim.person.addAttachment("Deals", target!.deal, "quote.pdf", "%PDF quote");

    const pass = await cycles(world, 2);
    expect(total(pass, (r) => r.counts.attachments)).toBe(1);
    expect(total(pass, (r) => r.counts.skipped.reasons["attachment-too-large"] ?? 0)).toBe(1);
    expect(jiraFiles(world, target!.key)).toEqual(["quote.pdf"]);
    const link = await world.store.links.getByCrmRecord(world.itemId, target!.deal);
    expect(link?.base.attachments).toContainEqual({
      state: "skipped",
      side: "crm",
      attachmentId: expect.any(String),
      name: "scan.tiff",
      size: OVER_LIMIT,
      reason: "too-large",
    });

    // The recorded skip makes the file known: later rounds neither copy nor warn again. (The Jira pass
    // re-reads the issue once, as after any copy: our upload moved its `updated`; it plans nothing.)
    const after = await cycles(world, 4);
    expect(total(after, (r) => r.counts.skipped.reasons["attachment-too-large"] ?? 0)).toBe(0);
    expect(total(after, (r) => r.counts.attachments)).toBe(0);
    expect(total(after, (r) => r.counts.examined)).toBe(total(after, (r) => r.counts.unchanged));
    expect(total(after, (r) => r.counts.examined)).toBeLessThanOrEqual(1);
  });

  it("sweeps nothing when K is 0 or the item has no attachment sync", async () => {
    world = await startWorld({ limits: { attachmentSweepLinks: 0 } });
    const [pair] = await quietDeals(world, 2);
    world.zohoSim.person.addAttachment("Deals", pair!.deal, "late.pdf", "%PDF late");
    world.zohoSim.inspect.resetCalls();
    const off = await cycles(world, 3);
    expect(world.zohoSim.inspect.calls()["attachments.list"]).toBeUndefined();
    expect(total(off, (r) => r.counts.attachments)).toBe(0);
    expect(jiraFiles(world, pair!.key)).toEqual([]);
  });

  it("resumes the round after the last link swept, across engines sharing the store", async () => {
    world = await startWorld({ limits: { attachmentSweepLinks: 2 } });
    const pairs = await quietDeals(world, 4);
    const other = world.makeEngine("engine-b");
    for (const { deal } of pairs) world.zohoSim.person.addAttachment("Deals", deal, "a.txt", "a");
    later(world);
    const first = await world.engine.runCycle(world.itemId);
    later(world);
    const second = await other.runCycle(world.itemId);
    expect([first.counts.attachments, second.counts.attachments]).toEqual([2, 2]);
    for (const { key } of pairs) expect(jiraFiles(world, key)).toEqual(["a.txt"]);
  });
});
