import type { AppendAuditInput } from "@kobik/storage";
import type { Link, SyncPlan } from "@kobik/sync-core";
import type { EngineContext } from "./context.js";
import type { RunState } from "./run.js";

/**
 * The audit events of a link's executed plan: what it changed, and every conflict with how it was
 * settled. The caller appends them (with other links' events) in one `audit.appendMany`.
 */
export function planAuditEvents(run: RunState, link: Link, plan: SyncPlan): AppendAuditInput[] {
  const now = run.ctx.clock.now();
  const base = { itemId: run.itemId, runId: run.id, now };
  const ref = { jiraIssueId: link.jira.issueId, crmRecordId: link.crm.recordId };
  const events: AppendAuditInput[] = [];
  for (const op of plan.operations) {
    if (op.kind !== "jira.updateFields" && op.kind !== "crm.updateRecord" && op.kind !== "jira.transition")
      continue;
    const changes =
      op.kind === "jira.transition"
        ? [{ field: "status", from: op.fromStatus, to: op.toStatus }]
        : op.changes.map((c) => ({ field: c.field, from: c.from, to: c.to }));
    const side = op.kind === "crm.updateRecord" ? "CRM" : "Jira";
    events.push({
      ...base,
      action: op.kind,
      link: ref,
      reason: `${side} ${link.crm.recordId}/${link.jira.issueKey}: ${changes.map((c) => c.field).join(", ")} changed on the other side`,
      changes: changes.slice(0, 500),
    });
  }
  for (const conflict of plan.conflicts) {
    events.push({
      ...base,
      action: "conflict.resolved",
      link: ref,
      reason: `${conflict.field} changed on both sides; ${conflict.winner} won (${conflict.reason}${conflict.nearTie ? ", near tie" : ""})`,
      changes: [
        { field: `${conflict.field}.crm`, from: conflict.base?.crm ?? null, to: conflict.crmValue },
        { field: `${conflict.field}.jira`, from: conflict.base?.jira ?? null, to: conflict.jiraValue },
      ],
    });
  }
  return events;
}

/** Removes a link whose counterpart is gone (or a manual unlink) and records it. Nothing is deleted on either side. */
export async function removeLink(
  ctx: EngineContext,
  run: RunState | null,
  link: Link,
  reason: string,
): Promise<void> {
  const fence = run?.fence();
  await ctx.store.links.delete(link.itemId, link.jira.issueId, {
    expectedVersion: link.version,
    ...(fence === undefined ? {} : { fence }),
  });
  await ctx.store.audit.append({
    itemId: link.itemId,
    runId: run?.id ?? null,
    action: "link.deleted",
    link: { jiraIssueId: link.jira.issueId, crmRecordId: link.crm.recordId },
    reason,
    changes: [],
    now: ctx.clock.now(),
  });
  ctx.log.info("sync.unlinked", {
    itemId: link.itemId,
    issue: link.jira.issueKey,
    record: link.crm.recordId,
    reason,
  });
}
