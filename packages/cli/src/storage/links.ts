import {
  type AuditEventDraft,
  applyLinkSaveEntry,
  checkLinkDelete,
  type LinkSave,
  type LinkSaveResult,
  type LinkStore,
  readKeyBatch,
  readPageRequest,
  requireKey,
  settleLinkSave,
  toPage,
  validateLinkDelete,
  validateLinkSave,
  validateLinkSaves,
} from "@kobik/storage";
import type { Link } from "@kobik/sync-core";
import type { SqliteAuditStore } from "./audit.js";
import { type Db, fromJson } from "./database.js";
import type { SqliteIntentStore } from "./intents.js";
import type { SqliteLeaseStore } from "./leases.js";

interface LinkRow {
  issue_id: string;
  record_id: string;
  version: number;
  body: string;
}

function toLink(row: LinkRow): Link {
  return { ...fromJson<Link>(row.body), version: row.version };
}

/** The stores a link batch writes to besides links: its entries' intent completions and events. */
export interface SqliteLinkNeighbours {
  readonly leases: SqliteLeaseStore;
  readonly intents: SqliteIntentStore;
  readonly audit: SqliteAuditStore;
}

/**
 * Links keyed by `(item_id, issue_id)` with a unique index on `(item_id, record_id)`. Each save is a
 * check-and-set under the write lock: fence, version and uniqueness are checked in the transaction
 * that writes, so two processes saving the same version cannot both win. `saveMany` runs every
 * entry's check-and-set, intent completion and audit event in one such transaction: one commit for
 * the batch, so a created issue's intent, link and event are durable together.
 */
export function createSqliteLinkStore(db: Db, { leases, intents, audit }: SqliteLinkNeighbours): LinkStore {
  const byIssue = db.sqlite.prepare("SELECT * FROM links WHERE item_id = ? AND issue_id = ?");
  const byRecord = db.sqlite.prepare("SELECT * FROM links WHERE item_id = ? AND record_id = ?");
  const byRecords = db.sqlite.prepare(
    "SELECT * FROM links WHERE item_id = ? AND record_id IN (SELECT value FROM json_each(?))",
  );
  // The check-and-set reads only what it compares, never the bodies.
  const versionOf = db.sqlite.prepare("SELECT version FROM links WHERE item_id = ? AND issue_id = ?");
  const ownerOf = db.sqlite.prepare("SELECT issue_id FROM links WHERE item_id = ? AND record_id = ?");
  // A new link (expected version 0) is inserted first and checked only when the insert hits either
  // unique key: the common case of a backfill costs one statement instead of three.
  const insertNew = db.sqlite.prepare(
    `INSERT INTO links (item_id, issue_id, record_id, version, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
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
  const write = (stored: Link, statement: typeof upsert) =>
    Number(
      statement.run(
        stored.itemId,
        stored.jira.issueId,
        stored.crm.recordId,
        stored.version,
        JSON.stringify(stored),
      ).changes,
    ) > 0;
  // Call inside a write transaction: reads see the entries of the same batch written before.
  const apply = (save: LinkSave): LinkSaveResult => {
    if (save.expectedVersion === 0) {
      // An insert that lands proves the state the kit decides on: no link of the issue or the record.
      const fresh = settleLinkSave(save, { currentVersion: 0, recordOwner: null });
      if (fresh.ok && write(fresh.value, insertNew)) return fresh;
    }
    const { itemId, jira, crm } = save.link;
    const current = versionOf.get(itemId, jira.issueId) as { version: number } | undefined;
    const owner = ownerOf.get(itemId, crm.recordId) as { issue_id: string } | undefined;
    const result = settleLinkSave(save, {
      currentVersion: current?.version ?? 0,
      recordOwner: owner?.issue_id ?? null,
    });
    if (result.ok) write(result.value, upsert);
    return result;
  };

  return {
    async getByJiraIssue(itemId, issueId) {
      const row = byIssue.get(requireKey(itemId, "itemId"), requireKey(issueId, "issueId"));
      return row ? toLink(row as unknown as LinkRow) : null;
    },
    async getByCrmRecord(itemId, recordId) {
      const row = byRecord.get(requireKey(itemId, "itemId"), requireKey(recordId, "recordId"));
      return row ? toLink(row as unknown as LinkRow) : null;
    },
    async getManyByCrmRecord(itemId, recordIds) {
      const item = requireKey(itemId, "itemId");
      const ids = readKeyBatch(recordIds, "recordIds");
      if (ids.length === 0) return [];
      const rows = byRecords.all(item, JSON.stringify(ids)) as unknown as LinkRow[];
      const found = new Map(rows.map((r) => [r.record_id, r]));
      return ids.map((id) => {
        const row = found.get(id);
        return row ? toLink(row) : null;
      });
    },
    async listByItem(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = readPageRequest(request, 1);
      const rows = list.all({ item, after: after?.[0] ?? null, limit: limit + 1 }) as unknown as LinkRow[];
      return toPage(rows, limit, (r) => [r.issue_id], toLink);
    },
    async save(input, options) {
      const save = validateLinkSave(input, options);
      const result = db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        return apply(save);
      });
      if (!result.ok) throw result.error;
      return result.value;
    },
    async saveMany(entries, options = {}) {
      const saves = validateLinkSaves(entries);
      if (saves.length === 0 && !options.fence) return [];
      return db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        const events: AuditEventDraft[] = [];
        const steps = {
          complete: intents.completeInWrite,
          save: apply,
          audit: (d: AuditEventDraft) => events.push(d),
        };
        const results = saves.map((save) => applyLinkSaveEntry(save, steps));
        // Appended after the links, still in entry order and in this transaction: one seq read.
        if (events.length > 0) audit.appendInWrite(events);
        return results;
      });
    },
    async delete(itemId, issueId, options = {}) {
      const del = validateLinkDelete(itemId, issueId, options);
      return db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        const current = byIssue.get(del.itemId, del.issueId) as LinkRow | undefined;
        checkLinkDelete(del, current?.version ?? 0);
        if (!current) return false;
        remove.run(del.itemId, del.issueId);
        return true;
      });
    },
  };
}
