import {
  copyJson,
  DuplicateError,
  InvalidInputError,
  type LinkStore,
  type SaveLinkOptions,
  VersionConflictError,
} from "@kobik/storage";
import type { Link } from "@kobik/sync-core";
import { type Db, fromJson } from "./database.js";
import type { SqliteLeaseStore } from "./leases.js";
import { keyset, toPage } from "./paging.js";
import { requireInteger, requireKey, requireOneOf } from "./validate.js";

const ORIGINS: readonly Link["origin"][] = ["manual", "auto"];

interface LinkRow {
  issue_id: string;
  record_id: string;
  version: number;
  body: string;
}

/** Checks the fields storage relies on; everything else is stored as given (as JSON). */
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

function toLink(row: LinkRow): Link {
  return { ...fromJson<Link>(row.body), version: row.version };
}

function version(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER);
}

/**
 * Links keyed by `(item_id, issue_id)` with a unique index on `(item_id, record_id)`. Each save is a
 * check-and-set under the write lock: fence, version and uniqueness are checked in the transaction
 * that writes, so two processes saving the same version cannot both win.
 */
export function createSqliteLinkStore(db: Db, leases: SqliteLeaseStore): LinkStore {
  const byIssue = db.sqlite.prepare("SELECT * FROM links WHERE item_id = ? AND issue_id = ?");
  const byRecord = db.sqlite.prepare("SELECT * FROM links WHERE item_id = ? AND record_id = ?");
  const upsert = db.sqlite.prepare(
    `INSERT INTO links (item_id, issue_id, record_id, version, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (item_id, issue_id) DO UPDATE SET record_id = excluded.record_id,
       version = excluded.version, body = excluded.body`,
  );
  const remove = db.sqlite.prepare("DELETE FROM links WHERE item_id = ? AND issue_id = ?");
  const list = db.sqlite.prepare(
    `SELECT * FROM links WHERE item_id = :item AND (:after IS NULL OR issue_id > :after)
     ORDER BY issue_id LIMIT :limit`,
  );

  return {
    async getByJiraIssue(itemId, issueId) {
      const row = byIssue.get(requireKey(itemId, "itemId"), requireKey(issueId, "issueId"));
      return row ? toLink(row as unknown as LinkRow) : null;
    },
    async getByCrmRecord(itemId, recordId) {
      const row = byRecord.get(requireKey(itemId, "itemId"), requireKey(recordId, "recordId"));
      return row ? toLink(row as unknown as LinkRow) : null;
    },
    async listByItem(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = keyset(request, 1);
      const rows = list.all({ item, after: after?.[0] ?? null, limit: limit + 1 }) as unknown as LinkRow[];
      return toPage(rows, limit, (r) => [r.issue_id], toLink);
    },
    async save(input: Link, options: SaveLinkOptions) {
      const link = readLink(input);
      const expected = version(options?.expectedVersion, "expectedVersion");
      const { itemId } = link;
      const { issueId } = link.jira;
      return db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        const current = byIssue.get(itemId, issueId) as LinkRow | undefined;
        const actual = current?.version ?? 0;
        if (actual !== expected)
          throw new VersionConflictError(`link ${itemId}/${issueId}`, expected, actual);
        const owner = byRecord.get(itemId, link.crm.recordId) as LinkRow | undefined;
        if (owner && owner.issue_id !== issueId) {
          throw new DuplicateError(
            `link ${itemId}/crm:${link.crm.recordId}`,
            `already linked to issue ${owner.issue_id}`,
          );
        }
        const stored: Link = { ...link, version: expected + 1 };
        upsert.run(itemId, issueId, link.crm.recordId, stored.version, JSON.stringify(stored));
        return stored;
      });
    },
    async delete(itemId, issueId, options = {}) {
      const item = requireKey(itemId, "itemId");
      const issue = requireKey(issueId, "issueId");
      const expected =
        options.expectedVersion === undefined
          ? undefined
          : version(options.expectedVersion, "expectedVersion");
      return db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        const current = byIssue.get(item, issue) as LinkRow | undefined;
        const actual = current?.version ?? 0;
        if (expected !== undefined && expected !== actual) {
          throw new VersionConflictError(`link ${item}/${issue}`, expected, actual);
        }
        if (!current) return false;
        remove.run(item, issue);
        return true;
      });
    },
  };
}
