import {
  type CreateIntent,
  type CreateIntentStore,
  type CreateTarget,
  InvalidStateError,
  NotFoundError,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";
import { keyset, toPage } from "./paging.js";
import { requireDate, requireKey, requireOneOf, requireString } from "./validate.js";

const TARGETS: readonly CreateTarget[] = ["crm", "jira"];

interface IntentRow {
  key: string;
  created_at: string;
  body: string;
}

/**
 * Create intents keyed by idempotency key. `record` is `INSERT ... ON CONFLICT DO NOTHING`, so of
 * any number of processes recording one key exactly one sees its row inserted.
 */
export function createSqliteIntentStore(db: Db): CreateIntentStore {
  const get = db.sqlite.prepare("SELECT * FROM intents WHERE key = ?");
  const insert = db.sqlite.prepare(
    "INSERT INTO intents (key, item_id, status, created_at, body) VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (key) DO NOTHING",
  );
  const update = db.sqlite.prepare("UPDATE intents SET status = ?, body = ? WHERE key = ?");
  const pending = db.sqlite.prepare(
    `SELECT * FROM intents WHERE item_id = :item AND status = 'pending'
       AND (:afterAt IS NULL OR (created_at, key) > (:afterAt, :afterKey))
     ORDER BY created_at, key LIMIT :limit`,
  );
  const read = (key: string) => {
    const row = get.get(key) as IntentRow | undefined;
    return row ? fromJson<CreateIntent>(row.body) : null;
  };
  const existing = (key: string): CreateIntent => {
    const intent = read(key);
    if (!intent) throw new NotFoundError(`create intent ${key}`);
    return intent;
  };
  const store = (intent: CreateIntent) => update.run(intent.state.status, JSON.stringify(intent), intent.key);

  return {
    async record(input) {
      const intent: CreateIntent = {
        key: requireKey(input.key, "key"),
        itemId: requireKey(input.itemId, "itemId"),
        target: requireOneOf(input.target, "target", TARGETS),
        sourceId: requireKey(input.sourceId, "sourceId"),
        createdAt: new Date(requireDate(input.now, "now")).toISOString(),
        state: { status: "pending" },
      };
      return db.write(() => {
        const inserted = insert.run(intent.key, intent.itemId, intent.createdAt, JSON.stringify(intent));
        if (Number(inserted.changes) > 0) return { outcome: "recorded" as const, intent };
        return { outcome: "exists" as const, intent: existing(intent.key) };
      });
    },
    async complete(input) {
      const key = requireKey(input.key, "key");
      const createdId = requireKey(input.createdId, "createdId");
      const at = new Date(requireDate(input.now, "now")).toISOString();
      return db.write(() => {
        const intent = existing(key);
        const { state } = intent;
        if (state.status === "completed" && state.createdId === createdId) return intent;
        if (state.status !== "pending") {
          throw new InvalidStateError(
            `create intent ${key}`,
            state.status,
            "only a pending intent completes",
          );
        }
        const done: CreateIntent = { ...intent, state: { status: "completed", createdId, completedAt: at } };
        store(done);
        return done;
      });
    },
    async abandon(input) {
      const key = requireKey(input.key, "key");
      const reason = requireString(input.reason, "reason");
      const at = new Date(requireDate(input.now, "now")).toISOString();
      return db.write(() => {
        const intent = existing(key);
        if (intent.state.status === "abandoned") return intent;
        if (intent.state.status !== "pending") {
          throw new InvalidStateError(
            `create intent ${key}`,
            intent.state.status,
            "a completed create stays",
          );
        }
        const dropped: CreateIntent = { ...intent, state: { status: "abandoned", reason, abandonedAt: at } };
        store(dropped);
        return dropped;
      });
    },
    async get(key) {
      return read(requireKey(key, "key"));
    },
    async listPending(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = keyset(request, 2);
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
