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

/** The SQLite audit store, plus the append `links.saveMany` runs inside its own transaction. */
export interface SqliteAuditStore extends AuditStore {
  /** Appends built drafts in order; call inside a write transaction. */
  appendInWrite(drafts: readonly AuditEventDraft[]): AuditEvent[];
}

/**
 * Append-only events; `seq` is SQLite's AUTOINCREMENT rowid, so it never repeats, even after deletes.
 * `appendMany` inserts the whole batch in one transaction: all or none, consecutive seqs.
 */
export function createSqliteAuditStore(db: Db): SqliteAuditStore {
  const insert = db.sqlite.prepare("INSERT INTO audit (seq, item_id, run_id, body) VALUES (?, ?, ?, ?)");
  // AUTOINCREMENT keeps the highest seq ever used here, deleted rows included.
  const lastSeq = db.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
  const lists = {
    run: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE run_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
    item: db.sqlite.prepare(
      "SELECT seq, body FROM audit WHERE item_id = :value AND seq > :after ORDER BY seq LIMIT :limit",
    ),
  };
  // Call inside a write transaction (the write lock keeps the next seqs ours): one INSERT per event,
  // its body already carrying the seq, instead of an INSERT to learn the seq and an UPDATE.
  const appendAll = (drafts: readonly AuditEventDraft[]): AuditEvent[] => {
    let seq = Number((lastSeq.get() as { seq: number } | undefined)?.seq ?? 0);
    return drafts.map((draft) => {
      seq += 1;
      const event: AuditEvent = { seq, ...draft };
      insert.run(seq, draft.itemId, draft.runId, JSON.stringify(event));
      return event;
    });
  };
  return {
    appendInWrite: appendAll,
    async append(input) {
      const draft = buildAuditEvent(input);
      return db.write(() => appendAll([draft])[0] as AuditEvent);
    },
    async appendMany(inputs) {
      const drafts = buildAuditEvents(inputs);
      if (drafts.length === 0) return [];
      return db.write(() => appendAll(drafts));
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
