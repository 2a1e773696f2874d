import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, dealsItem, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

function jiraAmount(w: World, key: string): unknown {
  return (w.jiraSim.inspect.issue(key) as { fields: Record<string, unknown> }).fields.customfield_10052;
}

describe("crm.criteria scope", () => {
  it("auto-creates and syncs only records in scope; a linked record leaving it is audited and left alone", async () => {
    world = await startWorld({
      item: dealsItem({
        crm: { module: "Deals", criteria: "(Amount:greater_equal:1000)and(Stage:not_equal:Closed Lost)" },
      }),
    });
    const big = createDeal(world, "Big deal", { Amount: 5000 });
    const small = createDeal(world, "Small deal", { Amount: 10 });
    later(world); // settled: the next cycles do not re-read them from the overlap window
    const first = await world.engine.runCycle(world.itemId);
    expect(first.outcome).toBe("succeeded");
    expect(first.counts.created).toBe(1);
    expect(first.counts.skipped.reasons["out-of-scope"]).toBe(1);
    expect(await world.store.links.getByCrmRecord(world.itemId, small)).toBeNull();
    const key = await issueKeyOf(world, big);

    // The record leaves the scope: neither side's edits cross over, the link stays.
    later(world);
    world.zohoSim.person.editRecord("Deals", big, { Stage: "Closed Lost", Amount: 6000 });
    const leaving = await world.engine.runCycle(world.itemId);
    expect(leaving.counts.skipped.reasons["out-of-scope"]).toBe(1);
    expect(leaving.counts.updated).toBe(0);
    expect(jiraAmount(world, key)).toBe(5000);
    later(world);
    world.jiraSim.person.editIssue(key, { customfield_10052: 7000 });
    const jiraSide = await world.engine.runCycle(world.itemId);
    expect(jiraSide.counts.updated).toBe(0);
    expect(world.zohoSim.inspect.record("Deals", big)?.Amount).toBe(6000);
    expect(await world.store.links.getByCrmRecord(world.itemId, big)).not.toBeNull();
    const audit = await world.store.audit.list({ by: "run", runId: leaving.runId! }, { limit: 50 });
    expect(audit.items.find((e) => e.action === "link.out-of-scope")).toMatchObject({
      link: { crmRecordId: big },
      reason: expect.stringContaining("no longer matches crm.criteria"),
    });

    // Back in scope: the pair syncs again. Both amounts changed meanwhile: a conflict, which the CRM
    // record wins (its Stage edit makes it the latest change).
    later(world);
    world.zohoSim.person.editRecord("Deals", big, { Stage: "Qualification" });
    const back = await world.engine.runCycle(world.itemId);
    expect(back.counts.skipped.reasons["out-of-scope"]).toBeUndefined();
    expect(back.counts.conflicts).toBe(1);
    expect(jiraAmount(world, key)).toBe(6000);
  });

  it("does not auto-create an out-of-scope record named by a Zoho notification", async () => {
    world = await startWorld({
      item: dealsItem({ crm: { module: "Deals", criteria: "(Deal_Name:starts_with:VIP)" } }),
    });
    const plain = createDeal(world, "Plain deal");
    const vip = createDeal(world, "VIP deal");
    const push = await world.engine.handleZohoNotification({
      server_time: world.clock.now(),
      module: "Deals",
      operation: "insert",
      channel_id: "1000068001",
      token: "kobik-channel-token-0001",
      ids: [plain, vip],
    });
    expect(push.results[0]?.counts.created).toBe(1);
    expect(push.results[0]?.counts.skipped.reasons["out-of-scope"]).toBe(1);
    expect(await world.store.links.getByCrmRecord(world.itemId, plain)).toBeNull();
    expect(await world.store.links.getByCrmRecord(world.itemId, vip)).not.toBeNull();
  });
});
