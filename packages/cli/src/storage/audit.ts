import {
  type AuditEvent,
  type AuditEventDraft,
  type AuditStore,
  buildAuditEvent,
  buildAuditEvents,
  readAuditFilter,
  readPageRequest,
  toPage,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";

interface AuditRow {
  seq: number;
  body: string;
}

/**
 * Append-only events; `seq` is SQLite's AUTOINCREMENT rowid, so it never repeats, even after deletes.
 * `appendMany` inserts the whole batch in one transaction: all or none, consecutive seqs.
 */
export function createSqliteAuditStore(db: Db): AuditStore {
  const insert = db.sqlite.prepare("INSERT INTO audit (item_id, run_id, body) VALUES (?, ?, ?)");
  const setBody = db.sqlite.prepare("UPDATE audit SET body = ? WHERE seq = ?");
  const lists = {
    run: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE run_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
    item: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE item_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
  };
  // Call inside a write transaction: the body carries the seq SQLite just assigned.
  const appendOne = (draft: AuditEventDraft): AuditEvent => {
    const seq = Number(insert.run(draft.itemId, draft.runId, "{}").lastInsertRowid);
    const event: AuditEvent = { seq, ...draft };
    setBody.run(JSON.stringify(event), seq);
    return event;
  };
  return {
    async append(input) {
      const draft = buildAuditEvent(input);
      return db.write(() => appendOne(draft));
    },
    async appendMany(inputs) {
      const drafts = buildAuditEvents(inputs);
      if (drafts.length === 0) return [];
      return db.write(() => drafts.map(appendOne));
    },
    async list(filter, request) {
      const f = readAuditFilter(filter);
      const { limit, after } = readPageRequest(request, 1);
      const rows = lists[f.by].all({
        value: f.by === "run" ? f.runId : f.itemId,
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
