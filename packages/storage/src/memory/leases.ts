import type { Fence } from "../contracts/fence.js";
import type {
  AcquireLeaseInput,
  AssertFencingInput,
  Lease,
  LeaseState,
  LeaseStore,
  ReleaseLeaseInput,
  RenewLeaseInput,
} from "../contracts/leases.js";
import { LeaseLostError, type LeaseLostReason } from "../errors.js";
import { MAX_LEASE_TTL_MS } from "../limits.js";
import { requireDate, requireInteger, requireKey } from "../validate.js";

/** The memory lease store, plus the synchronous fence check the other memory stores share. */
export interface MemoryLeaseStore extends LeaseStore {
  /** Throws `LeaseLostError` unless the fence's token is live; synchronous so a write can follow atomically. */
  checkFence(fence: Fence): void;
}

interface Slot {
  lastToken: number;
  grant: LeaseState | null;
}

function lostReason(slot: Slot | undefined, token: number, nowMs: number): LeaseLostReason | null {
  const grant = slot?.grant;
  if (!grant) return "unknown-lease";
  if (token !== grant.token) return token < grant.token ? "superseded" : "unknown-lease";
  if (grant.status === "released") return "released";
  return nowMs < Date.parse(grant.expiresAt) ? null : "expired";
}

function toLease(state: LeaseState): Lease {
  const { status: _status, ...lease } = state;
  return lease;
}

/** Leases held in a `Map`; every check-and-set runs without an `await`, so it is atomic in one process. */
export function createMemoryLeaseStore(): MemoryLeaseStore {
  const slots = new Map<string, Slot>();

  function requireLive(name: string, token: number, nowMs: number): { slot: Slot; grant: LeaseState } {
    const slot = slots.get(name);
    const reason = lostReason(slot, token, nowMs);
    if (reason !== null || !slot?.grant) throw new LeaseLostError(name, token, reason ?? "unknown-lease");
    return { slot, grant: slot.grant };
  }

  function checkFence(fence: Fence): void {
    const name = requireKey(fence.lease, "fence.lease");
    const token = requireInteger(fence.token, "fence.token", 1, Number.MAX_SAFE_INTEGER);
    requireLive(name, token, requireDate(fence.now, "fence.now"));
  }

  return {
    checkFence,
    async acquire(input: AcquireLeaseInput) {
      const name = requireKey(input.name, "name");
      const holder = requireKey(input.holder, "holder");
      const ttlMs = requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS);
      const nowMs = requireDate(input.now, "now");
      const slot = slots.get(name) ?? { lastToken: 0, grant: null };
      const current = slot.grant;
      if (current && current.status === "held" && nowMs < Date.parse(current.expiresAt)) return null;
      const grant: LeaseState = {
        name,
        holder,
        token: slot.lastToken + 1,
        acquiredAt: new Date(nowMs).toISOString(),
        expiresAt: new Date(nowMs + ttlMs).toISOString(),
        status: "held",
      };
      slots.set(name, { lastToken: grant.token, grant });
      return toLease(grant);
    },
    async renew(input: RenewLeaseInput) {
      const name = requireKey(input.name, "name");
      const token = requireInteger(input.token, "token", 1, Number.MAX_SAFE_INTEGER);
      const ttlMs = requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS);
      const nowMs = requireDate(input.now, "now");
      const { slot, grant } = requireLive(name, token, nowMs);
      slot.grant = { ...grant, expiresAt: new Date(nowMs + ttlMs).toISOString() };
      return toLease(slot.grant);
    },
    async release(input: ReleaseLeaseInput) {
      const name = requireKey(input.name, "name");
      const token = requireInteger(input.token, "token", 1, Number.MAX_SAFE_INTEGER);
      const slot = slots.get(name);
      if (!slot?.grant || slot.grant.token !== token || slot.grant.status === "released") return false;
      slot.grant = { ...slot.grant, status: "released" };
      return true;
    },
    async assertFencing(input: AssertFencingInput) {
      const name = requireKey(input.name, "name");
      const token = requireInteger(input.token, "token", 1, Number.MAX_SAFE_INTEGER);
      requireLive(name, token, requireDate(input.now, "now"));
    },
    async get(name: string) {
      const grant = slots.get(requireKey(name, "name"))?.grant;
      return grant ? { ...grant } : null;
    },
  };
}
