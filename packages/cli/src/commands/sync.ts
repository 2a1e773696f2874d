import { paginate } from "@kobik/storage";
import type { SyncRunResult } from "@kobik/sync-engine";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { createEngineHost, stderrLogger } from "../cli/engine-host.js";
import { ConfigError } from "../cli/errors.js";
import { createProgress } from "../cli/progress.js";
import { exitCodeOf, renderPlans, renderRuns, summarise } from "../cli/run-summary.js";

interface SyncFlags {
  item?: string;
  dryRun?: boolean;
}

/** The items a sync covers: the named one, or every enabled one. */
async function chosenItems(ctx: CommandContext, itemId: string | undefined) {
  const store = ctx.store();
  if (itemId) {
    const item = await store.items.get(itemId);
    if (!item)
      throw new ConfigError(`No item "${itemId}".`, "Run `kobik items list` to see the stored items.");
    return [item];
  }
  const items = [];
  for await (const item of paginate((p) => store.items.list({ ...p, enabled: true }), 100)) items.push(item);
  if (items.length === 0)
    throw new ConfigError("No enabled items to sync.", "Add one with `kobik items add <file>`.");
  return items;
}

/**
 * Runs one cycle per item, one item after another, with progress. Shared by `sync` and `watch`
 * (whose scheduler calls it every interval).
 */
export async function syncItems(
  ctx: CommandContext,
  flags: SyncFlags & { trigger?: "manual" | "schedule"; totals?: ReadonlyMap<string, number> },
): Promise<SyncRunResult[]> {
  const items = await chosenItems(ctx, flags.item);
  const progress = await createProgress(ctx.out);
  const host = await createEngineHost({
    store: ctx.store(),
    logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG),
  });
  const results: SyncRunResult[] = [];
  try {
    for (const item of items) {
      progress.begin(item.id, item.crm.module, flags.totals?.get(item.id) ?? null);
      const result = await host.engine.runCycle(item.id, {
        dryRun: flags.dryRun === true,
        trigger: flags.trigger ?? "manual",
        onProgress: progress.onProgress,
      });
      progress.end(item.id, summarise(result));
      results.push(result);
    }
  } finally {
    progress.stop();
  }
  return results;
}

/** `kobik sync`: one cycle of every enabled item (or one item), then a summary. */
export const syncCommand: CommandBody<[SyncFlags]> = async (ctx, flags) => {
  const results = await syncItems(ctx, flags);
  ctx.out.result({ dryRun: flags.dryRun === true, results }, (r) => {
    renderRuns(ctx.out, r.results);
    if (r.dryRun) renderPlans(ctx.out, r.results);
  });
  return exitCodeOf(results);
};
