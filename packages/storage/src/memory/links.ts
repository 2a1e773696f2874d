import type { Link } from "@kobik/sync-core";
import type { LinkStore } from "../contracts/links.js";
import { checkLinkDelete, checkLinkSave, validateLinkDelete, validateLinkSave } from "../kit/links.js";
import { requireKey } from "../validate.js";
import type { MemoryLeaseStore } from "./leases.js";
import { pageSorted } from "./paging.js";

/** Links in per-item maps, with a CRM-record index; each check-and-set runs without an `await`. */
export function createMemoryLinkStore(leases: MemoryLeaseStore): LinkStore {
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

  return {
    async getByJiraIssue(itemId, issueId) {
      const link = byIssue.get(requireKey(itemId, "itemId"))?.get(requireKey(issueId, "issueId"));
      return link ? structuredClone(link) : null;
    },
    async getByCrmRecord(itemId, recordId) {
      const item = requireKey(itemId, "itemId");
      const issueId = byRecord.get(item)?.get(requireKey(recordId, "recordId"));
      const link = issueId === undefined ? undefined : byIssue.get(item)?.get(issueId);
      return link ? structuredClone(link) : null;
    },
    async listByItem(itemId, request) {
      const links = byIssue.get(requireKey(itemId, "itemId"))?.values() ?? [];
      const page = pageSorted(links, (l) => [l.jira.issueId], request, "asc");
      return { items: page.items.map((l) => structuredClone(l)), nextPageToken: page.nextPageToken };
    },
    async save(input, options) {
      const save = validateLinkSave(input, options);
      const { itemId, jira, crm } = save.link;
      const current = byIssue.get(itemId)?.get(jira.issueId);
      if (options.fence) leases.checkFence(options.fence);
      const stored = checkLinkSave(save, {
        currentVersion: current?.version ?? 0,
        recordOwner: byRecord.get(itemId)?.get(crm.recordId) ?? null,
      });
      if (current && current.crm.recordId !== crm.recordId) records(itemId).delete(current.crm.recordId);
      issues(itemId).set(jira.issueId, stored);
      records(itemId).set(crm.recordId, jira.issueId);
      return structuredClone(stored);
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
