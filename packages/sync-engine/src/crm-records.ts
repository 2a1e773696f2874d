import type { CrmRecord, PreparedItem } from "@kobik/sync-core";
import { autoCreate } from "./auto-create.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import { type RunState, skip } from "./run.js";
import { inScope } from "./scope.js";
import type { UserResolver } from "./users.js";

/**
 * Handles CRM records read from the feed: linked ones go through the per-link path, unlinked ones
 * through auto-create (when the item has it). Returns, per record id, whether it was fully handled.
 */
export async function handleCrmRecords(
  run: RunState,
  prepared: PreparedItem,
  records: readonly CrmRecord[],
  users: UserResolver,
): Promise<Map<string, boolean>> {
  const { store } = run.ctx;
  const pairs: PairWork[] = [];
  const unlinked: CrmRecord[] = [];
  for (const crm of records) {
    const link = await store.links.getByCrmRecord(run.itemId, crm.id);
    if (link !== null) pairs.push({ link, crm });
    else if (!prepared.item.features.autoCreate) continue;
    // Out of scope: never auto-created (linked ones are left alone by the per-link path).
    else if (inScope(prepared, crm)) unlinked.push(crm);
    else skip(run, "out-of-scope");
  }
  const ok = new Map<string, boolean>(records.map((r) => [r.id, true]));
  const synced = await syncPairs(run, prepared, pairs, users);
  for (const p of pairs) if (synced.get(p.link.jira.issueId) === "failed") ok.set(p.link.crm.recordId, false);
  const created = await autoCreate(run, prepared, unlinked, users);
  for (const [id, outcome] of created) if (outcome === "failed" || outcome === "deferred") ok.set(id, false);
  return ok;
}
