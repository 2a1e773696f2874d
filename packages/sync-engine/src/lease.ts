import type { RunMode, RunTrigger } from "@kobik/storage";
import type { EngineContext } from "./context.js";
import { keepLease, type LeaseKeeper } from "./lease-keeper.js";
import { emptyCounts } from "./run.js";
import type { RunStop, SyncRunResult } from "./types.js";

/**
 * Runs `fn` holding the item's lease, kept alive by a heartbeat until `fn` settles (see `keepLease`),
 * then released; returns `busy` when another process holds it. Dry runs write nothing, so they take
 * no lease (`fn` gets `undefined`).
 */
export async function withItemLease(
  ctx: EngineContext,
  itemId: string,
  mode: RunMode,
  fn: (lease: LeaseKeeper | undefined) => Promise<SyncRunResult>,
): Promise<SyncRunResult | { busy: string | null }> {
  if (mode === "dry-run") return fn(undefined);
  const name = `item:${itemId}`;
  const lease = await ctx.store.leases.acquire({
    name,
    holder: ctx.holder,
    ttlMs: ctx.limits.leaseTtlMs,
    now: ctx.clock.now(),
  });
  if (lease === null) {
    const current = await ctx.store.leases.get(name);
    ctx.log.info("sync.item-busy", { itemId, holder: current?.holder ?? null });
    return { busy: current?.holder ?? null };
  }
  const keeper = keepLease(ctx, lease);
  try {
    return await fn(keeper);
  } finally {
    await keeper.release();
  }
}

/** The result of a run that did not start (busy item, reconnect required, disabled item). */
export function notRun(
  itemId: string,
  trigger: RunTrigger,
  mode: RunMode,
  stop: RunStop,
  reason?: string,
): SyncRunResult {
  const counts = emptyCounts();
  if (reason !== undefined) {
    counts.skipped.total = 1;
    counts.skipped.reasons[reason] = 1;
  }
  return {
    runId: null,
    itemId,
    trigger,
    mode,
    outcome: "skipped",
    stop,
    counts,
    apiCalls: { crm: 0, jira: 0 },
    durationMs: 0,
    errors: [],
    plans: [],
    creates: [],
  };
}
