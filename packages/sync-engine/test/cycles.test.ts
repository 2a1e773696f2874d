import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

type Fields = Record<string, unknown>;

function jiraFields(w: World, key: string): Fields {
  return (w.jiraSim.inspect.issue(key) as { fields: Fields }).fields;
}

function adf(text: string) {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

function adfText(doc: unknown): string {
  return (
    JSON.stringify(doc)
      .match(/"text":"([^"]*)"/g)
      ?.map((m) => m.slice(8, -1))
      .join("\n") ?? ""
  );
}

describe("cycles", () => {
  it("auto-creates issues for new CRM records and links them", async () => {
    world = await startWorld();
    const a = createDeal(world, "Acme renewal");
    const b = createDeal(world, "Globex expansion");
    const result = await world.engine.runCycle(world.itemId);
    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(2);
    const fields = jiraFields(world, await issueKeyOf(world, a));
    expect(fields.summary).toBe("Acme renewal");
    expect(fields.customfield_10052).toBe(1000);
    expect(await issueKeyOf(world, b)).toMatch(/^KOB-\d+$/);
  });

  it("syncs incrementally both ways: a CRM edit reaches Jira, then a Jira edit reaches CRM", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Initech");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "Customer wants a pilot" });
    const toJira = await world.engine.runCycle(world.itemId);
    expect(toJira.counts.updated).toBe(1);
    expect(adfText(jiraFields(world, key).description)).toBe("Customer wants a pilot");

    later(world);
    world.jiraSim.person.editIssue(key, { customfield_10052: 2500 });
    const toCrm = await world.engine.runCycle(world.itemId);
    expect(toCrm.counts.updated).toBe(1);
    expect(world.zohoSim.inspect.record("Deals", deal)?.Amount).toBe(2500);
  });

  it("merges concurrent edits of different fields: both survive", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Umbrella");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "Edited in CRM" });
    world.jiraSim.person.editIssue(key, { customfield_10052: 4200 });
    const result = await world.engine.runCycle(world.itemId);

    expect(result.counts.conflicts).toBe(0);
    expect(adfText(jiraFields(world, key).description)).toBe("Edited in CRM");
    expect(world.zohoSim.inspect.record("Deals", deal)?.Amount).toBe(4200);
    expect(jiraFields(world, key).customfield_10052).toBe(4200);
  });

  it("settles a same-field conflict by the latest change and records it", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Hooli");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "CRM says A" });
    later(world, 10);
    world.jiraSim.person.editIssue(key, { description: adf("Jira says B") });
    const result = await world.engine.runCycle(world.itemId);

    expect(result.counts.conflicts).toBe(1);
    expect(world.zohoSim.inspect.record("Deals", deal)?.Description).toBe("Jira says B");
    const audit = await world.store.audit.list({ by: "run", runId: result.runId! }, { limit: 100 });
    const conflict = audit.items.find((e) => e.action === "conflict.resolved");
    expect(conflict?.reason).toContain("jira won (latest-change");
  });

  it("moves Jira status through workflow transitions and reports a status with no transition", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Stark");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);
    const status = () => (jiraFields(world, key).status as { name: string }).name;
    expect(status()).toBe("To Do");

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Stage: "Closed Won" });
    const blocked = await world.engine.runCycle(world.itemId);
    expect(blocked.counts.skipped.reasons["no-transition"]).toBe(1);
    expect(status()).toBe("To Do");
    expect(world.zohoSim.inspect.record("Deals", deal)?.Stage).toBe("Closed Won");

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Stage: "Needs Analysis" });
    const moved = await world.engine.runCycle(world.itemId);
    expect(moved.counts.transitioned).toBe(1);
    expect(status()).toBe("In Progress");

    later(world);
    world.jiraSim.person.moveIssue(key, "In Review");
    await world.engine.runCycle(world.itemId);
    expect(world.zohoSim.inspect.record("Deals", deal)?.Stage).toBe("Negotiation/Review");
  });

  it("plans nothing on a second run right after the first", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Wayne");
    world.zohoSim.person.addNote("Deals", deal, "Called the buyer", { title: "Call" });
    await world.engine.runCycle(world.itemId);
    later(world);
    const second = await world.engine.runCycle(world.itemId, { dryRun: true });
    expect(second.creates).toEqual([]);
    expect(second.plans.length).toBeGreaterThan(0);
    for (const planned of second.plans) expect(planned.plan.operations).toEqual([]);
    const applied = await world.engine.runCycle(world.itemId);
    const { created, updated, transitioned, notes, comments, attachments } = applied.counts;
    expect({ created, updated, transitioned, notes, comments, attachments }).toEqual({
      created: 0,
      updated: 0,
      transitioned: 0,
      notes: 0,
      comments: 0,
      attachments: 0,
    });
  });

  it("returns the full plan on a dry run and writes nothing, not even cursors", async () => {
    world = await startWorld();
    createDeal(world, "Cyberdyne");
    world.jiraSim.inspect.resetCalls();
    const result = await world.engine.runCycle(world.itemId, { dryRun: true });

    expect(result.mode).toBe("dry-run");
    expect(result.creates).toHaveLength(1);
    expect(result.creates[0]?.plan.operation.fields).toMatchObject({ summary: "Cyberdyne" });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(world.jiraSim.inspect.issueKeys()).toEqual([]);
    expect(await world.store.cursors.get(world.itemId, "crm")).toBeNull();
    expect(await world.store.cursors.get(world.itemId, "jira")).toBeNull();
    expect((await world.store.links.listByItem(world.itemId, { limit: 10 })).items).toEqual([]);
    expect((await world.store.intents.listPending(world.itemId, { limit: 10 })).items).toEqual([]);
    const writes = Object.keys(world.jiraSim.inspect.calls()).filter(
      (route) => !/get|search|list|meta|field/i.test(route),
    );
    expect(writes).toEqual([]);
  });
});
