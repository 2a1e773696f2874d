import type { PreparedItem } from "@kobik/sync-core";
import { attachmentSweep } from "./attachment-sweep.js";
import { crmPass } from "./crm-pass.js";
import { readCrmCursor, readJiraCursor, saveCursor } from "./cursors.js";
import { crmDeletions } from "./deletes.js";
import { jiraPass } from "./jira-pass.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import { crmNotesFeed } from "./notes-feed.js";
import type { RunState } from "./run.js";
import { createUserResolver, type UserResolver } from "./users.js";

/**
 * One cycle of one item, in an order that keeps cursors honest: deletions first (so a deleted record is
 * unlinked, not synced), then CRM changes (including auto-creates) and CRM notes, then the links this run just
 * created, then the attachment sweep (after them, so it skips every link the run already synced), then Jira
 * changes. Every cursor is saved only after the records before it were handled.
 */
export async function cycle(run: RunState, prepared: PreparedItem, startedAt: Date): Promise<void> {
  const users = createUserResolver(run.ctx);
  const crm = await readCrmCursor(run);
  const jira = await readJiraCursor(run);
  await crmDeletions(run, prepared, crm, startedAt);
  await crmPass(run, prepared, crm, users);
  await crmNotesFeed(run, prepared, crm, users, startedAt);
  await saveCursor(run, "crm", crm);
  await syncFreshLinks(run, prepared, users);
  await attachmentSweep(run, prepared, crm, users);
  await jiraPass(run, prepared, jira, users, startedAt);
}

/**
 * Links created in this run get their notes and attachments mirrored right away, from the record they
 * were created from. Their fields need nothing: the issue was created from the values its base records.
 * Either way they count as synced, so the Jira pass does not read them again.
 */
async function syncFreshLinks(run: RunState, prepared: PreparedItem, users: UserResolver): Promise<void> {
  const { features } = prepared.item;
  const work: PairWork[] = [];
  for (const [issueId, crm] of run.freshLinks) {
    if (run.syncedIssueIds.has(issueId)) continue;
    run.syncedIssueIds.add(issueId);
    if (!features.notesSync && !features.attachmentSync) continue;
    const link = await run.ctx.store.links.getByJiraIssue(run.itemId, issueId);
    if (link !== null) work.push({ link, crm });
  }
  if (work.length > 0) await syncPairs(run, prepared, work, users);
}
