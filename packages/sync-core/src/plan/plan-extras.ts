import { parseDateTimeMs } from "../values/datetime.js";
import { planAttachments } from "./attachments.js";
import type { FieldMergeInput } from "./fields.js";
import { planNotes } from "./notes.js";
import type { PlanLinkInput } from "./plan-link.js";
import type { SyncOperation, SyncPlan, SyncWarning } from "./types.js";

/** Adds notes and attachment planning to a field plan, when the features and lists are there. */
export function withNotesAndAttachments(
  input: PlanLinkInput,
  plan: SyncPlan & { operations: SyncOperation[]; warnings: SyncWarning[] },
): SyncPlan {
  const { features, mode } = input.item.item;
  const where = {
    issueId: input.jira.id,
    issueKey: input.jira.key,
    module: input.link.crm.module,
    recordId: input.crm.id,
  };
  const crmWritable = mode === "two-way";
  let { nextBase } = plan;
  if (features.notesSync && input.crmNotes !== undefined && input.jiraComments !== undefined) {
    const notes = planNotes({
      ...where,
      notes: input.crmNotes,
      comments: input.jiraComments,
      pairs: nextBase.notes,
      crmWritable,
      deletions: features.noteDeletions,
    });
    plan.operations.push(...notes.operations);
    plan.warnings.push(...notes.warnings);
    nextBase = { ...nextBase, notes: notes.pairs };
  }
  if (
    features.attachmentSync &&
    (input.crmAttachments !== undefined || input.jiraAttachments !== undefined)
  ) {
    const files = planAttachments({
      ...where,
      crm: input.crmAttachments,
      jira: input.jiraAttachments,
      entries: nextBase.attachments,
      crmWritable,
    });
    plan.operations.push(...files.operations);
    plan.warnings.push(...files.warnings);
    nextBase = { ...nextBase, attachments: files.entries };
  }
  return { ...plan, nextBase };
}

/** Warns about modified times ahead of `now` by more than the skew window. */
export function addClockWarnings(
  input: PlanLinkInput,
  merge: FieldMergeInput,
  warnings: SyncWarning[],
): void {
  const nowMs = parseDateTimeMs(input.now);
  if (nowMs === undefined)
    throw new Error(`planLinkSync: now must be an ISO datetime, got ${JSON.stringify(input.now)}`);
  const policy = input.item.item.conflictPolicy;
  const limit = nowMs + (policy.kind === "latest-change-wins" ? policy.skewWindowMs : 0);
  if (merge.crmTimeMs !== undefined && merge.crmTimeMs > limit)
    warnings.push(skewWarning("crm", merge.crmTimeMs - nowMs));
  if (merge.jiraTimeMs !== undefined && merge.jiraTimeMs > limit)
    warnings.push(skewWarning("jira", merge.jiraTimeMs - nowMs));
}

function skewWarning(side: "crm" | "jira", aheadMs: number): SyncWarning {
  return {
    code: "clock-skew",
    side,
    message: `The ${side} modified time is ${aheadMs} ms ahead of now: its clock may be fast, so latest-change-wins may favour it.`,
  };
}
