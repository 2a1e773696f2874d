import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, dealsItem, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

const amountOf = (w: World, id: string) => w.zohoSim.inspect.record("Deals", id)?.Amount;

describe("the item's Jira JQL filter", () => {
  it("is ANDed into the cycle's search as one parenthesised clause", async () => {
    world = await startWorld({
      item: dealsItem({
        jira: { projectKey: "KOB", issueType: "Task", jql: "labels = vip OR labels = gold" },
      }),
    });
    const a = createDeal(world, "Vip A");
    const b = createDeal(world, "Gold B");
    const c = createDeal(world, "Plain C");
    later(world);
    await world.engine.runCycle(world.itemId);
    const [keyA, keyB, keyC] = [
      await issueKeyOf(world, a),
      await issueKeyOf(world, b),
      await issueKeyOf(world, c),
    ];

    later(world);
    world.jiraSim.person.editIssue(keyA, { labels: ["vip"] });
    expect((await world.engine.runCycle(world.itemId)).counts.examined).toBe(1);

    // Ten minutes on, B (in the filter) and C (outside it) are edited: only B reaches the CRM.
    world.clock.advance(10 * 60_000);
    world.jiraSim.person.editIssue(keyB, { labels: ["gold"], customfield_10052: 2222 });
    world.jiraSim.person.editIssue(keyC, { customfield_10052: 3333 });
    later(world);
    const edited = await world.engine.runCycle(world.itemId);
    expect(edited.counts.updated).toBe(1);
    expect(amountOf(world, b)).toBe(2222);
    expect(amountOf(world, c)).toBe(1000);

    // A was last updated long before the cursor. Unparenthesised, "... AND labels = vip OR labels =
    // gold AND updated >= ..." would return it whatever its age and sync it again.
    // (The first quiet cycle re-reads B's CRM record, written in the previous run's last second.)
    later(world);
    await world.engine.runCycle(world.itemId);
    later(world);
    const quiet = await world.engine.runCycle(world.itemId);
    expect(quiet.counts.examined).toBe(0);
    expect(quiet.outcome).toBe("succeeded");
  });
});

describe("non-UTC Jira time zones", () => {
  for (const [offset, zone] of [
    ["-05:00", "Etc/GMT+5"],
    ["+05:30", "Asia/Kolkata"],
  ] as const) {
    it(`writes JQL dates in the Jira user's zone (${zone}): edits right after the cursor are found`, async () => {
      world = await startWorld({ jira: { timeZoneOffset: offset }, limits: { jiraTimeZone: zone } });
      const deal = createDeal(world, "Zoned");
      later(world);
      await world.engine.runCycle(world.itemId);
      const key = await issueKeyOf(world, deal);
      // Past the two-minute overlap, so only a correctly zoned "updated >=" finds the edit.
      world.clock.advance(5 * 60_000);
      await world.engine.runCycle(world.itemId);
      later(world);
      world.jiraSim.person.editIssue(key, { customfield_10052: 4321 });
      later(world);
      const result = await world.engine.runCycle(world.itemId);
      expect(result.counts.updated).toBe(1);
      expect(amountOf(world, deal)).toBe(4321);
    });
  }
});
