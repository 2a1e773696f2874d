import { requireKey, type SecretStore, validateSecretValue } from "@kobik/storage";
import type { Db } from "./database.js";
import { open, type SecretKey, seal } from "./secret-box.js";

/** Secrets sealed with AES-256-GCM before they reach the file; errors name keys, never values. */
export function createSqliteSecretStore(db: Db, key: SecretKey): SecretStore {
  const get = db.sqlite.prepare("SELECT sealed FROM secrets WHERE key = ?");
  const upsert = db.sqlite.prepare(
    "INSERT INTO secrets (key, sealed) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET sealed = excluded.sealed",
  );
  const remove = db.sqlite.prepare("DELETE FROM secrets WHERE key = ?");
  return {
    async get(name) {
      const k = requireKey(name, "key");
      const row = get.get(k) as { sealed: Uint8Array } | undefined;
      return row ? open(key, k, row.sealed) : null;
    },
    async set(name, value) {
      const k = requireKey(name, "key");
      upsert.run(k, seal(key, k, validateSecretValue(value)));
    },
    async delete(name) {
      return Number(remove.run(requireKey(name, "key")).changes) > 0;
    },
  };
}
