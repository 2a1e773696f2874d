import type { Link } from "@kobik/sync-core";
import type { DeleteLinkOptions, LinkStore, SaveLinkOptions } from "../contracts/links.js";
import { DuplicateError, InvalidInputError, VersionConflictError } from "../errors.js";
import { copyJson } from "../json.js";
import { requireInteger, requireKey, requireOneOf } from "../validate.js";
import type { MemoryLeaseStore } from "./leases.js";
import { pageSorted } from "./paging.js";

const ORIGINS: readonly Link["origin"][] = ["manual", "auto"];

/** Checks the fields storage relies on (keys, uniqueness, order); the rest is kept as given. */
function readLink(link: Link): Link {
  if (typeof link !== "object" || link === null) throw new InvalidInputError("link", "must be an object");
  requireKey(link.itemId, "link.itemId");
  requireKey(link.jira?.issueId, "link.jira.issueId");
  requireKey(link.jira?.issueKey, "link.jira.issueKey");
  requireKey(link.crm?.module, "link.crm.module");
  requireKey(link.crm?.recordId, "link.crm.recordId");
  requireOneOf(link.origin, "link.origin", ORIGINS);
  if (typeof link.base !== "object" || link.base === null) {
    throw new InvalidInputError("link.base", "must be an object");
  }
  requireKey(link.createdAt, "link.createdAt");
  requireKey(link.updatedAt, "link.updatedAt");
  return copyJson(link, "link");
}

function version(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER);
}

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
    async save(input: Link, options: SaveLinkOptions) {
      const link = readLink(input);
      const expected = version(options?.expectedVersion, "expectedVersion");
      const { itemId } = link;
      const issueId = link.jira.issueId;
      const current = byIssue.get(itemId)?.get(issueId);
      if (options.fence) leases.checkFence(options.fence);
      const actual = current?.version ?? 0;
      const key = `link ${itemId}/${issueId}`;
      if (actual !== expected) throw new VersionConflictError(key, expected, actual);
      const owner = byRecord.get(itemId)?.get(link.crm.recordId);
      if (owner !== undefined && owner !== issueId) {
        throw new DuplicateError(
          `link ${itemId}/crm:${link.crm.recordId}`,
          `already linked to issue ${owner}`,
        );
      }
      const stored: Link = { ...link, version: expected + 1 };
      if (current && current.crm.recordId !== link.crm.recordId) records(itemId).delete(current.crm.recordId);
      issues(itemId).set(issueId, stored);
      records(itemId).set(link.crm.recordId, issueId);
      return structuredClone(stored);
    },
    async delete(itemId, issueId, options: DeleteLinkOptions = {}) {
      const item = requireKey(itemId, "itemId");
      const issue = requireKey(issueId, "issueId");
      const expected =
        options.expectedVersion === undefined
          ? undefined
          : version(options.expectedVersion, "expectedVersion");
      if (options.fence) leases.checkFence(options.fence);
      const current = byIssue.get(item)?.get(issue);
      const actual = current?.version ?? 0;
      if (expected !== undefined && expected !== actual) {
        throw new VersionConflictError(`link ${item}/${issue}`, expected, actual);
      }
      if (!current) return false;
      byIssue.get(item)?.delete(issue);
      byRecord.get(item)?.delete(current.crm.recordId);
      return true;
    },
  };
}
