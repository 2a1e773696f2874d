import type { JsonValue } from "@kobik/storage";
import { type Db, fromJson } from "./database.js";

/** Non-secret host settings (connection endpoints, client ids) as JSON by key. */
export interface SettingsStore {
  get<T extends JsonValue>(key: string): T | null;
  set(key: string, value: JsonValue): void;
  delete(key: string): boolean;
}

/** Settings in the workspace database's `settings` table. */
export function createSqliteSettings(db: Db): SettingsStore {
  const get = db.sqlite.prepare("SELECT value FROM settings WHERE key = ?");
  const upsert = db.sqlite.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const remove = db.sqlite.prepare("DELETE FROM settings WHERE key = ?");
  return {
    get<T extends JsonValue>(key: string): T | null {
      const row = get.get(key) as { value: string } | undefined;
      return row ? fromJson<T>(row.value) : null;
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value));
    },
    delete(key) {
      return Number(remove.run(key).changes) > 0;
    },
  };
}
