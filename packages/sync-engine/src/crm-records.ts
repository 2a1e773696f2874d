import { MAX_BATCH_SIZE } from "@kobik/storage";
import type { CrmRecord, Link, PreparedItem } from "@kobik/sync-core";
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
  const links = await linksOf(run, records);
  const pairs: PairWork[] = [];
  const unlinked: CrmRecord[] = [];
  for (const [i, crm] of records.entries()) {
    const link = links[i] ?? null;
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

/** The links of `records`, aligned with them: one store read per `MAX_BATCH_SIZE` records, not one each. */
async function linksOf(run: RunState, records: readonly CrmRecord[]): Promise<(Link | null)[]> {
  const links: (Link | null)[] = [];
  for (let i = 0; i < records.length; i += MAX_BATCH_SIZE) {
    const ids = records.slice(i, i + MAX_BATCH_SIZE).map((r) => r.id);
    links.push(...(await run.ctx.store.links.getManyByCrmRecord(run.itemId, ids)));
  }
  return links;
}
