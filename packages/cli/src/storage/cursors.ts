import {
  CURSOR_SIDES,
  type CursorSide,
  type CursorStore,
  copyJson,
  InvalidInputError,
  type JsonValue,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";
import type { SqliteLeaseStore } from "./leases.js";
import { requireKey, requireOneOf } from "./validate.js";

function slot(itemId: unknown, side: unknown): [string, CursorSide] {
  return [requireKey(itemId, "itemId"), requireOneOf<CursorSide>(side, "side", CURSOR_SIDES)];
}

/** Cursors as JSON text per `(item_id, side)`; a fenced set checks the lease in its own transaction. */
export function createSqliteCursorStore(db: Db, leases: SqliteLeaseStore): CursorStore {
  const get = db.sqlite.prepare("SELECT value FROM cursors WHERE item_id = ? AND side = ?");
  const upsert = db.sqlite.prepare(
    "INSERT INTO cursors (item_id, side, value) VALUES (?, ?, ?) ON CONFLICT (item_id, side) DO UPDATE SET value = excluded.value",
  );
  const remove = db.sqlite.prepare("DELETE FROM cursors WHERE item_id = ? AND side = ?");
  return {
    async get(itemId, side) {
      const row = get.get(...slot(itemId, side)) as { value: string } | undefined;
      return row ? fromJson<JsonValue>(row.value) : null;
    },
    async set(itemId, side, value, options = {}) {
      const key = slot(itemId, side);
      if (value === null || value === undefined) {
        throw new InvalidInputError("value", "must not be null: use delete");
      }
      const text = JSON.stringify(copyJson(value, "value"));
      db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        upsert.run(...key, text);
      });
    },
    async delete(itemId, side) {
      return Number(remove.run(...slot(itemId, side)).changes) > 0;
    },
  };
}
