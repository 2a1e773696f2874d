import type { PreparedItem } from "@kobik/sync-core";
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
 * created, then Jira changes. Every cursor is saved only after the records before it were handled.
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
  await jiraPass(run, prepared, jira, users, startedAt);
}

/**
 * Links created in this run get their notes and attachments mirrored right away. Their fields need
 * nothing: the issue was created from the very values its base records.
 */
async function syncFreshLinks(run: RunState, prepared: PreparedItem, users: UserResolver): Promise<void> {
  const { features } = prepared.item;
  if (!features.notesSync && !features.attachmentSync) return;
  const fresh = [...run.writtenIssueIds].filter((id) => !run.syncedIssueIds.has(id));
  const work: PairWork[] = [];
  for (const id of fresh) {
    const link = await run.ctx.store.links.getByJiraIssue(run.itemId, id);
    if (link !== null) work.push({ link });
  }
  if (work.length > 0) await syncPairs(run, prepared, work, users);
}
