import { type CursorStore, type JsonValue, readCursorSlot, validateCursorValue } from "@kobik/storage";
import { type Db, fromJson } from "./database.js";
import type { SqliteLeaseStore } from "./leases.js";

/** Cursors as JSON text per `(item_id, side)`; a fenced set checks the lease in its own transaction. */
export function createSqliteCursorStore(db: Db, leases: SqliteLeaseStore): CursorStore {
  const get = db.sqlite.prepare("SELECT value FROM cursors WHERE item_id = ? AND side = ?");
  const upsert = db.sqlite.prepare(
    "INSERT INTO cursors (item_id, side, value) VALUES (?, ?, ?) ON CONFLICT (item_id, side) DO UPDATE SET value = excluded.value",
  );
  const remove = db.sqlite.prepare("DELETE FROM cursors WHERE item_id = ? AND side = ?");
  return {
    async get(itemId, side) {
      const row = get.get(...readCursorSlot(itemId, side)) as { value: string } | undefined;
      return row ? fromJson<JsonValue>(row.value) : null;
    },
    async set(itemId, side, value, options = {}) {
      const key = readCursorSlot(itemId, side);
      const text = JSON.stringify(validateCursorValue(value));
      db.write(() => {
        if (options.fence) leases.checkFence(options.fence);
        upsert.run(...key, text);
      });
    },
    async delete(itemId, side) {
      return Number(remove.run(...readCursorSlot(itemId, side)).changes) > 0;
    },
  };
}
