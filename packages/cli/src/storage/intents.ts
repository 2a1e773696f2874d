import {
  abandonIntent,
  type BatchEntryResult,
  buildPendingIntent,
  buildPendingIntents,
  type CompleteIntentInput,
  type CompleteIntentResult,
  type CreateIntent,
  type CreateIntentStore,
  completedState,
  completeIntent,
  type IntentTransition,
  type InvalidStateError,
  type NotFoundError,
  type RecordIntentResult,
  readCompleteIntents,
  readKeyBatch,
  readPageRequest,
  requireKey,
  settleIntentCompletion,
  toPage,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";

interface IntentRow {
  key: string;
  created_at: string;
  body: string;
}

/** The SQLite intent store, plus the completion `links.saveMany` runs inside its own transaction. */
export interface SqliteIntentStore extends CreateIntentStore {
  /** Completes one validated input; call inside a write transaction. */
  completeInWrite(input: CompleteIntentInput): BatchEntryResult<unknown, NotFoundError | InvalidStateError>;
}

/**
 * Create intents keyed by idempotency key. `record` is `INSERT ... ON CONFLICT DO NOTHING`, so of
 * any number of processes recording one key exactly one sees its row inserted. The batch calls run
 * every entry in one write transaction (one commit per batch).
 */
export function createSqliteIntentStore(db: Db): SqliteIntentStore {
  const get = db.sqlite.prepare("SELECT * FROM intents WHERE key = ?");
  const getMany = db.sqlite.prepare(
    "SELECT key, body FROM intents WHERE key IN (SELECT value FROM json_each(?))",
  );
  const insert = db.sqlite.prepare(
    "INSERT INTO intents (key, item_id, status, created_at, body) VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (key) DO NOTHING",
  );
  const update = db.sqlite.prepare("UPDATE intents SET status = ?, body = ? WHERE key = ?");
  const completePending = db.sqlite.prepare(
    `UPDATE intents SET status = 'completed', body = json_set(body, '$.state', json(?))
     WHERE key = ? AND status = 'pending'`,
  );
  const pending = db.sqlite.prepare(
    `SELECT * FROM intents WHERE item_id = :item AND status = 'pending'
       AND (:afterAt IS NULL OR (created_at, key) > (:afterAt, :afterKey))
     ORDER BY created_at, key LIMIT :limit`,
  );
  const read = (key: string) => {
    const row = get.get(key) as IntentRow | undefined;
    return row ? fromJson<CreateIntent>(row.body) : null;
  };
  // The state change is decided and written under one write lock, so two processes cannot both move it.
  const transition = (key: string, change: (stored: CreateIntent | null) => IntentTransition) =>
    db.write(() => {
      const { intent, changed } = change(read(key));
      if (changed) update.run(intent.state.status, JSON.stringify(intent), intent.key);
      return intent;
    });

  // Call inside a write transaction.
  const completeOne = (input: CompleteIntentInput): CompleteIntentResult => {
    const { result, write } = settleIntentCompletion(read(input.key), input);
    if (write) update.run(write.state.status, JSON.stringify(write), write.key);
    return result;
  };
  // `completeOne` for a link batch, which needs no intent back: the common case, a pending intent,
  // is one UPDATE that neither reads nor parses the body (RETURNING it measured as slow as reading
  // it); anything else (unknown key, a repeat, a wrong state) is the kit's to decide.
  const completeInWrite = (
    input: CompleteIntentInput,
  ): BatchEntryResult<unknown, NotFoundError | InvalidStateError> =>
    Number(completePending.run(JSON.stringify(completedState(input)), input.key).changes) > 0
      ? { ok: true, value: null }
      : completeOne(input);

  // Call inside a write transaction.
  const recordOne = (intent: CreateIntent): RecordIntentResult => {
    const inserted = insert.run(intent.key, intent.itemId, intent.createdAt, JSON.stringify(intent));
    if (Number(inserted.changes) > 0) return { outcome: "recorded", intent };
    return { outcome: "exists", intent: read(intent.key) ?? intent };
  };

  return {
    completeInWrite,
    async record(input) {
      const intent = buildPendingIntent(input);
      return db.write(() => recordOne(intent));
    },
    async recordMany(inputs) {
      const built = buildPendingIntents(inputs);
      if (built.length === 0) return [];
      return db.write(() => built.map(recordOne));
    },
    async completeMany(inputs) {
      const checked = readCompleteIntents(inputs);
      if (checked.length === 0) return [];
      return db.write(() => checked.map(completeOne));
    },
    async complete(input) {
      return transition(requireKey(input.key, "key"), (stored) => completeIntent(stored, input));
    },
    async abandon(input) {
      return transition(requireKey(input.key, "key"), (stored) => abandonIntent(stored, input));
    },
    async get(key) {
      return read(requireKey(key, "key"));
    },
    async getMany(keys) {
      const checked = readKeyBatch(keys, "keys");
      if (checked.length === 0) return [];
      const rows = getMany.all(JSON.stringify(checked)) as unknown as IntentRow[];
      const found = new Map(rows.map((r) => [r.key, r.body]));
      // Parsed per entry, not per row: a repeated key gets its own copy.
      return checked.map((key) => {
        const body = found.get(key);
        return body === undefined ? null : fromJson<CreateIntent>(body);
      });
    },
    async listPending(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = readPageRequest(request, 2);
      const rows = pending.all({
        item,
        afterAt: after?.[0] ?? null,
        afterKey: after?.[1] ?? null,
        limit: limit + 1,
      }) as unknown as IntentRow[];
      return toPage(
        rows,
        limit,
        (r) => [r.created_at, r.key],
        (r) => fromJson<CreateIntent>(r.body),
      );
    },
  };
}
