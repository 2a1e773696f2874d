import { InvalidInputError, type Page } from "@kobik/storage";
import type { Link, PreparedItem } from "@kobik/sync-core";
import { advance, type CrmCursor, saveCursor } from "./cursors.js";
import { rethrowIfStop } from "./failures.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import { mapLimit } from "./pool.js";
import type { RunState } from "./run.js";
import { crmAttachments } from "./snapshots.js";
import type { UserResolver } from "./users.js";

/**
 * The CRM attachment sweep of a cycle. Zoho has no feed of new attachments and an upload leaves the
 * record's `Modified_Time` alone, so a file added to a record nobody edits would never be copied on a
 * schedule. Each cycle lists the attachments of the next `attachmentSweepLinks` links in the item's
 * link order, resuming where the last cycle stopped (`sweepAfter`) and starting over after the last
 * link: a round robin, so the link swept least recently is always next and every link is swept once
 * every `ceil(links / K)` cycles. A link with a CRM file its base does not know (neither copied nor
 * skipped) goes through the per-link path, which plans the copy like any other.
 */
export async function attachmentSweep(
  run: RunState,
  prepared: PreparedItem,
  cursor: CrmCursor,
  users: UserResolver,
): Promise<void> {
  const limit = run.ctx.limits.attachmentSweepLinks;
  if (!prepared.item.features.attachmentSync || limit === 0) return;
  const page = await nextLinks(run, cursor.sweepAfter, limit);
  // Links this run already synced had their attachment lists read and planned just now.
  const due = page.items.filter((link) => !run.syncedIssueIds.has(link.jira.issueId));
  const flags = await mapLimit(due, run.ctx.limits.readConcurrency, (link) => hasNewCrmFile(run, link));
  const work: PairWork[] = due.filter((_, i) => flags[i]).map((link) => ({ link }));
  run.ctx.log.debug("sync.attachment-sweep", {
    runId: run.id,
    itemId: run.itemId,
    checked: due.length,
    due: work.length,
  });
  const outcomes = work.length === 0 ? new Map() : await syncPairs(run, prepared, work, users);
  // A pair that failed is parked like a failed feed record: the CRM pass retries it next cycle.
  const entries = work.map((w) => ({
    id: w.link.crm.recordId,
    time: null,
    ok: outcomes.get(w.link.jira.issueId) !== "failed",
  }));
  advance(cursor, entries, run.ctx.limits.maxParked, () => undefined, false);
  const moved = cursor.sweepAfter !== page.nextPageToken;
  cursor.sweepAfter = page.nextPageToken;
  if (moved || work.length > 0) await saveCursor(run, "crm", cursor);
}

/**
 * The next `limit` links of the round. When the round ends inside them it goes on from the first link,
 * so a cycle checks `limit` links whenever the item has that many: any link is then checked within
 * `ceil(links / limit)` cycles, wherever the round stood.
 */
async function nextLinks(run: RunState, after: string | null, limit: number): Promise<Page<Link>> {
  const first = await sweepPage(run, after, limit);
  if (first.nextPageToken !== null || after === null || first.items.length === limit) return first;
  const rest = await sweepPage(run, null, limit - first.items.length);
  const taken = new Set(first.items.map((link) => link.jira.issueId));
  const extra = rest.items.filter((link) => !taken.has(link.jira.issueId));
  // Fewer links than `limit` in all: the round wrapped onto itself, so the next one starts afresh.
  const next = extra.length === rest.items.length ? rest.nextPageToken : null;
  return { items: [...first.items, ...extra], nextPageToken: next };
}

/** One page of links; a token the store no longer accepts restarts the round at the first link. */
async function sweepPage(run: RunState, after: string | null, limit: number): Promise<Page<Link>> {
  const { store } = run.ctx;
  try {
    return await store.links.listByItem(run.itemId, { limit, pageToken: after });
  } catch (error) {
    if (!(error instanceof InvalidInputError) || after === null) throw error;
    run.ctx.log.warn("sync.attachment-sweep-restarted", { runId: run.id, itemId: run.itemId });
    return store.links.listByItem(run.itemId, { limit, pageToken: null });
  }
}

/**
 * Whether the record holds a file the link's base has neither paired nor skipped. A list that cannot
 * be read counts as "yes": the per-link path then reads the record itself and unlinks, records the
 * failure or copies, as it would for a record edit.
 */
async function hasNewCrmFile(run: RunState, link: Link): Promise<boolean> {
  const known = new Set<string>();
  for (const entry of link.base.attachments) {
    if (entry.state === "paired") known.add(entry.crmAttachmentId);
    else if (entry.side === "crm") known.add(entry.attachmentId);
  }
  try {
    const files = await crmAttachments(run.ctx, link.crm.module, link.crm.recordId);
    return files.some((file) => !known.has(file.id));
  } catch (error) {
    rethrowIfStop(error, run.ctx.clock.now());
    return true;
  }
}
