import type { Fence } from "../contracts/fence.js";
import type { LeaseState, LeaseStore } from "../contracts/leases.js";
import {
  grantLease,
  isLeaseHeld,
  readAcquireLease,
  readFence,
  readRenewLease,
  requireLiveLease,
  toLease,
} from "../kit/leases.js";
import { requireDate, requireKey, requireToken } from "../validate.js";

/** The memory lease store, plus the synchronous fence check the other memory stores share. */
export interface MemoryLeaseStore extends LeaseStore {
  /** Throws `LeaseLostError` unless the fence's token is live; synchronous so a write can follow atomically. */
  checkFence(fence: Fence): void;
}

interface Slot {
  lastToken: number;
  grant: LeaseState | null;
}

/** Leases held in a `Map`; every check-and-set runs without an `await`, so it is atomic in one process. */
export function createMemoryLeaseStore(): MemoryLeaseStore {
  const slots = new Map<string, Slot>();

  const requireLive = (name: string, token: number, nowMs: number) =>
    requireLiveLease(name, slots.get(name)?.grant ?? null, token, nowMs);

  return {
    checkFence(fence) {
      const f = readFence(fence);
      requireLive(f.name, f.token, f.nowMs);
    },
    async acquire(input) {
      const request = readAcquireLease(input);
      const slot = slots.get(request.name) ?? { lastToken: 0, grant: null };
      if (isLeaseHeld(slot.grant, request.nowMs)) return null;
      const grant = grantLease(request, slot.lastToken);
      slots.set(request.name, { lastToken: grant.token, grant });
      return toLease(grant);
    },
    async renew(input) {
      const { name, token, ttlMs, nowMs } = readRenewLease(input);
      const grant = { ...requireLive(name, token, nowMs), expiresAt: new Date(nowMs + ttlMs).toISOString() };
      // A live grant is the name's latest one, so its token is the highest issued.
      slots.set(name, { lastToken: grant.token, grant });
      return toLease(grant);
    },
    async release(input) {
      const name = requireKey(input.name, "name");
      const token = requireToken(input.token, "token");
      const slot = slots.get(name);
      if (!slot?.grant || slot.grant.token !== token || slot.grant.status === "released") return false;
      slot.grant = { ...slot.grant, status: "released" };
      return true;
    },
    async assertFencing(input) {
      const name = requireKey(input.name, "name");
      const token = requireToken(input.token, "token");
      requireLive(name, token, requireDate(input.now, "now"));
    },
    async get(name: string) {
      const grant = slots.get(requireKey(name, "name"))?.grant;
      return grant ? { ...grant } : null;
    },
  };
}
