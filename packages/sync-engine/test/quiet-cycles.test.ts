import type { SyncProgressEvent } from "@kobik/sync-engine";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

/** Calls per sandbox route during `fn`, both simulators. */
async function routesDuring(w: World, fn: () => Promise<unknown>): Promise<Record<string, number>> {
  w.zohoSim.inspect.resetCalls();
  w.jiraSim.inspect.resetCalls();
  await fn();
  return { ...w.zohoSim.inspect.calls(), ...w.jiraSim.inspect.calls() };
}

const BEYOND_OVERLAP_MS = 3 * 60_000;

describe("quiet cycles", () => {
  it("re-reads the Jira overlap window with searches only, and past it costs the same at any size", async () => {
    world = await startWorld({ deals: 130 });
    const backfill = await world.engine.runCycle(world.itemId);
    expect(backfill.counts.created).toBe(130);

    later(world);
    let inWindow = await world.engine.runCycle(world.itemId);
    const windowRoutes = await routesDuring(world, async () => {
      later(world);
      inWindow = await world.engine.runCycle(world.itemId);
    });
    expect(inWindow.counts.examined).toBe(0);
    // One ids page, then `updated`/`created` of 130 issues in two searches; no per-record reads.
    expect(windowRoutes["search.jql"]).toBe(3);
    expect(windowRoutes["records.get"]).toBeUndefined();
    expect(windowRoutes["notes.listRelated"]).toBeUndefined();
    expect(windowRoutes["issue.get"]).toBeUndefined();

    world.clock.advance(BEYOND_OVERLAP_MS);
    await world.engine.runCycle(world.itemId);
    let quiet = await world.engine.runCycle(world.itemId);
    const quietRoutes = await routesDuring(world, async () => {
      later(world);
      quiet = await world.engine.runCycle(world.itemId);
    });
    expect(quiet.counts.examined).toBe(0);
    expect(quietRoutes["search.jql"]).toBe(1);
    expect(quiet.apiCalls.jira).toBe(2); // field metadata + one empty ids page
    // Metadata, deleted, records and notes feeds, plus the attachment sweep: 25 records' lists (the
    // default `attachmentSweepLinks`), however many links the item has.
    expect(quietRoutes["attachments.list"]).toBe(25);
    expect(quiet.apiCalls.crm).toBeLessThanOrEqual(5 + 25);
  });

  it("still syncs a Jira edit made long after the last pass", async () => {
    world = await startWorld({ deals: 3 });
    await world.engine.runCycle(world.itemId);
    world.clock.advance(BEYOND_OVERLAP_MS);
    await world.engine.runCycle(world.itemId);
    const deal = world.zohoSim.inspect.recordIds("Deals")[0]!;
    const key = await issueKeyOf(world, deal);
    later(world, 30);
    world.jiraSim.person.editIssue(key, { customfield_10052: 4321 });
    world.clock.advance(10 * 60_000);
    const result = await world.engine.runCycle(world.itemId);
    expect(result.counts.updated).toBe(1);
    expect(world.zohoSim.inspect.record("Deals", deal)?.Amount).toBe(4321);
  });

  it("an edited auto-created issue is synced even though its base has no `updated` yet", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Hooli");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);
    later(world);
    world.jiraSim.person.editIssue(key, { customfield_10052: 777 });
    const result = await world.engine.runCycle(world.itemId);
    expect(result.counts.updated).toBe(1);
    expect(world.zohoSim.inspect.record("Deals", deal)?.Amount).toBe(777);
  });
});

describe("onProgress", () => {
  it("reports pages, creates and the outcome of a backfill, adding up to its counts", async () => {
    world = await startWorld({ deals: 260 });
    const events: SyncProgressEvent[] = [];
    const result = await world.engine.runCycle(world.itemId, { onProgress: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ kind: "run-started", itemId: world.itemId, runId: result.runId });
    expect(events.at(-1)).toEqual({
      kind: "run-finished",
      itemId: world.itemId,
      runId: result.runId,
      outcome: "succeeded",
    });
    const sum = (kind: SyncProgressEvent["kind"], key: string) =>
      events
        .filter((e) => e.kind === kind)
        .reduce((n, e) => n + ((e as unknown as Record<string, number>)[key] ?? 0), 0);
    expect(sum("crm-page-read", "records")).toBe(260);
    expect(sum("crm-page-done", "records")).toBe(260);
    expect(sum("issues-created", "created")).toBe(result.counts.created);
    expect(events.filter((e) => e.kind === "crm-page-read")).toHaveLength(2);
  });

  it("reports planned and executed links of an incremental cycle", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Vandelay");
    await world.engine.runCycle(world.itemId);
    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "Imports and exports" });
    const events: SyncProgressEvent[] = [];
    await world.engine.runAll({ onProgress: (e) => events.push(e) });
    expect(events).toContainEqual({ kind: "links-planned", itemId: world.itemId, links: 1, operations: 1 });
    expect(events).toContainEqual({ kind: "operations-executed", itemId: world.itemId, links: 1, failed: 0 });
  });

  it("a listener that throws is logged and never breaks the run", async () => {
    world = await startWorld();
    createDeal(world, "Pied Piper");
    const result = await world.engine.runCycle(world.itemId, {
      onProgress: () => {
        throw new Error("bar broke");
      },
    });
    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(1);
    expect(world.logs.some((l) => l.includes("sync.progress-listener-failed"))).toBe(true);
  });
});
