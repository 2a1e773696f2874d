import type { PreparedItem } from "../mapping/prepare.js";
import type { Link, LinkBase } from "../schema/link.js";
import { isUnreadable, readCanonical } from "../values/canonical.js";
import { parseDateTimeMs } from "../values/datetime.js";
import { planAttachments } from "./attachments.js";
import { buildFieldOperations } from "./field-operations.js";
import { type FieldAccumulator, type FieldMergeInput, mergeField } from "./fields.js";
import { planNotes } from "./notes.js";
import { mergeStatus, type StatusOutcome } from "./status.js";
import type {
  AttachmentInfo,
  CrmNote,
  CrmRecord,
  JiraComment,
  JiraIssue,
  SyncOperation,
  SyncPlan,
  SyncWarning,
} from "./types.js";

/** Everything {@link planLinkSync} needs for one linked pair. Optional lists are read only when given. */
export interface PlanLinkInput {
  readonly item: PreparedItem;
  readonly link: Pick<Link, "jira" | "crm" | "origin" | "base">;
  readonly crm: CrmRecord;
  readonly jira: JiraIssue;
  /** The time of planning (ISO), from the caller's clock: used to flag modified times in the future. */
  readonly now: string;
  readonly crmNotes?: readonly CrmNote[];
  readonly jiraComments?: readonly JiraComment[];
  readonly crmAttachments?: readonly AttachmentInfo[];
  readonly jiraAttachments?: readonly AttachmentInfo[];
}

/**
 * Plans the sync of one linked pair: `(item, link base, both snapshots, now) -> plan`. Pure and
 * synchronous. An empty `operations` list means both sides already agree with each other.
 *
 * @example
 * const plan = planLinkSync({ item: prepared, link, crm: record, jira: issue, now: clock.now() });
 * for (const op of plan.operations) await execute(op); // then save finalizeBase(plan, createdIds)
 */
export function planLinkSync(input: PlanLinkInput): SyncPlan {
  const { item, link, crm, jira } = input;
  if (crm.id !== link.crm.recordId || jira.id !== link.jira.issueId) {
    throw new Error(
      `planLinkSync: snapshots ${crm.id}/${jira.id} do not belong to link ${link.crm.recordId}/${link.jira.issueId}`,
    );
  }
  const config = item.item;
  const crmModified = typeof crm.Modified_Time === "string" ? crm.Modified_Time : null;
  const jiraUpdated = jira.updated ?? (typeof jira.fields.updated === "string" ? jira.fields.updated : null);
  const base = link.base;
  if (config.mode === "display" || !config.enabled) {
    return { operations: [], nextBase: base, conflicts: [], warnings: [] };
  }
  const merge: FieldMergeInput = {
    policy: config.conflictPolicy,
    crmTimeMs: crmModified === null ? undefined : parseDateTimeMs(crmModified),
    jiraTimeMs: jiraUpdated === null ? undefined : parseDateTimeMs(jiraUpdated),
    autoLink: link.origin === "auto",
    crmFields: crm,
    jiraFields: jira.fields,
    crmWritable: config.mode === "two-way",
  };
  const acc: FieldAccumulator = {
    jiraWrites: [],
    crmWrites: [],
    nextFields: {},
    conflicts: [],
    warnings: clockWarnings(input, merge),
  };
  for (const mapping of item.mappings) mergeField(mapping, base.fields[mapping.key], merge, acc);
  const status = planStatus(input, merge);
  if (status?.conflict !== undefined) acc.conflicts.push(status.conflict);
  if (status !== undefined) acc.warnings.push(...status.warnings);
  const operations: SyncOperation[] = buildFieldOperations(input, acc, status);
  const nextBase: LinkBase = {
    fields: acc.nextFields,
    crmModifiedTime: crmModified,
    jiraUpdated,
    status: status === undefined ? base.status : status.base,
    notes: base.notes,
    attachments: base.attachments,
  };
  return withNotesAndAttachments(input, {
    operations,
    nextBase,
    conflicts: acc.conflicts,
    warnings: acc.warnings,
  });
}

function planStatus(input: PlanLinkInput, merge: FieldMergeInput): StatusOutcome | undefined {
  const status = input.item.status;
  if (status === undefined) return undefined;
  const crmValue = readCanonical(input.crm[status.crmField], "picklist");
  const jiraStatus = input.jira.fields.status as { name?: unknown } | null | undefined;
  return mergeStatus(status, {
    ...merge,
    crm: !isUnreadable(crmValue) && crmValue.kind === "picklist" ? crmValue.value : null,
    jira: typeof jiraStatus?.name === "string" ? jiraStatus.name : null,
    base: input.link.base.status,
  });
}

function withNotesAndAttachments(
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

function clockWarnings(input: PlanLinkInput, merge: FieldMergeInput): SyncWarning[] {
  const nowMs = parseDateTimeMs(input.now);
  if (nowMs === undefined)
    throw new Error(`planLinkSync: now must be an ISO datetime, got ${JSON.stringify(input.now)}`);
  const policy = input.item.item.conflictPolicy;
  const window = policy.kind === "latest-change-wins" ? policy.skewWindowMs : 0;
  const warnings: SyncWarning[] = [];
  for (const [side, ms] of [
    ["crm", merge.crmTimeMs],
    ["jira", merge.jiraTimeMs],
  ] as const) {
    if (ms !== undefined && ms > nowMs + window) {
      warnings.push({
        code: "clock-skew",
        side,
        message: `The ${side} modified time is ${ms - nowMs} ms ahead of now: its clock may be fast, so latest-change-wins may favour it.`,
      });
    }
  }
  return warnings;
}
