import type { PreparedItem } from "../mapping/prepare.js";
import type { FieldBase, Link, LinkBase } from "../schema/link.js";
import { isUnreadable } from "../values/canonical.js";
import { parseDateTimeMs } from "../values/datetime.js";
import { readCanonical } from "../values/read.js";
import { buildFieldOperations } from "./field-operations.js";
import { type FieldAccumulator, type FieldMergeInput, mergeField } from "./fields.js";
import { addClockWarnings, withNotesAndAttachments } from "./plan-extras.js";
import { mergeStatus, type StatusOutcome } from "./status.js";
import type { AttachmentInfo, CrmNote, CrmRecord, JiraComment, JiraIssue, SyncPlan } from "./types.js";

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
  const base = link.base;
  if (config.mode === "display" || !config.enabled)
    return { operations: [], nextBase: base, conflicts: [], warnings: [] };
  const crmModified = typeof crm.Modified_Time === "string" ? crm.Modified_Time : null;
  const jiraUpdated = jira.updated ?? (typeof jira.fields.updated === "string" ? jira.fields.updated : null);
  const merge: FieldMergeInput = {
    policy: config.conflictPolicy,
    crmTimeMs: crmModified === null ? undefined : parseDateTimeMs(crmModified),
    jiraTimeMs: jiraUpdated === null ? undefined : parseDateTimeMs(jiraUpdated),
    autoLink: link.origin === "auto",
    crmFields: crm,
    jiraFields: jira.fields,
    crmWritable: config.mode === "two-way",
  };
  const acc: FieldAccumulator = { jiraWrites: [], crmWrites: [], conflicts: [], warnings: [] };
  addClockWarnings(input, merge, acc.warnings);
  const fields = mergeFields(item, base, merge, acc);
  const status = planStatus(input, merge);
  if (status?.conflict !== undefined) acc.conflicts.push(status.conflict);
  if (status !== undefined && status.warnings.length > 0) acc.warnings.push(...status.warnings);
  const operations = buildFieldOperations(input, acc, status);
  const nextStatus = status === undefined ? base.status : status.base;
  // Reusing the stored base when nothing moved keeps quiet cycles allocation-light.
  const unchanged =
    fields === base.fields &&
    nextStatus === base.status &&
    crmModified === base.crmModifiedTime &&
    jiraUpdated === base.jiraUpdated;
  const nextBase: LinkBase = unchanged
    ? base
    : {
        fields,
        crmModifiedTime: crmModified,
        jiraUpdated,
        status: nextStatus,
        notes: base.notes,
        attachments: base.attachments,
      };
  const plan = { operations, nextBase, conflicts: acc.conflicts, warnings: acc.warnings };
  const { features } = config;
  return features.notesSync || features.attachmentSync ? withNotesAndAttachments(input, plan) : plan;
}

/**
 * Merges every mapped field. Returns the stored `fields` object itself when no entry changed (quiet
 * cycles allocate nothing here); otherwise a new object keyed in mapping order, which also drops
 * entries of mappings removed from the config.
 */
function mergeFields(
  item: PreparedItem,
  base: LinkBase,
  merge: FieldMergeInput,
  acc: FieldAccumulator,
): Record<string, FieldBase> {
  const mappings = item.mappings;
  let fields: Record<string, FieldBase | null> | undefined;
  let complete = true;
  for (let i = 0; i < mappings.length; i++) {
    const key = mappings[i]!.key;
    const previous = base.fields[key];
    const next = mergeField(mappings[i]!, previous, merge, acc);
    if (next === undefined) complete = false;
    if (fields === undefined && next !== previous) {
      // A clone of the item's key template keeps the object in V8's fast mode; keyed inserts into `{}`
      // would turn a 20-key object into a slow dictionary.
      fields = { ...item.fieldsTemplate };
      for (let j = 0; j < i; j++) fields[mappings[j]!.key] = base.fields[mappings[j]!.key] ?? null;
    }
    if (fields !== undefined) fields[key] = next ?? null;
  }
  if (fields === undefined) return base.fields;
  return complete ? (fields as Record<string, FieldBase>) : withoutNulls(fields);
}

function withoutNulls(fields: Record<string, FieldBase | null>): Record<string, FieldBase> {
  const kept: Record<string, FieldBase> = {};
  for (const key in fields) {
    const entry = fields[key];
    if (entry !== null && entry !== undefined) kept[key] = entry;
  }
  return kept;
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
