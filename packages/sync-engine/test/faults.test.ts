import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

describe("auth and service faults", () => {
  it("refreshes an access token that expires mid-run and completes the run", async () => {
    let expire: (() => void) | undefined;
    world = await startWorld({
      // The 6th Zoho request finds its token expired server-side.
      onZohoRequest: (n) => {
        if (n === 6) expire?.();
      },
    });
    expire = () => world.zohoSim.faults.expireAccessTokens();
    const before = (await world.tokenStore.get())?.accessToken;
    for (let i = 0; i < 4; i++) createDeal(world, `Expiring ${i}`);
    const result = await world.engine.runCycle(world.itemId);
    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(4);
    expect((await world.tokenStore.get())?.accessToken).not.toBe(before);
  });

  it("marks a revoked grant 'reconnect required', stops automation, and loses nothing", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Revoked Inc");
    await world.engine.runCycle(world.itemId);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "Edited during the outage" });
    world.zohoSim.faults.revokeTokens();
    const stopped = await world.engine.runCycle(world.itemId);
    expect(stopped.stop).toMatchObject({ kind: "reconnect-required", service: "crm" });
    expect(await world.engine.connectionStatus()).toMatchObject({
      kind: "reconnect-required",
      service: "crm",
    });

    const idle = await world.engine.runCycle(world.itemId);
    expect(idle.runId).toBeNull();
    expect(idle.apiCalls).toEqual({ crm: 0, jira: 0 });
    expect(idle.stop.kind).toBe("reconnect-required");

    await world.reconnect();
    await world.engine.clearReconnectRequired();
    later(world);
    const resumed = await world.engine.runCycle(world.itemId);
    expect(resumed.outcome).toBe("succeeded");
    const issue = world.jiraSim.inspect.issue(await issueKeyOf(world, deal)) as {
      fields: { description: unknown };
    };
    expect(JSON.stringify(issue.fields.description)).toContain("Edited during the outage");
  });

  it("completes runs through 429 storms and 5xx errors without duplicates", async () => {
    world = await startWorld();
    const deals = Array.from({ length: 12 }, (_, i) => createDeal(world, `Stormy ${i}`));
    world.zohoSim.faults.configure({
      seed: 7,
      rateLimitBurst: { every: 4, length: 2 },
      serverErrorRatio: 0.15,
    });
    world.jiraSim.faults.configure({
      seed: 11,
      rateLimitBurst: { every: 5, length: 2 },
      serverErrorRatio: 0.15,
    });
    const first = await world.engine.runCycle(world.itemId);
    expect(first.stop.kind).toBe("completed");
    // Creates are never retried blindly after a 5xx: their intents wait for the marker search.
    for (let round = 0; round < 6; round++) {
      const linked = await world.store.links.listByItem(world.itemId, { limit: 100 });
      if (linked.items.length === deals.length) break;
      later(world, 61);
      const next = await world.engine.runCycle(world.itemId);
      expect(next.stop.kind).toBe("completed");
    }
    world.zohoSim.faults.clear();
    world.jiraSim.faults.clear();
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(deals.length);
    for (const deal of deals) expect(await issueKeyOf(world, deal)).toMatch(/^KOB-/);
  });
});
