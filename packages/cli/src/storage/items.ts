import {
  type ItemStore,
  readEnabledFilter,
  readPageRequest,
  requireKey,
  toPage,
  validateItemSave,
} from "@kobik/storage";
import type { SmartConnectedItem } from "@kobik/sync-core";
import { type Db, fromJson } from "./database.js";

interface ItemRow {
  id: string;
  body: string;
}

/** Item configs as JSON rows keyed by id, with the enabled flag in its own column for filtering. */
export function createSqliteItemStore(db: Db): ItemStore {
  const get = db.sqlite.prepare("SELECT body FROM items WHERE id = ?");
  const upsert = db.sqlite.prepare(
    "INSERT INTO items (id, enabled, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, body = excluded.body",
  );
  const remove = db.sqlite.prepare("DELETE FROM items WHERE id = ?");
  const list = db.sqlite.prepare(
    `SELECT id, body FROM items
     WHERE (:enabled IS NULL OR enabled = :enabled) AND (:after IS NULL OR id > :after)
     ORDER BY id LIMIT :limit`,
  );
  return {
    async get(id) {
      const row = get.get(requireKey(id, "id")) as Pick<ItemRow, "body"> | undefined;
      return row ? fromJson<SmartConnectedItem>(row.body) : null;
    },
    async list(request) {
      const enabled = readEnabledFilter(request?.enabled);
      const { limit, after } = readPageRequest(request, 1);
      const rows = list.all({
        enabled: enabled === undefined ? null : Number(enabled),
        after: after?.[0] ?? null,
        limit: limit + 1,
      }) as unknown as ItemRow[];
      return toPage(
        rows,
        limit,
        (r) => [r.id],
        (r) => fromJson<SmartConnectedItem>(r.body),
      );
    },
    async save(input) {
      const { id, enabled, item } = validateItemSave(input);
      upsert.run(id, Number(enabled), JSON.stringify(item));
    },
    async delete(id) {
      return Number(remove.run(requireKey(id, "id")).changes) > 0;
    },
  };
}
