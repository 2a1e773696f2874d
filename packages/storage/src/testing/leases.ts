import { describe, expect, it } from "vitest";
import { MAX_LEASE_TTL_MS } from "../limits.js";
import { at, expectStorageError, type UseStore } from "./fixtures.js";

const MINUTE = 60_000;

/** Lease rules: exclusion (also under concurrency), expiry, renew, release, bounds of the input. */
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
