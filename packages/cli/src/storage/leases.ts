import {
  type Fence,
  grantLease,
  isLeaseHeld,
  type LeaseState,
  type LeaseStore,
  readAcquireLease,
  readFence,
  readRenewLease,
  requireDate,
  requireKey,
  requireLiveLease,
  requireToken,
  toLease,
} from "@kobik/storage";
import type { Db } from "./database.js";

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
  const read = (name: string): LeaseState | null => {
    const row = get.get(name) as LeaseRow | undefined;
    return row ? toState(row) : null;
  };

  const requireLive = (name: string, token: number, nowMs: number) =>
    requireLiveLease(name, read(name), token, nowMs);

  return {
    checkFence(fence) {
      const f = readFence(fence);
      requireLive(f.name, f.token, f.nowMs);
    },
    async acquire(input) {
      const request = readAcquireLease(input);
      return db.write(() => {
        const current = read(request.name);
        if (isLeaseHeld(current, request.nowMs)) return null;
        const next = grantLease(request, current?.token ?? 0);
        grant.run(next.name, next.holder, next.token, next.acquiredAt, next.expiresAt);
        return toLease(next);
      });
    },
    async renew(input) {
      const { name, token, ttlMs, nowMs } = readRenewLease(input);
      return db.write(() => {
        const live = requireLive(name, token, nowMs);
        const expiresAt = new Date(nowMs + ttlMs).toISOString();
        extend.run(expiresAt, name);
        return toLease({ ...live, expiresAt });
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
      return read(requireKey(name, "name"));
    },
  };
}
