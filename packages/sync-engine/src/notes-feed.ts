import type { PreparedItem } from "@kobik/sync-core";
import { advance, type CrmCursor } from "./cursors.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import type { RunState } from "./run.js";
import type { UserResolver } from "./users.js";

const MAX_NOTE_PAGES = 10;

/**
 * CRM notes added or edited since the cursor. Zoho does not touch a record's `Modified_Time` when a
 * note changes, so the record feed alone would never see them: the org-wide notes feed names the
 * parent records, whose links then go through the per-link path. Times are compared here too, so the
 * feed is correct whether or not the server honoured `If-Modified-Since` and the sort order.
 */
export async function crmNotesFeed(
  run: RunState,
  prepared: PreparedItem,
  cursor: CrmCursor,
  users: UserResolver,
  startedAt: Date,
): Promise<void> {
  const { ctx } = run;
  const next = new Date(startedAt.getTime() - ctx.limits.crmOverlapMs).toISOString();
  if (!prepared.item.features.notesSync) return;
  if (cursor.notesSince === null) {
    cursor.notesSince = next;
    return;
  }
  const since = new Date(Date.parse(cursor.notesSince) - ctx.limits.crmOverlapMs);
  const module = prepared.item.crm.module;
  const parents = new Set<string>();
  for (let page = 1; page <= MAX_NOTE_PAGES; page++) {
    const result = await ctx.zoho.notes.listModifiedSince(since, { page, perPage: 200 });
    for (const note of result.items) {
      const parent = note.Parent_Id as { module?: { api_name?: string }; id?: string } | undefined;
      const modified = note.Modified_Time === undefined ? Number.NaN : Date.parse(note.Modified_Time);
      if (parent?.module?.api_name === module && parent.id && !(modified < since.getTime()))
        parents.add(parent.id);
    }
    if (!result.info.moreRecords || result.items.length === 0) break;
  }
  const work: PairWork[] = [];
  for (const id of parents) {
    const link = await ctx.store.links.getByCrmRecord(run.itemId, id);
    if (link !== null && !run.syncedIssueIds.has(link.jira.issueId)) work.push({ link });
  }
  const outcomes = work.length === 0 ? new Map() : await syncPairs(run, prepared, work, users);
  const entries = work.map((w) => ({
    id: w.link.crm.recordId,
    time: null,
    ok: outcomes.get(w.link.jira.issueId) !== "failed",
  }));
  advance(cursor, entries, ctx.limits.maxParked, () => undefined, false);
  cursor.notesSince = next;
}
