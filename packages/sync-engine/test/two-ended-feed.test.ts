import { paginate } from "@kobik/storage";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  autoCreateDealsItem,
  createDeal,
  later,
  startWorld,
  type World,
  type WorldOptions,
} from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(() => expectNoSecretsInLogs());

// Auto-create of plain deals: the feed's reading is what these tests are about.
const feedItem = autoCreateDealsItem();

/** Record-list requests by sort order, as the simulator received them. */
function listOrders(urls: readonly string[]): { asc: number; desc: number } {
  const lists = urls.filter((u) => /\/crm\/v8\/Deals\?/.test(u));
  const order = (u: string) => new URL(u).searchParams.get("sort_order");
  return {
    asc: lists.filter((u) => order(u) === "asc").length,
    desc: lists.filter((u) => order(u) === "desc").length,
  };
}

async function start(options: WorldOptions & { pageSize: number }): Promise<World & { urls: string[] }> {
  const urls: string[] = [];
  const started = await startWorld({
    item: feedItem,
    ...options,
    limits: { crmPageSize: options.pageSize, ...options.limits },
    onZohoRequest: (count, url) => {
      urls.push(url);
      options.onZohoRequest?.(count, url);
    },
  });
  world = started;
  return Object.assign(started, { urls });
}

/** Runs `body` in a world of its own, closed afterwards: a property starts one per run. */
async function inOwnWorld(
  options: Parameters<typeof start>[0],
  body: (w: Awaited<ReturnType<typeof start>>) => Promise<void>,
): Promise<void> {
  const w = await start(options);
  try {
    await body(w);
  } finally {
    await w.close();
    world = undefined;
  }
}

async function linkedRecords(w: World): Promise<string[]> {
  const ids: string[] = [];
  for await (const link of paginate((page) => w.store.links.listByItem(w.itemId, page), 1000))
    ids.push(link.crm.recordId);
  return ids;
}

function modifiedMs(w: World, id: string): number {
  return Date.parse(String(w.zohoSim.inspect.record("Deals", id)?.Modified_Time));
}

async function crmCursor(w: World): Promise<string | null> {
  const cursor = (await w.store.cursors.get(w.itemId, "crm")) as { modifiedSince: string | null } | null;
  return cursor?.modifiedSince ?? null;
}

/** Every CRM record is linked to exactly one issue, and Jira holds no issue besides them. */
async function expectOneIssuePerRecord(w: World): Promise<void> {
  const records = w.zohoSim.inspect.recordIds("Deals");
  const linked = await linkedRecords(w);
  expect([...linked].sort()).toEqual([...records].sort());
  expect(w.jiraSim.inspect.issueKeys()).toHaveLength(records.length);
}

