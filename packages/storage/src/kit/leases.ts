import type { Fence } from "../contracts/fence.js";
import type { AcquireLeaseInput, Lease, LeaseState, RenewLeaseInput } from "../contracts/leases.js";
import { LeaseLostError, type LeaseLostReason } from "../errors.js";
import { MAX_LEASE_TTL_MS } from "../limits.js";
import { requireDate, requireInteger, requireKey, requireToken } from "../validate.js";

/** A validated lease name and token, with the caller's `now` in epoch milliseconds. */
export interface LeaseCheck {
  readonly name: string;
  readonly token: number;
  readonly nowMs: number;
}

/** A validated `acquire` (and, without `holder`, `renew`) request. */
export interface LeaseGrantRequest {
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  readonly nowMs: number;
}

/** Validates `LeaseStore.acquire` input (`ttlMs` in `1..MAX_LEASE_TTL_MS`). */
export function readAcquireLease(input: AcquireLeaseInput): LeaseGrantRequest {
  return {
    name: requireKey(input.name, "name"),
    holder: requireKey(input.holder, "holder"),
    ttlMs: requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS),
    nowMs: requireDate(input.now, "now"),
  };
}

/** Validates `LeaseStore.renew` input. */
export function readRenewLease(input: RenewLeaseInput): LeaseCheck & { readonly ttlMs: number } {
  return {
    name: requireKey(input.name, "name"),
    token: requireToken(input.token, "token"),
    ttlMs: requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS),
    nowMs: requireDate(input.now, "now"),
  };
}

/** Validates a fence (fields named `fence.lease`, `fence.token`, `fence.now`). */
export function readFence(fence: Fence): LeaseCheck {
  return {
    name: requireKey(fence?.lease, "fence.lease"),
    token: requireToken(fence.token, "fence.token"),
    nowMs: requireDate(fence.now, "fence.now"),
  };
}

/** Whether a stored grant still excludes everyone else at `nowMs` (held and unexpired). */
export function isLeaseHeld(grant: LeaseState | null, nowMs: number): boolean {
  return grant !== null && grant.status === "held" && nowMs < Date.parse(grant.expiresAt);
}

/**
 * Why `token` no longer fences writes, given the latest grant of its lease name, or `null` while it
 * is live. Stores throw `LeaseLostError(name, token, reason)` on a non-null answer.
 */
export function leaseLostReason(
  grant: LeaseState | null,
  token: number,
  nowMs: number,
): LeaseLostReason | null {
  if (!grant) return "unknown-lease";
  if (token !== grant.token) return token < grant.token ? "superseded" : "unknown-lease";
  if (grant.status === "released") return "released";
  return nowMs < Date.parse(grant.expiresAt) ? null : "expired";
}

/**
 * The live grant `token` fences with, or `LeaseLostError(name, token, reason)`: the check every
 * fenced write, `renew` and `assertFencing` makes on the grant it read.
 */
export function requireLiveLease(
  name: string,
  grant: LeaseState | null,
  token: number,
  nowMs: number,
): LeaseState {
  const reason = leaseLostReason(grant, token, nowMs);
  if (reason !== null || grant === null) throw new LeaseLostError(name, token, reason ?? "unknown-lease");
  return grant;
}

/** A new grant after `lastToken` (the highest token ever issued for the name: tokens never go back). */
export function grantLease(request: LeaseGrantRequest, lastToken: number): LeaseState {
  return {
    name: request.name,
    holder: request.holder,
    token: lastToken + 1,
    acquiredAt: new Date(request.nowMs).toISOString(),
    expiresAt: new Date(request.nowMs + request.ttlMs).toISOString(),
    status: "held",
  };
}

/** The caller's view of a grant (without its status). */
export function toLease(state: LeaseState): Lease {
  const { status: _status, ...lease } = state;
  return lease;
}
