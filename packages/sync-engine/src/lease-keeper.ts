import { type Fence, type Lease, LeaseLostError, type LeaseLostReason } from "@kobik/storage";
import type { EngineContext } from "./context.js";
import { ItemLeaseLostError } from "./errors.js";
import { describeError } from "./logger.js";

/** An apply run's hold on its item lease, kept alive by a heartbeat while the run works. */
export interface LeaseKeeper {
  /** The fence for a store write. Throws `ItemLeaseLostError` once the lease is lost or the run is over. */
  fence(): Fence;
  /** Throws `ItemLeaseLostError` once the lease is lost or the run is over: call before every write. */
  check(): void;
  /** Stops the heartbeat; every later `fence` and `check` throws, so a straggling task cannot write. */
  end(): void;
  /** Ends, lets a renewal in flight settle, then releases the lease (a late release is harmless). */
  release(): Promise<void>;
}

/**
 * Holds `lease` for a run: renews it every third of `leaseTtlMs` on a timer (the engine clock gives
 * the `now` of each renewal), independently of what the run is doing, so a run with long stretches of
 * reads or per-link work between checkpoints keeps it. A refused renewal, or a lease the run sees
 * expire before it could be renewed (a stall longer than the TTL), marks it lost at once; the run's
 * next write then throws instead of going out.
 */
export function keepLease(ctx: EngineContext, lease: Lease): LeaseKeeper {
  const { name, token } = lease;
  const ttlMs = ctx.limits.leaseTtlMs;
  let expiresAtMs = Date.parse(lease.expiresAt);
  let lost: ItemLeaseLostError | undefined;
  let ended = false;
  let renewing: Promise<void> | undefined;

  const lose = (reason: LeaseLostReason, cause?: unknown): ItemLeaseLostError => {
    if (lost === undefined) {
      lost = new ItemLeaseLostError(name, token, reason, cause);
      ctx.log.error("sync.lease-lost", { lease: name, token, reason });
    }
    return lost;
  };

  const check = (): void => {
    if (lost !== undefined) throw lost;
    if (ended) throw new ItemLeaseLostError(name, token, "released");
    if (ctx.clock.now().getTime() >= expiresAtMs) throw lose("expired");
  };

  const beat = (): void => {
    if (renewing !== undefined || lost !== undefined || ended) return;
    renewing = ctx.store.leases
      .renew({ name, token, ttlMs, now: ctx.clock.now() })
      .then(
        (renewed) => {
          expiresAtMs = Date.parse(renewed.expiresAt);
        },
        (error: unknown) => {
          if (error instanceof LeaseLostError) lose(error.reason, error);
          // A store hiccup is not a loss: the next beat retries, and `check` still sees the lease lapse.
          else ctx.log.warn("sync.lease-renew-failed", { lease: name, ...describeError(error) });
        },
      )
      .finally(() => {
        renewing = undefined;
      });
  };

  // A third of the TTL leaves two more beats before the lease could lapse. Unref'd: a heartbeat
  // must never be what keeps a host process alive.
  const timer = setInterval(beat, Math.max(1, Math.floor(ttlMs / 3)));
  timer.unref?.();

  const end = (): void => {
    ended = true;
    clearInterval(timer);
  };

  return {
    fence() {
      check();
      return { lease: name, token, now: ctx.clock.now() };
    },
    check,
    end,
    async release() {
      end();
      await renewing;
      await ctx.store.leases.release({ name, token });
    },
  };
}