describe("the CRM feed read from both ends", () => {
  it("meets in the middle: every record handled once, at most one page past the meeting per end", async () => {
    const w = await start({ deals: 1000, pageSize: 100 });
    const result = await w.engine.runCycle(w.itemId);

    expect(result.outcome).toBe("succeeded");
    expect(result.counts.created).toBe(1000);
    await expectOneIssuePerRecord(w);
    const orders = listOrders(w.urls);
    expect(orders.asc).toBeGreaterThan(1);
    expect(orders.desc).toBeGreaterThan(1);
    // Each end has its next page in flight when the meeting shows: at most one read too many per end.
    expect(orders.asc + orders.desc).toBeLessThanOrEqual(10 + 2);
    const newest = Math.max(...w.zohoSim.inspect.recordIds("Deals").map((id) => modifiedMs(w, id)));
    expect(Date.parse((await crmCursor(w)) ?? "")).toBe(newest);
  });

  it("reads one page from the oldest end only when the feed fits in it", async () => {
    const w = await start({ deals: 80, pageSize: 100 });
    await w.engine.runCycle(w.itemId);
    expect(listOrders(w.urls)).toEqual({ asc: 1, desc: 0 });
    await expectOneIssuePerRecord(w);
  });

  it("reads records sharing one second once, not from both ends", async () => {
    const w = await start({ pageSize: 50 });
    // The manual clock stands still: all 230 deals carry the same Modified_Time.
    for (let i = 0; i < 230; i++) createDeal(w, `Same second ${i}`);
    later(w);
    const result = await w.engine.runCycle(w.itemId);

    expect(result.counts.created).toBe(230);
    await expectOneIssuePerRecord(w);
    const orders = listOrders(w.urls);
    // 5 pages from the oldest end, and the newest end's first page before it saw the tie.
    expect(orders.asc + orders.desc).toBeLessThanOrEqual(5 + 1);
  });

  it("syncs a record edited and one created while the ends were reading, on the next cycle", async () => {
    let acted = false;
    let edited = "";
    let created = "";
    const w = await start({
      deals: 600,
      pageSize: 100,
      onZohoRequest: (_n, url) => {
        if (acted || new URL(url).searchParams.get("sort_order") !== "desc") return;
        acted = true;
        later(w);
        edited = w.zohoSim.inspect.recordIds("Deals")[300] ?? "";
        w.zohoSim.person.editRecord("Deals", edited, { Amount: 4242.5 });
        created = createDeal(w, "Created mid-backfill");
      },
    });
    await w.engine.runCycle(w.itemId);
    later(w);
    await w.engine.runCycle(w.itemId);

    expect(acted).toBe(true);
    await expectOneIssuePerRecord(w);
    expect(await linkedRecords(w)).toContain(created);
    const link = await w.store.links.getByCrmRecord(w.itemId, edited);
    const issue = w.jiraSim.inspect.issue(link?.jira.issueKey ?? "");
    expect(JSON.stringify(issue?.fields)).toContain("4242.5");
  });

  it("after a failed newest-first read the cursor stays before every unhandled record, and the rerun creates no duplicates", async () => {
    let descReads = 0;
    let failing = true;
    const w = await start({
      deals: 700,
      pageSize: 100,
      onZohoRequest: (_n, url) => {
        if (new URL(url).searchParams.get("sort_order") !== "desc") return;
        descReads += 1;
        if (failing && descReads > 1) throw new TypeError("fetch failed: connection reset");
      },
    });
    const first = await w.engine.runCycle(w.itemId);
    expect(first.outcome).not.toBe("succeeded");
    const linked = new Set(await linkedRecords(w));
    const cursor = await crmCursor(w);
    const unlinked = w.zohoSim.inspect.recordIds("Deals").filter((id) => !linked.has(id));
    expect(unlinked.length).toBeGreaterThan(0);
    // The next pass reads from the cursor minus the one-second overlap: every unlinked record is in it.
    if (cursor !== null)
      for (const id of unlinked) expect(modifiedMs(w, id)).toBeGreaterThan(Date.parse(cursor) - 1000);

    failing = false;
    later(w);
    const second = await w.engine.runCycle(w.itemId);
    expect(second.outcome).toBe("succeeded");
    await expectOneIssuePerRecord(w);
  });

  it("property: a bulk create that fails anywhere in the feed is parked, then created once", async () => {
    await fc.assert(
      fc.asyncProperty(
        // At least two pages, each at least one bulk create: the first or the second create fails.
        fc.integer({ min: 80, max: 160 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 0, max: 1 }),
        (deals, pageSize, failedCall) =>
          inOwnWorld({ deals, pageSize }, async (w) => {
            for (let i = 0; i < failedCall; i++)
              w.jiraSim.faults.queue({ kind: "latency", ms: 0 }, { route: "issue.bulkCreate" });
            w.jiraSim.faults.queue({ kind: "serverError", status: 500 }, { route: "issue.bulkCreate" });
            const first = await w.engine.runCycle(w.itemId);
            expect(first.counts.failed).toBeGreaterThan(0);
            // Past the settle window, the next run finds no marker for the parked records and creates them.
            w.clock.advance(61_000);
            await w.engine.runCycle(w.itemId);
            await expectOneIssuePerRecord(w);
          }),
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it("property: any feed shape, any failed read, converges to one issue per record", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 0, maxLength: 90 }),
        fc.integer({ min: 1, max: 25 }),
        fc.option(
          fc.record({ order: fc.constantFrom("asc", "desc"), after: fc.integer({ min: 0, max: 4 }) }),
        ),
        (gaps, pageSize, failure) => {
          let reads = 0;
          let failing = failure !== null;
          const onZohoRequest = (_n: number, url: string) => {
            if (!failing || new URL(url).searchParams.get("sort_order") !== failure?.order) return;
            reads += 1;
            if (reads > failure.after) throw new TypeError("fetch failed: connection reset");
          };
          return inOwnWorld({ pageSize, onZohoRequest }, async (w) => {
            // Gaps of 0 seconds give ties; the records come in Modified_Time order.
            for (const [i, gap] of gaps.entries()) {
              w.clock.advance(gap * 1000);
              createDeal(w, `Deal ${i}`);
            }
            later(w);
            await w.engine.runCycle(w.itemId);
            failing = false;
            later(w);
            await w.engine.runCycle(w.itemId);
            await expectOneIssuePerRecord(w);
          });
        },
      ),
      { numRuns: 50 },
    );
  }, 120_000);
});
