import type { Link } from "@kobik/sync-core";
import type { LinkSaveResult, LinkStore } from "../contracts/links.js";
import { readKeyBatch } from "../kit/batch.js";
import {
  applyLinkSaveEntry,
  checkLinkDelete,
  type LinkSave,
  settleLinkSave,
  validateLinkDelete,
  validateLinkSave,
  validateLinkSaves,
} from "../kit/links.js";
import { requireKey } from "../validate.js";
import type { MemoryAuditStore } from "./audit.js";
import type { MemoryIntentStore } from "./intents.js";
import type { MemoryLeaseStore } from "./leases.js";
import { pageSorted } from "./paging.js";

/** The stores a link batch writes to besides links: its entries' intent completions and events. */
export interface MemoryLinkNeighbours {
  readonly leases: MemoryLeaseStore;
  readonly intents: MemoryIntentStore;
  readonly audit: MemoryAuditStore;
}

/**
 * Links in per-item maps, with a CRM-record index; each check-and-set (and each whole batch, with its
 * intent completions and audit events) runs without an `await`, so it is atomic within the process.
 */
export function createMemoryLinkStore({ leases, intents, audit }: MemoryLinkNeighbours): LinkStore {
  const byIssue = new Map<string, Map<string, Link>>();
  const byRecord = new Map<string, Map<string, string>>();

  function issues(itemId: string): Map<string, Link> {
    const map = byIssue.get(itemId) ?? new Map<string, Link>();
    byIssue.set(itemId, map);
    return map;
  }

  function records(itemId: string): Map<string, string> {
    const map = byRecord.get(itemId) ?? new Map<string, string>();
    byRecord.set(itemId, map);
    return map;
  }

  function apply(save: LinkSave): LinkSaveResult {
    const { itemId, jira, crm } = save.link;
    const current = byIssue.get(itemId)?.get(jira.issueId);
    const result = settleLinkSave(save, {
      currentVersion: current?.version ?? 0,
      recordOwner: byRecord.get(itemId)?.get(crm.recordId) ?? null,
    });
    if (!result.ok) return result;
    if (current && current.crm.recordId !== crm.recordId) records(itemId).delete(current.crm.recordId);
    issues(itemId).set(jira.issueId, result.value);
    records(itemId).set(crm.recordId, jira.issueId);
    return { ok: true, value: structuredClone(result.value) };
  }

  const steps = { complete: intents.settleCompletion, save: apply, audit: audit.push };

  function byCrmRecord(itemId: string, recordId: string): Link | null {
    const issueId = byRecord.get(itemId)?.get(recordId);
    const link = issueId === undefined ? undefined : byIssue.get(itemId)?.get(issueId);
    return link ? structuredClone(link) : null;
  }

  return {
    async getByJiraIssue(itemId, issueId) {
      const link = byIssue.get(requireKey(itemId, "itemId"))?.get(requireKey(issueId, "issueId"));
      return link ? structuredClone(link) : null;
    },
    async getByCrmRecord(itemId, recordId) {
      return byCrmRecord(requireKey(itemId, "itemId"), requireKey(recordId, "recordId"));
    },
    async getManyByCrmRecord(itemId, recordIds) {
      const item = requireKey(itemId, "itemId");
      return readKeyBatch(recordIds, "recordIds").map((id) => byCrmRecord(item, id));
    },
    async listByItem(itemId, request) {
      const links = byIssue.get(requireKey(itemId, "itemId"))?.values() ?? [];
      const page = pageSorted(links, (l) => [l.jira.issueId], request, "asc");
      return { items: page.items.map((l) => structuredClone(l)), nextPageToken: page.nextPageToken };
    },
    async save(input, options) {
      const save = validateLinkSave(input, options);
      if (options.fence) leases.checkFence(options.fence);
      const result = apply(save);
      if (!result.ok) throw result.error;
      return result.value;
    },
    async saveMany(entries, options = {}) {
      const saves = validateLinkSaves(entries);
      if (options.fence) leases.checkFence(options.fence);
      return saves.map((save) => applyLinkSaveEntry(save, steps));
    },
    async delete(itemId, issueId, options = {}) {
      const del = validateLinkDelete(itemId, issueId, options);
      if (options.fence) leases.checkFence(options.fence);
      const current = byIssue.get(del.itemId)?.get(del.issueId);
      checkLinkDelete(del, current?.version ?? 0);
      if (!current) return false;
      byIssue.get(del.itemId)?.delete(del.issueId);
      byRecord.get(del.itemId)?.delete(current.crm.recordId);
      return true;
    },
  };
}
