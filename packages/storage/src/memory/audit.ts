import type {
  AppendAuditInput,
  AuditEvent,
  AuditFieldChange,
  AuditFilter,
  AuditLinkRef,
  AuditStore,
} from "../contracts/audit.js";
import { InvalidInputError } from "../errors.js";
import { copyJson } from "../json.js";
import { MAX_AUDIT_CHANGES } from "../limits.js";
import { requireDate, requireKey, requireString } from "../validate.js";
import { pageSorted } from "./paging.js";

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

function matcher(filter: AuditFilter): (event: AuditEvent) => boolean {
  switch (filter?.by) {
    case "run": {
      const runId = requireKey(filter.runId, "filter.runId");
      return (event) => event.runId === runId;
    }
    case "item": {
      const itemId = requireKey(filter.itemId, "filter.itemId");
      return (event) => event.itemId === itemId;
    }
    default:
      throw new InvalidInputError("filter.by", "must be one of run, item");
  }
}

/** Audit events in an array, in append order; `seq` counts up per store. */
export function createMemoryAuditStore(): AuditStore {
  const events: AuditEvent[] = [];
  return {
    async append(input: AppendAuditInput) {
      const event: AuditEvent = {
        seq: events.length + 1,
        at: new Date(requireDate(input.now, "now")).toISOString(),
        itemId: requireKey(input.itemId, "itemId"),
        runId: input.runId === null ? null : requireKey(input.runId, "runId"),
        action: requireKey(input.action, "action"),
        link: readLink(input.link),
        reason: requireString(input.reason, "reason"),
        changes: readChanges(input.changes),
      };
      events.push(event);
      return structuredClone(event);
    },
    async list(filter, request) {
      const matches = events.filter(matcher(filter));
      const page = pageSorted(matches, (e) => [e.seq], request, "asc");
      return { items: page.items.map((e) => structuredClone(e)), nextPageToken: page.nextPageToken };
    },
  };
}
