import type { PreparedItem } from "@kobik/sync-core";
import { removeLink } from "./audit.js";
import type { CrmCursor } from "./cursors.js";
import type { RunState } from "./run.js";

/**
 * Reads Zoho's deleted-records feed since the cursor and unlinks every linked record in it. The Jira
 * issue stays: the item has no "delete the counterpart" option, and a deleted CRM record sits in the
 * recycle bin for 60 days, so removing the issue could not be undone.
 */
export async function crmDeletions(
  run: RunState,
  prepared: PreparedItem,
  cursor: CrmCursor,
  startedAt: Date,
): Promise<void> {
  const { ctx } = run;
  const next = new Date(startedAt.getTime() - ctx.limits.crmOverlapMs).toISOString();
  if (cursor.deletedSince === null) {
    // Nothing was linked through this item before its first cycle: start the feed now.
    cursor.deletedSince = next;
    return;
  }
  const module = prepared.item.crm.module;
  for (let page = 1; page <= 10; page++) {
    const result = await ctx.zoho.records.deleted({
      module,
      type: "all",
      page,
      perPage: 200,
      modifiedSince: cursor.deletedSince,
    });
    for (const deleted of result.items) {
      const link = await ctx.store.links.getByCrmRecord(run.itemId, deleted.id);
      if (link === null) continue;
      run.counts.examined += 1;
      if (run.mode === "apply") {
        await removeLink(
          ctx,
          run,
          link,
          `CRM record ${deleted.id} was deleted in Zoho: unlinked, ${link.jira.issueKey} kept`,
        );
      }
      run.syncedIssueIds.add(link.jira.issueId);
    }
    if (!result.info.moreRecords || result.items.length === 0) break;
  }
  cursor.deletedSince = next;
}
