import { describe, expect, it } from "vitest";
import { at, expectStorageError, makeLink, type UseStore } from "./fixtures.js";

const MINUTE = 60_000;

/** Takeover rules: an expired lease changes hands with a higher token, and stale holders are refused. */
export function describeFencingRules(use: UseStore): void {
  describe("lease takeover and fencing", () => {
    it("hands an expired lease to a new holder with a higher fencing token", async () => {
      const { leases } = use();
      const first = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const second = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE) });
      expect(second?.holder).toBe("w2");
      expect(second?.token).toBeGreaterThan(first?.token ?? Number.POSITIVE_INFINITY);
    });

    it("lets exactly one of two concurrent acquirers take over an expired lease", async () => {
      const { leases } = use();
      const first = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const results = await Promise.all([
        leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(2 * MINUTE) }),
        leases.acquire({ name: "item:a", holder: "w3", ttlMs: MINUTE, now: at(2 * MINUTE) }),
      ]);
      const granted = results.filter((r) => r !== null);
      expect(granted).toHaveLength(1);
      expect(granted[0]?.token).toBeGreaterThan(first?.token ?? Number.POSITIVE_INFINITY);
    });

    it("refuses the stale holder after a takeover and accepts the new one", async () => {
      const { leases } = use();
      const old = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const next = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE + 5) });
      const now = at(MINUTE + 10);
      await expectStorageError(
        leases.assertFencing({ name: "item:a", token: old?.token ?? 0, now }),
        "LEASE_LOST",
        {
          lease: "item:a",
          reason: "superseded",
        },
      );
      await expectStorageError(
        leases.renew({ name: "item:a", token: old?.token ?? 0, ttlMs: MINUTE, now }),
        "LEASE_LOST",
      );
      await expect(
        leases.assertFencing({ name: "item:a", token: next?.token ?? 0, now }),
      ).resolves.toBeUndefined();
    });

    it("refuses a holder whose lease expired even before anyone took over", async () => {
      const { leases } = use();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const token = lease?.token ?? 0;
      await expect(
        leases.assertFencing({ name: "item:a", token, now: at(MINUTE - 1) }),
      ).resolves.toBeUndefined();
      await expectStorageError(
        leases.assertFencing({ name: "item:a", token, now: at(MINUTE) }),
        "LEASE_LOST",
        {
          reason: "expired",
        },
      );
    });

    it("ignores a late release by a stale holder: the current holder keeps the lease", async () => {
      const { leases } = use();
      const old = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const next = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE) });
      expect(await leases.release({ name: "item:a", token: old?.token ?? 0 })).toBe(false);
      await expect(
        leases.assertFencing({ name: "item:a", token: next?.token ?? 0, now: at(MINUTE + 1) }),
      ).resolves.toBeUndefined();
    });

    it("refuses an unknown lease name in a fencing check", async () => {
      const check = use().leases.assertFencing({ name: "never", token: 1, now: at(0) });
      await expectStorageError(check, "LEASE_LOST", { reason: "unknown-lease" });
    });

    it("refuses a cursor write from a stale holder and keeps the live holder's value", async () => {
      const { leases, cursors } = use();
      const old = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const next = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE) });
      const now = at(MINUTE + 1);
      await cursors.set("a", "crm", "new", { fence: { lease: "item:a", token: next?.token ?? 0, now } });
      const stale = cursors.set("a", "crm", "old", {
        fence: { lease: "item:a", token: old?.token ?? 0, now },
      });
      await expectStorageError(stale, "LEASE_LOST", { reason: "superseded" });
      expect(await cursors.get("a", "crm")).toBe("new");
    });

    it("refuses a link save from a stale holder and accepts the live holder's", async () => {
      const { leases, links } = use();
      const old = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const now = at(MINUTE);
      const staleFence = { lease: "item:a", token: old?.token ?? 0, now };
      await expectStorageError(
        links.save(makeLink("a", "1", "r1"), { expectedVersion: 0, fence: staleFence }),
        "LEASE_LOST",
      );
      expect(await links.getByJiraIssue("a", "1")).toBeNull();
      const next = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now });
      const fence = { lease: "item:a", token: next?.token ?? 0, now };
      await expect(
        links.save(makeLink("a", "1", "r1"), { expectedVersion: 0, fence }),
      ).resolves.toMatchObject({ version: 1 });
      await expectStorageError(links.delete("a", "1", { fence: staleFence }), "LEASE_LOST");
      expect(await links.delete("a", "1", { fence })).toBe(true);
    });
  });
}
