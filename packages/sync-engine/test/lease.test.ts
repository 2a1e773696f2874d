import { createMemoryStore, type KobikStore } from "@kobik/storage";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createDeal, issueKeyOf, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => {
  vi.restoreAllMocks();
  await world?.close();
});
afterAll(() => expectNoSecretsInLogs());

const LEASE = "item:deals-to-tasks";

/** A memory store that counts lease renewals and notes every state write, in order. */
function watchedStore() {
  const store = createMemoryStore();
  const writes: string[] = [];
  let renewals = 0;
  const note =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      writes.push(name);
      return fn(...args);
    };
  const watched: KobikStore = {
    ...store,
    leases: {
      ...store.leases,
      renew: (input) => {
        renewals += 1;
        return store.leases.renew(input);
      },
    },
    links: {
      ...store.links,
      save: note("links.save", store.links.save),
      saveMany: note("links.save", store.links.saveMany),
      delete: note("links.delete", store.links.delete),
    },
    cursors: { ...store.cursors, set: note("cursors.set", store.cursors.set) },
    intents: {
      ...store.intents,
      record: note("intents.record", store.intents.record),
      recordMany: note("intents.record", store.intents.recordMany),
      complete: note("intents.complete", store.intents.complete),
      completeMany: note("intents.complete", store.intents.completeMany),
    },
    audit: {
      ...store.audit,
      append: (event) => note(`audit:${event.action}`, store.audit.append)(event),
      appendMany: (events) => {
        for (const event of events) writes.push(`audit:${event.action}`);
        return store.audit.appendMany(events);
      },
    },
  };
  return { store: watched, writes, renewals: () => renewals };
}

// Route names of the simulators' write endpoints (everything else only reads).
const WRITE_ROUTE =
  /\.(create|createRelated|bulkCreate|edit|update|updateOne|delete|deleteOne|transition|upload|insert|upsert|set)$/;

function apiWrites(w: World): number {
  const all = { ...w.jiraSim.inspect.calls(), ...w.zohoSim.inspect.calls() };
  return Object.entries(all)
    .filter(([route]) => WRITE_ROUTE.test(route) && !route.startsWith("oauth."))
    .reduce((n, [, count]) => n + count, 0);
}

/** Deals with a note each: their fresh links then mirror the notes to Jira after the CRM cursor is saved. */
function dealsWithNotes(w: World, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const deal = createDeal(w, `Lease ${i}`);
    w.zohoSim.person.addNote("Deals", deal, `Kick-off call ${i}`);
    return deal;
  });
}

// The first per-record notes read: the run has created and linked every issue and saved its CRM
// cursor, and is about to mirror notes to Jira comments.
const MIRRORING = /\/Deals\/\d+\/Notes/;

