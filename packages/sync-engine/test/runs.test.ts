import { parseSmartConnectedItem } from "@kobik/sync-core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, dealsItem, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

async function saveItem(w: World, id: string, enabled: boolean): Promise<void> {
  const parsed = parseSmartConnectedItem(
    dealsItem({
      id,
      enabled,
      features: {
        autoCreate: false,
        statusSync: false,
        notesSync: false,
        attachmentSync: false,
        noteDeletions: "record",
      },
    }),
    { authMode: "app" },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await w.store.items.save(parsed.value);
}

describe("runAll", () => {
  it("runs a cycle of every enabled item and skips disabled ones", async () => {
    world = await startWorld();
    await saveItem(world, "deals-second", true);
    await saveItem(world, "deals-disabled", false);
    createDeal(world, "Everyone's deal");
    const results = await world.engine.runAll();
    expect(results.map((r) => r.itemId).sort()).toEqual(["deals-second", "deals-to-tasks"]);
    expect(results.every((r) => r.outcome === "succeeded" && r.runId !== null)).toBe(true);
    expect(results.find((r) => r.itemId === "deals-to-tasks")?.counts.created).toBe(1);
    expect((await world.store.runs.listRecent("deals-disabled", { limit: 5 })).items).toEqual([]);
  });
});

describe("cursor hold when maxParked is full", () => {
  it("parks failures while there is room, then holds the cursor before the next failure", async () => {
    world = await startWorld({ limits: { maxParked: 1, crmPageSize: 1 } });
    const ids = [createDeal(world, "First")];
    later(world);
    ids.push(createDeal(world, "Second"));
    later(world);
    ids.push(createDeal(world, "Third"));
    later(world);
    world.jiraSim.faults.queue({ kind: "serverError", status: 500 }, { times: 3, route: "issue.bulkCreate" });
    const failing = await world.engine.runCycle(world.itemId);
    expect(failing.outcome).toBe("partial");
    const cursor = (await world.store.cursors.get(world.itemId, "crm")) as {
      modifiedSince: string;
      parked: string[];
    };
    expect(cursor.parked).toEqual([ids[0]]);
    // Held before "Second": its Modified_Time is after the cursor, so the next run reads it again.
    const second = world.zohoSim.inspect.record("Deals", ids[1]!);
    expect(Date.parse(cursor.modifiedSince)).toBeLessThan(Date.parse(String(second?.Modified_Time)));

    // The failed creates left pending intents: past the settle window they are created again.
    world.clock.advance(61_000);
    const recovered = await world.engine.runCycle(world.itemId);
    expect(recovered.outcome).toBe("succeeded");
    for (const id of ids) expect(await world.store.links.getByCrmRecord(world.itemId, id)).not.toBeNull();
    const after = (await world.store.cursors.get(world.itemId, "crm")) as { parked: string[] };
    expect(after.parked).toEqual([]);
  });
});
