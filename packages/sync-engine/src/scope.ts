import { type CrmRecord, type Link, matchesCrmCriteria, type PreparedItem } from "@kobik/sync-core";
import { type RunState, skip } from "./run.js";

/** Whether a CRM record is inside the item's `crm.criteria` (every record is when there are none). */
export function inScope(prepared: PreparedItem, record: CrmRecord): boolean {
  return prepared.scope === null || matchesCrmCriteria(prepared.scope, record);
}

/**
 * A linked record that no longer matches the item's criteria is left alone: not synced, not unlinked
 * (it may come back into scope, and nothing on either side is deleted), and recorded in the audit
 * trail each time a run meets it, so an operator can see why the pair stopped following each other.
 */
export async function leaveOutOfScope(run: RunState, link: Link): Promise<void> {
  skip(run, "out-of-scope");
  run.syncedIssueIds.add(link.jira.issueId);
  if (run.mode !== "apply") return;
  run.checkLease();
  const reason = `CRM record ${link.crm.recordId} no longer matches crm.criteria: ${link.jira.issueKey} is not synced while it stays out of scope (still linked)`;
  await run.ctx.store.audit.append({
    itemId: run.itemId,
    runId: run.id,
    action: "link.out-of-scope",
    link: { jiraIssueId: link.jira.issueId, crmRecordId: link.crm.recordId },
    reason,
    changes: [],
    now: run.ctx.clock.now(),
  });
  run.ctx.log.info("sync.out-of-scope", {
    runId: run.id,
    itemId: run.itemId,
    issue: link.jira.issueKey,
    record: link.crm.recordId,
  });
}
