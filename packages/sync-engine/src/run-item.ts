import type { RunMode, RunTrigger } from "@kobik/storage";
import type { PreparedItem, SmartConnectedItem } from "@kobik/sync-core";
import type { EngineContext } from "./context.js";
import { notRun, withItemLease } from "./lease.js";
import { prepare } from "./prepare.js";
import type { ProgressListener } from "./progress.js";
import { type RunState, withRun } from "./run.js";
import type { SyncRunResult } from "./types.js";

/** Runs `body` as a run of `item` under its lease, after the checks every entry point shares. */
export async function runItem(
  ctx: EngineContext,
  item: SmartConnectedItem,
  options: { trigger: RunTrigger; mode: RunMode; onProgress?: ProgressListener | undefined },
  body: (run: RunState, prepared: PreparedItem, startedAt: Date) => Promise<void>,
): Promise<SyncRunResult> {
  const { trigger, mode, onProgress } = options;
  if (!item.enabled) return notRun(item.id, trigger, mode, { kind: "completed" }, "item-disabled");
  if (item.mode === "display") return notRun(item.id, trigger, mode, { kind: "completed" }, "display-item");
  const status = await ctx.connection.get();
  if (status.kind === "reconnect-required") {
    const { kind, service, code, message } = status;
    return notRun(item.id, trigger, mode, { kind, service, code, message }, "reconnect-required");
  }
  const result = await withItemLease(ctx, item.id, mode, (lease) =>
    withRun(ctx, { itemId: item.id, trigger, mode, lease, onProgress }, async (run) => {
      const startedAt = ctx.clock.now();
      await body(run, await prepare(ctx, item), startedAt);
    }),
  );
  if ("busy" in result)
    return notRun(item.id, trigger, mode, { kind: "busy", holder: result.busy }, "item-busy");
  return result;
}
