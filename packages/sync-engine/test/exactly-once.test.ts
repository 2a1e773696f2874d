import { createMemoryStore, type KobikStore } from "@kobik/storage";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

/**
 * A store whose process "dies" right after Jira created the issue: the first store step that would
 * complete an intent (with its link) throws, so neither the completion nor the link is written.
 */
function crashAfterCreate(): { store: KobikStore; crashes: () => number } {
  const store = createMemoryStore();
  let crashes = 0;
  const crashOnce = () => {
    if (crashes > 0) return;
    crashes += 1;
    throw new Error("simulated crash between the create and the link save");
  };
  // The engine completes a chunk's intents in the `links.saveMany` that saves their links; the
  // single and batch completions are covered too, should a path use them.
  const links: KobikStore["links"] = {
    ...store.links,
    saveMany: async (entries, options) => {
      if (entries.some((e) => e.completes !== undefined)) crashOnce();
      return store.links.saveMany(entries, options);
    },
  };
  const intents: KobikStore["intents"] = {
    ...store.intents,
    complete: async (input) => {
      crashOnce();
      return store.intents.complete(input);
    },
    completeMany: async (inputs) => {
      crashOnce();
      return store.intents.completeMany(inputs);
    },
  };
  return { store: { ...store, links, intents }, crashes: () => crashes };
}

describe("exactly-once creates", () => {
  it("recovers a create interrupted before the link was saved: rerun -> exactly one issue", async () => {
    const { store, crashes } = crashAfterCreate();
    // Search lags behind writes, as Jira's does: the marker is not findable right after the crash.
    world = await startWorld({ store, jira: { searchLagMs: 30_000 }, limits: { createSettleMs: 60_000 } });
    const deal = createDeal(world, "Massive Dynamic");

    const crashed = await world.engine.runCycle(world.itemId);
    expect(crashes()).toBe(1);
    expect(crashed.outcome).toBe("partial");
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(1);
    expect(await world.store.links.getByCrmRecord(world.itemId, deal)).toBeNull();

    later(world, 1);
    const tooEarly = await world.engine.runCycle(world.itemId);
    expect(tooEarly.counts.skipped.reasons["create-pending-settle"]).toBe(1);
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(1);

    later(world, 61);
    await world.engine.runCycle(world.itemId);
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(1);
    expect(await issueKeyOf(world, deal)).toBe(world.jiraSim.inspect.issueKeys()[0]);
    const pending = await world.store.intents.listPending(world.itemId, { limit: 10 });
    expect(pending.items).toEqual([]);
  });

  it("lets only one of two engines racing on one item run it: no duplicates", async () => {
    world = await startWorld();
    for (let i = 0; i < 5; i++) createDeal(world, `Race ${i}`);
    const a = world.engine;
    const b = world.makeEngine("engine-b");
    const [ra, rb] = await Promise.all([a.runCycle(world.itemId), b.runCycle(world.itemId)]);
    const stops = [ra.stop.kind, rb.stop.kind].sort();
    expect(stops).toEqual(["busy", "completed"]);
    later(world);
    await Promise.all([a.runCycle(world.itemId), b.runCycle(world.itemId)]);
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(5);
    const links = await world.store.links.listByItem(world.itemId, { limit: 100 });
    expect(links.items).toHaveLength(5);
  });

  it("refuses writes of a holder whose lease was taken over (fencing)", async () => {
    world = await startWorld({ limits: { leaseTtlMs: 1000 } });
    const deal = createDeal(world, "Fenced");
    const lease = await world.store.leases.acquire({
      name: `item:${world.itemId}`,
      holder: "stale",
      ttlMs: 1000,
      now: new Date(world.clock.now()),
    });
    expect(lease).not.toBeNull();
    const busy = await world.engine.runCycle(world.itemId);
    expect(busy.stop).toEqual({ kind: "busy", holder: "stale" });
    later(world, 2);
    const taken = await world.engine.runCycle(world.itemId);
    expect(taken.stop.kind).toBe("completed");
    await expect(
      world.store.cursors.set(
        world.itemId,
        "crm",
        { modifiedSince: null },
        {
          fence: { lease: lease!.name, token: lease!.token, now: new Date(world.clock.now()) },
        },
      ),
    ).rejects.toMatchObject({ code: "LEASE_LOST" });
    expect(await issueKeyOf(world, deal)).toMatch(/^KOB-/);
  });
});