describe("item lease heartbeat", () => {
  it("keeps the lease through a run several TTLs long, then stops its timer and releases", async () => {
    const ttl = 1000;
    const watched = watchedStore();
    const intervals = vi.spyOn(globalThis, "setInterval");
    const cleared = vi.spyOn(globalThis, "clearInterval");
    world = await startWorld({
      store: watched.store,
      realTime: true,
      limits: { leaseTtlMs: ttl, linkConcurrency: 1 },
    });
    const deals = dealsWithNotes(world, 8);
    // Every Zoho call sleeps 250 ms and the notes are mirrored one link at a time, so the run takes
    // several TTLs on any machine (a floor set by the injected latency, not a speed check).
    world.zohoSim.faults.configure({ latencyMs: 250 });

    const result = await world.engine.runCycle(world.itemId);

    expect(result.durationMs).toBeGreaterThan(3 * ttl);
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe("succeeded");
    expect(result.counts.comments).toBe(deals.length);
    for (const deal of deals) expect(await issueKeyOf(world, deal)).toMatch(/^KOB-/);
    expect(watched.renewals()).toBeGreaterThan(0);
    expect((await world.store.leases.get(LEASE))?.status).toBe("released");

    const heartbeats = intervals.mock.results
      .filter((_, i) => intervals.mock.calls[i]?.[1] === Math.floor(ttl / 3))
      .map((r) => r.value as NodeJS.Timeout);
    expect(heartbeats).toHaveLength(1);
    const heartbeat = heartbeats[0] as NodeJS.Timeout;
    expect(heartbeat.hasRef()).toBe(false);
    expect(cleared.mock.calls.some(([timer]) => timer === heartbeat)).toBe(true);
  }, 60_000);

  it("renews nothing once the run is over", async () => {
    const watched = watchedStore();
    world = await startWorld({ store: watched.store, realTime: true, limits: { leaseTtlMs: 1000 } });
    dealsWithNotes(world, 2);
    world.zohoSim.faults.configure({ latencyMs: 250 });
    const result = await world.engine.runCycle(world.itemId);
    expect(result.outcome).toBe("succeeded");
    const after = watched.renewals();
    // Three heartbeat periods: a timer left running would have renewed (and failed) by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(watched.renewals()).toBe(after);
  }, 60_000);

  it("stops a run that stalled past its TTL while another process took the item: nothing written after", async () => {
    const watched = watchedStore();
    const ttl = 60_000;
    let writesAtLoss: number | undefined;
    world = await startWorld({
      store: watched.store,
      limits: { leaseTtlMs: ttl, linkConcurrency: 1 },
      onZohoRequest: (_, url) => {
        if (writesAtLoss !== undefined || !MIRRORING.test(url)) return;
        // The process stalls for two TTLs; meanwhile engine-b's scheduler takes the expired lease.
        world.clock.advance(2 * ttl);
        void world.store.leases.acquire({
          name: LEASE,
          holder: "engine-b",
          ttlMs: ttl,
          now: new Date(world.clock.now()),
        });
        writesAtLoss = apiWrites(world);
        watched.writes.push("LOST");
      },
    });
    const deals = dealsWithNotes(world, 4);

    const result = await world.engine.runCycle(world.itemId);

    expect(writesAtLoss).toBeDefined();
    expect(result.outcome).toBe("failed");
    expect(result.stop).toEqual({
      kind: "lease-lost",
      lease: LEASE,
      reason: "expired",
      message: expect.stringContaining("(expired)"),
    });
    expect(result.errors).toContainEqual({
      code: "LEASE_LOST",
      message: expect.stringContaining("(expired)"),
      ref: null,
    });
    expect(result.counts.comments).toBe(0);
    expect(apiWrites(world)).toBe(writesAtLoss);
    // The run's own record is closed; no link, cursor, intent or item audit event follows the loss.
    expect(watched.writes.slice(watched.writes.indexOf("LOST") + 1)).toEqual(["audit:run.finished"]);
    expect(world.logs.some((line) => line.includes('"msg":"sync.lease-lost"'))).toBe(true);
    // Its lease is engine-b's: releasing late changed nothing.
    expect((await world.store.leases.get(LEASE))?.holder).toBe("engine-b");

    // The successor finishes the work: every note mirrored once, no duplicate issue.
    const stolen = await world.store.leases.get(LEASE);
    await world.store.leases.release({ name: LEASE, token: stolen!.token });
    const next = await world.makeEngine("engine-b").runCycle(world.itemId);
    expect(next.outcome).toBe("succeeded");
    expect(world.jiraSim.inspect.issueKeys()).toHaveLength(deals.length);
    for (const deal of deals) {
      const issue = world.jiraSim.inspect.issue(await issueKeyOf(world, deal)) as unknown as {
        fields: { comment?: { comments: unknown[] } };
      };
      expect(issue.fields.comment?.comments).toHaveLength(1);
    }
  });

  it("stops a run whose lease another holder took over while it was live (heartbeat renewal refused)", async () => {
    const watched = watchedStore();
    let lost = false;
    world = await startWorld({
      store: watched.store,
      realTime: true,
      limits: { leaseTtlMs: 1000, linkConcurrency: 1 },
      onZohoRequest: (_, url) => {
        if (lost || !MIRRORING.test(url)) return;
        lost = true;
        // An operator force-releases the item and another scheduler takes it at once.
        const { leases } = world.store;
        void leases.get(LEASE).then(async (held) => {
          await leases.release({ name: LEASE, token: held!.token });
          await leases.acquire({ name: LEASE, holder: "intruder", ttlMs: 60_000, now: new Date() });
          watched.writes.push("LOST");
        });
      },
    });
    dealsWithNotes(world, 8);
    world.zohoSim.faults.configure({ latencyMs: 250 });

    const result = await world.engine.runCycle(world.itemId);

    expect(lost).toBe(true);
    expect(result.outcome).toBe("failed");
    expect(result.stop).toEqual({
      kind: "lease-lost",
      lease: LEASE,
      reason: "superseded",
      message: expect.stringContaining("(superseded)"),
    });
    expect(result.errors).toContainEqual({
      code: "LEASE_LOST",
      message: expect.stringContaining("(superseded)"),
      ref: null,
    });
    // Fencing refuses any store write the run tries before it notices; none gets through afterwards.
    const afterLoss = watched.writes.slice(watched.writes.indexOf("LOST") + 1);
    expect(afterLoss.filter((w) => w !== "links.save" && w !== "cursors.set")).toEqual([
      "audit:run.finished",
    ]);
    const links = await world.store.links.listByItem(world.itemId, { limit: 100 });
    expect(links.items.every((l) => l.version === 1)).toBe(true);
    expect((await world.store.leases.get(LEASE))?.holder).toBe("intruder");
  }, 60_000);
});
