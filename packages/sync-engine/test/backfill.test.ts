import { paginate } from "@kobik/storage";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { autoCreateDealsItem, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

describe("backfill", () => {
  it("reads past 2,000 CRM records from each end with page tokens and creates one issue per record", async () => {
    const total = 4150;
    const tokenReads = new Set<string | null>();
    world = await startWorld({
      deals: total,
      onZohoRequest: (_n, url) => {
        const query = new URL(url).searchParams;
        if (query.has("page_token")) tokenReads.add(query.get("sort_order"));
      },
      item: autoCreateDealsItem(),
    });
    const result = await world.engine.runCycle(world.itemId);

    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(total);
    // 21 pages, read from both ends (page numbers, then page tokens past row 2,000); each end may
    // have read one page past the meeting point.
    expect(world.zohoSim.inspect.calls()["records.list"]).toBeLessThanOrEqual(Math.ceil(total / 200) + 2);
    expect([...tokenReads].sort()).toEqual(["asc", "desc"]);
    let links = 0;
    for await (const _ of paginate((page) => world.store.links.listByItem(world.itemId, page), 1000)) links++;
    expect(links).toBe(total);
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(total);
    // Jira's bulk create takes 50 issues per call.
    expect(world.jira.calls.snapshot()["POST /rest/api/3/issue/bulk"]).toBe(Math.ceil(total / 50));
    const ids = world.zohoSim.inspect.recordIds("Deals");
    const newest = Math.max(
      ...ids.map((id) => Date.parse(String(world.zohoSim.inspect.record("Deals", id)?.Modified_Time))),
    );
    const cursor = (await world.store.cursors.get(world.itemId, "crm")) as { modifiedSince: string };
    expect(Date.parse(cursor.modifiedSince)).toBe(newest);
  });
});
