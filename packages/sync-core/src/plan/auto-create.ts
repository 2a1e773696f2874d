import type { PreparedItem } from "../mapping/prepare.js";
import { toJiraWire } from "../mapping/wire.js";
import type { FieldBase, LinkBase } from "../schema/link.js";
import { isUnreadable, NULL_VALUE } from "../values/canonical.js";
import type { CrmRecord, LinkMarker, SyncOperation, SyncWarning } from "./types.js";

/** Inputs of {@link planAutoCreate}: an unlinked CRM record in the item's scope. */
export interface AutoCreateInput {
  readonly item: PreparedItem;
  readonly crm: CrmRecord;
}

/** A plan to create the Jira issue of a CRM record, or the reason there is none. */
export type AutoCreatePlan =
  | {
      readonly ok: true;
      readonly operation: Extract<SyncOperation, { kind: "jira.createIssue" }>;
      /** The base of the new link (origin `auto`), to save with the link once the create succeeded. */
      readonly nextBase: LinkBase;
      readonly warnings: readonly SyncWarning[];
    }
  | { readonly ok: false; readonly reason: "auto-create-off" | "display-item" | "item-disabled" };

/** The idempotency key of the issue created for a record under an item: the same on every retry. */
export function autoCreateKey(itemId: string, module: string, recordId: string): string {
  return `kobik:${itemId}:${module}:${recordId}`;
}

/**
 * Plans the Jira issue for an unlinked CRM record: every CRM -> Jira mapping (hard-coded values and
 * templates included; the summary truncated to Jira's limit), the project and issue type, an
 * idempotency key derived from item + record, and a link marker property to find it again after a crash.
 */
export function planAutoCreate(input: AutoCreateInput): AutoCreatePlan {
  const config = input.item.item;
  if (!config.enabled) return { ok: false, reason: "item-disabled" };
  if (config.mode === "display") return { ok: false, reason: "display-item" };
  if (!config.features.autoCreate) return { ok: false, reason: "auto-create-off" };
  const { crm } = input;
  const mapped = mappedFields(input.item, crm);
  const fields: Record<string, unknown> = {
    project: { key: config.jira.projectKey },
    issuetype: /^\d+$/.test(config.jira.issueType)
      ? { id: config.jira.issueType }
      : { name: config.jira.issueType },
    ...mapped.fields,
  };
  const marker = linkMarker(config.id, config.crm.module, crm.id);
  const { idempotencyKey } = marker.value;
  const operation = {
    kind: "jira.createIssue",
    opId: `jira.createIssue:${idempotencyKey}`,
    idempotencyKey,
    projectKey: config.jira.projectKey,
    fields,
    userFields: mapped.userFields,
    marker,
  } as const;
  const crmModifiedTime = typeof crm.Modified_Time === "string" ? crm.Modified_Time : null;
  const nextBase: LinkBase = {
    fields: mapped.base,
    crmModifiedTime,
    jiraUpdated: null,
    status: null,
    notes: [],
    attachments: [],
  };
  return { ok: true, operation, nextBase, warnings: mapped.warnings };
}

interface MappedFields {
  readonly fields: Record<string, unknown>;
  readonly userFields: string[];
  readonly base: Record<string, FieldBase>;
  readonly warnings: SyncWarning[];
}

/** The Jira values of every CRM -> Jira mapping for a record, and the base entries they imply. */
function mappedFields(item: PreparedItem, crm: CrmRecord): MappedFields {
  const out: MappedFields = { fields: {}, userFields: [], base: {}, warnings: [] };
  for (const m of item.mappings) {
    const value = m.readCrm(crm);
    if (isUnreadable(value)) {
      out.warnings.push({
        code: "unreadable-value",
        field: m.key,
        side: "crm",
        message: `Skipped ${m.key}: the crm value is unreadable (${value.reason}).`,
      });
      continue;
    }
    if (m.direction === "jira-to-crm") {
      // Jira starts empty there; recording that keeps the first sync from copying the emptiness back.
      out.base[m.key] = { crm: value, jira: NULL_VALUE };
      continue;
    }
    const converted = m.toJira(value);
    if (!converted.ok) {
      const shown = converted.value === undefined ? {} : { value: converted.value };
      out.warnings.push({
        code: converted.code,
        field: m.key,
        side: "jira",
        message: `Not written to jira ${m.key}: ${converted.reason}.`,
        ...shown,
      });
      continue;
    }
    out.base[m.key] = { crm: value, jira: converted.value };
    if (converted.value.kind === "null") continue;
    out.fields[m.key] = toJiraWire(converted.value, m.jiraWire);
    if (m.jiraWire === "user") out.userFields.push(m.key);
  }
  return out;
}

/** The issue property that ties a created issue to its record, and the JQL that finds it. */
function linkMarker(itemId: string, module: string, recordId: string): LinkMarker {
  const idempotencyKey = autoCreateKey(itemId, module, recordId);
  return {
    propertyKey: "kobik.link",
    value: { itemId, module, recordId, idempotencyKey },
    jql: `issue.property[kobik.link].idempotencyKey = "${idempotencyKey}"`,
  };
}
