import { afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => world?.close());

describe("cycles", () => {
  it("auto-creates issues for new CRM records and links them", async () => {
    world = await startWorld();
    const a = createDeal(world, "Acme renewal");
    const b = createDeal(world, "Globex expansion");
    const result = await world.engine.runCycle(world.itemId);
    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(2);
    const issue = world.jiraSim.inspect.issue(await issueKeyOf(world, a)) as {
      fields: Record<string, unknown>;
    };
    expect(issue.fields.summary).toBe("Acme renewal");
    expect(issue.fields.customfield_10052).toBe(1000);
    expect(await issueKeyOf(world, b)).toMatch(/^KOB-\d+$/);
  });
});
