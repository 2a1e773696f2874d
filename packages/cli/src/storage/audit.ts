import {
  type AuditEvent,
  type AuditFieldChange,
  type AuditFilter,
  type AuditLinkRef,
  type AuditStore,
  copyJson,
  InvalidInputError,
  MAX_AUDIT_CHANGES,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";
import { keyset, toPage } from "./paging.js";
import { requireDate, requireKey, requireString } from "./validate.js";

interface AuditRow {
  seq: number;
  body: string;
}

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

function filterColumn(filter: AuditFilter): { column: "run_id" | "item_id"; value: string } {
  switch (filter?.by) {
    case "run":
      return { column: "run_id", value: requireKey(filter.runId, "filter.runId") };
    case "item":
      return { column: "item_id", value: requireKey(filter.itemId, "filter.itemId") };
    default:
      throw new InvalidInputError("filter.by", "must be one of run, item");
  }
}

/** Append-only events; `seq` is SQLite's AUTOINCREMENT rowid, so it never repeats, even after deletes. */
export function createSqliteAuditStore(db: Db): AuditStore {
  const insert = db.sqlite.prepare("INSERT INTO audit (item_id, run_id, body) VALUES (?, ?, ?)");
  const setBody = db.sqlite.prepare("UPDATE audit SET body = ? WHERE seq = ?");
  const lists = {
    run_id: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE run_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
    item_id: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE item_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
  };
  return {
    async append(input) {
      const draft = {
        at: new Date(requireDate(input.now, "now")).toISOString(),
        itemId: requireKey(input.itemId, "itemId"),
        runId: input.runId === null ? null : requireKey(input.runId, "runId"),
        action: requireKey(input.action, "action"),
        link: readLink(input.link),
        reason: requireString(input.reason, "reason"),
        changes: readChanges(input.changes),
      };
      return db.write(() => {
        const seq = Number(insert.run(draft.itemId, draft.runId, "{}").lastInsertRowid);
        const event: AuditEvent = { seq, ...draft };
        setBody.run(JSON.stringify(event), seq);
        return event;
      });
    },
    async list(filter, request) {
      const { column, value } = filterColumn(filter);
      const { limit, after } = keyset(request, 1);
      const rows = lists[column].all({
        value,
        after: after?.[0] ?? 0,
        limit: limit + 1,
      }) as unknown as AuditRow[];
      return toPage(
        rows,
        limit,
        (r) => [r.seq],
        (r) => fromJson<AuditEvent>(r.body),
      );
    },
  };
}
