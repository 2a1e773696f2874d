import type {
  AppendAuditInput,
  AuditEvent,
  AuditFieldChange,
  AuditFilter,
  AuditLinkRef,
} from "../contracts/audit.js";
import { InvalidInputError } from "../errors.js";
import { copyJson } from "../json.js";
import { MAX_AUDIT_CHANGES } from "../limits.js";
import { requireDate, requireKey, requireString } from "../validate.js";
import { readBatch } from "./batch.js";

/** An audit event before the store numbers it: everything but `seq`. */
export type AuditEventDraft = Omit<AuditEvent, "seq">;

function readLink(link: AuditLinkRef | null): AuditLinkRef | null {
  if (link === null) return null;
  if (typeof link !== "object") throw new InvalidInputError("link", "must be an object or null");
  return {
    jiraIssueId: requireKey(link.jiraIssueId, "link.jiraIssueId"),
    crmRecordId: requireKey(link.crmRecordId, "link.crmRecordId"),
  };
}

function readChanges(changes: readonly AuditFieldChange[]): AuditFieldChange[] {
  if (!Array.isArray(changes)) throw new InvalidInputError("changes", "must be an array");
  if (changes.length > MAX_AUDIT_CHANGES) {
    throw new InvalidInputError("changes", `must hold at most ${MAX_AUDIT_CHANGES} entries`);
  }
  return changes.map((c, i) => ({
    field: requireKey(c?.field, `changes[${i}].field`),
    from: copyJson(c?.from ?? null, `changes[${i}].from`),
    to: copyJson(c?.to ?? null, `changes[${i}].to`),
  }));
}

/**
 * Validates `AuditStore.append` input and builds the event without its `seq` (the store numbers
 * events in append order). Values in `changes` are deep copies, refused when not plain JSON.
 *
 * @example
 * const draft = buildAuditEvent(input);
 * const event: AuditEvent = { seq: events.length + 1, ...draft };
 */
export function buildAuditEvent(input: AppendAuditInput): AuditEventDraft {
  return {
    at: new Date(requireDate(input.now, "now")).toISOString(),
    itemId: requireKey(input.itemId, "itemId"),
    runId: input.runId === null ? null : requireKey(input.runId, "runId"),
    action: requireKey(input.action, "action"),
    link: readLink(input.link),
    reason: requireString(input.reason, "reason"),
    changes: readChanges(input.changes),
  };
}

/** Validates `AuditStore.appendMany` input and builds every draft; a bad entry refuses the batch (`inputs[i]...`). */
export function buildAuditEvents(inputs: readonly AppendAuditInput[]): AuditEventDraft[] {
  return readBatch(inputs, "inputs", buildAuditEvent);
}

/** Validates an {@link AuditFilter}: `InvalidInputError` on `filter.by` or the id it names. */
export function readAuditFilter(filter: AuditFilter): AuditFilter {
  switch (filter?.by) {
    case "run":
      return { by: "run", runId: requireKey(filter.runId, "filter.runId") };
    case "item":
      return { by: "item", itemId: requireKey(filter.itemId, "filter.itemId") };
    default:
      throw new InvalidInputError("filter.by", "must be one of run, item");
  }
}
