import { describe, expect, it } from "vitest";
import { MAX_LEASE_TTL_MS } from "../limits.js";
import { at, expectStorageError, makeLink, type UseStore } from "./fixtures.js";

const MINUTE = 60_000;

/** Lease rules: exclusion, expiry, takeover with a higher fencing token, stale holders refused. */
export function describeLeaseRules(use: UseStore): void {
  describe("leases", () => {
    it("grants a free lease with a positive token and expiry at now + ttl", async () => {
      const lease = await use().leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      expect(lease).toMatchObject({ name: "item:a", holder: "w1", acquiredAt: at(0).toISOString() });
      expect(lease?.expiresAt).toBe(at(MINUTE).toISOString());
      expect(lease?.token).toBeGreaterThanOrEqual(1);
    });

    it("refuses a held lease to anyone, the same holder included, until it expires", async () => {
      const { leases } = use();
      await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      expect(await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(1) })).toBeNull();
      expect(
        await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(MINUTE - 1) }),
      ).toBeNull();
    });

    it("lets exactly one of two concurrent acquirers hold the lease", async () => {
      const { leases } = use();
      const results = await Promise.all([
        leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) }),
        leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(0) }),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("lets exactly one of ten concurrent acquirers hold the lease", async () => {
      const { leases } = use();
      const attempts = Array.from({ length: 10 }, (_, i) =>
        leases.acquire({ name: "item:a", holder: `w${i}`, ttlMs: MINUTE, now: at(0) }),
      );
      expect((await Promise.all(attempts)).filter((r) => r !== null)).toHaveLength(1);
    });

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

    it("renews a live lease: same token, expiry moved to now + ttl", async () => {
      const { leases } = use();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const renewed = await leases.renew({
        name: "item:a",
        token: lease?.token ?? 0,
        ttlMs: MINUTE,
        now: at(50_000),
      });
      expect(renewed.token).toBe(lease?.token);
      expect(renewed.expiresAt).toBe(at(50_000 + MINUTE).toISOString());
      expect(
        await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE + 1) }),
      ).toBeNull();
    });

    it("refuses to renew an expired lease", async () => {
      const { leases } = use();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const renewal = leases.renew({
        name: "item:a",
        token: lease?.token ?? 0,
        ttlMs: MINUTE,
        now: at(MINUTE),
      });
      await expectStorageError(renewal, "LEASE_LOST", { reason: "expired" });
    });

    it("frees a released lease at once, and the next token is still higher", async () => {
      const { leases } = use();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      expect(await leases.release({ name: "item:a", token: lease?.token ?? 0 })).toBe(true);
      const next = await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(1) });
      expect(next?.token).toBeGreaterThan(lease?.token ?? Number.POSITIVE_INFINITY);
      await expectStorageError(
        leases.assertFencing({ name: "item:a", token: lease?.token ?? 0, now: at(2) }),
        "LEASE_LOST",
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

    it("keeps leases of different names independent", async () => {
      const { leases } = use();
      await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      expect(
        await leases.acquire({ name: "item:b", holder: "w2", ttlMs: MINUTE, now: at(0) }),
      ).not.toBeNull();
    });

    it("reports the latest grant with its status", async () => {
      const { leases } = use();
      expect(await leases.get("item:a")).toBeNull();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      expect(await leases.get("item:a")).toEqual({ ...lease, status: "held" });
      await leases.release({ name: "item:a", token: lease?.token ?? 0 });
      expect(await leases.get("item:a")).toMatchObject({ token: lease?.token, status: "released" });
    });

    it("refuses an unknown lease name in a fencing check", async () => {
      const check = use().leases.assertFencing({ name: "never", token: 1, now: at(0) });
      await expectStorageError(check, "LEASE_LOST", { reason: "unknown-lease" });
    });

    describe("fenced writes", () => {
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

    describe("input rules", () => {
      it.each([
        ["ttlMs", { ttlMs: 0 }],
        ["ttlMs", { ttlMs: -5 }],
        ["ttlMs", { ttlMs: 1.5 }],
        ["ttlMs", { ttlMs: MAX_LEASE_TTL_MS + 1 }],
        ["name", { name: "" }],
        ["holder", { holder: "" }],
        ["now", { now: new Date(Number.NaN) }],
      ])("refuses a bad %s in acquire (%o)", async (field, patch) => {
        const input = { name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0), ...patch };
        await expectStorageError(use().leases.acquire(input), "INVALID_INPUT", { field });
      });

      it.each([1, MINUTE, MAX_LEASE_TTL_MS])("accepts ttlMs %i", async (ttlMs) => {
        const lease = await use().leases.acquire({ name: "item:a", holder: "w1", ttlMs, now: at(0) });
        expect(lease?.expiresAt).toBe(at(ttlMs).toISOString());
      });

      it("refuses a non-positive token in a fencing check", async () => {
        const check = use().leases.assertFencing({ name: "item:a", token: 0, now: at(0) });
        await expectStorageError(check, "INVALID_INPUT", { field: "token" });
      });
    });
  });
}
