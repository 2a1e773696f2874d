import { paginate, type RunMode } from "@kobik/storage";
import { createContext } from "./context.js";
import { cycle } from "./cycle.js";
import { EngineInputError } from "./errors.js";
import { linkOperations } from "./link-ops.js";
import { loadItem } from "./prepare.js";
import { pushHandlers } from "./push.js";
import { runItem } from "./run-item.js";
import type { RunCycleOptions, SyncEngine, SyncEngineOptions, SyncRunResult } from "./types.js";

/**
 * Builds the engine every host runs: cycles, push events and link operations over the given clients
 * and store. Holds no global state: two engines over two stores never share anything.
 *
 * @example
 * const engine = createSyncEngine({ zoho, jira, store, clock: { now: () => new Date() }, logger });
 * const result = await engine.runCycle("deals-to-bugs");
 * console.log(result.outcome, result.counts, result.apiCalls);
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  if (options === null || typeof options !== "object") throw new EngineInputError("options", "required");
  for (const port of ["zoho", "jira", "store", "clock", "logger"] as const) {
    if (options[port] === undefined || options[port] === null) throw new EngineInputError(port, "required");
  }
  const ctx = createContext(options);

  async function runCycle(itemId: string, opts: RunCycleOptions = {}): Promise<SyncRunResult> {
    const item = await loadItem(ctx, itemId);
    const mode: RunMode = opts.dryRun === true ? "dry-run" : "apply";
    const options = { trigger: opts.trigger ?? "schedule", mode, onProgress: opts.onProgress } as const;
    return runItem(ctx, item, options, (run, prepared, startedAt) => cycle(run, prepared, startedAt));
  }

  async function runAll(opts: RunCycleOptions = {}): Promise<SyncRunResult[]> {
    const results: SyncRunResult[] = [];
    for await (const item of paginate((page) => ctx.store.items.list({ ...page, enabled: true }), 100)) {
      results.push(await runCycle(item.id, opts));
    }
    return results;
  }

  const links = linkOperations(ctx);
  const push = pushHandlers(ctx);
  return {
    runCycle,
    runAll,
    syncLink: links.syncLink,
    handleJiraEvent: push.handleJiraEvent,
    handleZohoNotification: push.handleZohoNotification,
    searchCrmRecords: links.searchCrmRecords,
    linkRecord: links.linkRecord,
    preview: links.preview,
    refresh: links.refresh,
    unlink: links.unlink,
    connectionStatus: () => ctx.connection.get(),
    clearReconnectRequired: () => ctx.connection.clear(),
  };
}
