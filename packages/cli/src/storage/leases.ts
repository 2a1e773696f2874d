import {
  type Fence,
  type Lease,
  LeaseLostError,
  type LeaseLostReason,
  type LeaseState,
  type LeaseStore,
  MAX_LEASE_TTL_MS,
} from "@kobik/storage";
import type { Db } from "./database.js";
import { requireDate, requireInteger, requireKey, requireToken } from "./validate.js";

interface LeaseRow {
  name: string;
  holder: string;
  token: number;
  acquired_at: string;
  expires_at: string;
  status: "held" | "released";
}

/** The SQLite lease store plus the in-transaction fence check links and cursors share. */
export interface SqliteLeaseStore extends LeaseStore {
  /** Throws `LeaseLostError` unless the fence is live; call inside the write's transaction. */
  checkFence(fence: Fence): void;
}

function toState(row: LeaseRow): LeaseState {
  return {
    name: row.name,
    holder: row.holder,
    token: row.token,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
    status: row.status,
  };
}

function toLease(row: LeaseRow): Lease {
  const { status: _status, ...lease } = toState(row);
  return lease;
}

function lostReason(row: LeaseRow | undefined, token: number, nowMs: number): LeaseLostReason | null {
  if (!row) return "unknown-lease";
  if (token !== row.token) return token < row.token ? "superseded" : "unknown-lease";
  if (row.status === "released") return "released";
  return nowMs < Date.parse(row.expires_at) ? null : "expired";
}

/**
 * One row per lease name holding its latest grant. The row is never deleted, so the next token is
 * always the stored one plus one: tokens never go back, even after release.
 */
export function createSqliteLeaseStore(db: Db): SqliteLeaseStore {
  const get = db.sqlite.prepare("SELECT * FROM leases WHERE name = ?");
  const grant = db.sqlite.prepare(
    `INSERT INTO leases (name, holder, token, acquired_at, expires_at, status) VALUES (?, ?, ?, ?, ?, 'held')
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token,
       acquired_at = excluded.acquired_at, expires_at = excluded.expires_at, status = 'held'`,
  );
  const extend = db.sqlite.prepare("UPDATE leases SET expires_at = ? WHERE name = ?");
  const release = db.sqlite.prepare(
    "UPDATE leases SET status = 'released' WHERE name = ? AND token = ? AND status = 'held'",
  );
  const read = (name: string) => get.get(name) as LeaseRow | undefined;

  function requireLive(name: string, token: number, nowMs: number): LeaseRow {
    const row = read(name);
    const reason = lostReason(row, token, nowMs);
    if (reason !== null || !row) throw new LeaseLostError(name, token, reason ?? "unknown-lease");
    return row;
  }

  return {
    checkFence(fence) {
      const name = requireKey(fence?.lease, "fence.lease");
      const token = requireToken(fence.token, "fence.token");
      requireLive(name, token, requireDate(fence.now, "fence.now"));
    },
    async acquire(input) {
      const name = requireKey(input.name, "name");
      const holder = requireKey(input.holder, "holder");
      const ttlMs = requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS);
      const nowMs = requireDate(input.now, "now");
      return db.write(() => {
        const row = read(name);
        if (row && row.status === "held" && nowMs < Date.parse(row.expires_at)) return null;
        const token = (row?.token ?? 0) + 1;
        const acquiredAt = new Date(nowMs).toISOString();
        grant.run(name, holder, token, acquiredAt, new Date(nowMs + ttlMs).toISOString());
        return toLease(read(name)!);
      });
    },
    async renew(input) {
      const name = requireKey(input.name, "name");
      const token = requireToken(input.token, "token");
      const ttlMs = requireInteger(input.ttlMs, "ttlMs", 1, MAX_LEASE_TTL_MS);
      const nowMs = requireDate(input.now, "now");
      return db.write(() => {
        requireLive(name, token, nowMs);
        extend.run(new Date(nowMs + ttlMs).toISOString(), name);
        return toLease(read(name)!);
      });
    },
    async release(input) {
      const name = requireKey(input.name, "name");
      const token = requireToken(input.token, "token");
      return Number(release.run(name, token).changes) > 0;
    },
    async assertFencing(input) {
      const name = requireKey(input.name, "name");
      const token = requireToken(input.token, "token");
      requireLive(name, token, requireDate(input.now, "now"));
    },
    async get(name) {
      const row = read(requireKey(name, "name"));
      return row ? toState(row) : null;
    },
  };
}
