import type { KobikStore } from "@kobik/storage";
import { createSqliteAuditStore } from "./audit.js";
import { createSqliteCursorStore } from "./cursors.js";
import { type Db, openDb } from "./database.js";
import { createSqliteIntentStore } from "./intents.js";
import { createSqliteItemStore } from "./items.js";
import { createSqliteLeaseStore } from "./leases.js";
import { createSqliteLinkStore } from "./links.js";
import { migrate } from "./migrations.js";
import { createSqliteRunStore } from "./runs.js";
import { keyFingerprint, type SecretKey } from "./secret-box.js";
import { createSqliteSecretStore } from "./secrets.js";
import { createSqliteSettings, type SettingsStore } from "./settings.js";
import { createSqliteUserInventory, type UserInventoryStore } from "./user-inventory.js";

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file, or `":memory:"`. Created (with its schema) when missing. */
  readonly file: string;
  /** Key that seals secrets at rest; see `loadSecretKey`. */
  readonly secretKey: SecretKey;
}

/** A {@link KobikStore} in one SQLite file, plus the CLI host's own state. */
export interface SqliteStore extends KobikStore {
  readonly file: string;
  /** Schema version after migrations. */
  readonly schemaVersion: number;
  readonly settings: SettingsStore;
  readonly users: UserInventoryStore;
  close(): void;
}

/** Opening with another key than the workspace's would make every secret unreadable later. */
export class SecretKeyMismatchError extends Error {
  constructor(file: string) {
    super(
      `The secret key does not match the one ${file} was created with. Set KOBIK_SECRET_KEY to that key (or restore the workspace's secret.key file).`,
    );
    this.name = "SecretKeyMismatchError";
  }
}

function checkKey(db: Db, file: string, key: SecretKey): void {
  const fingerprint = keyFingerprint(key);
  db.write(() => {
    const row = db.sqlite.prepare("SELECT value FROM meta WHERE key = 'secret-key'").get() as
      | { value: string }
      | undefined;
    if (!row) db.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('secret-key', ?)").run(fingerprint);
    else if (row.value !== fingerprint) throw new SecretKeyMismatchError(file);
  });
}

/**
 * Opens (or creates) a SQLite workspace database and returns every storage port on it. Uses Node's
 * built-in `node:sqlite`, WAL journaling, and `BEGIN IMMEDIATE` around each check-and-set, so
 * several processes can share one file safely.
 *
 * @example
 * const store = createSqliteStore({ file: ".kobik/kobik.db", secretKey: loadSecretKey({ keyFile: ".kobik/secret.key" }) });
 * await store.secrets.set("jira:api-token", token); // sealed with AES-256-GCM
 * store.close();
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDb(options.file);
  try {
    const schemaVersion = migrate(db);
    checkKey(db, options.file, options.secretKey);
    const leases = createSqliteLeaseStore(db);
    const intents = createSqliteIntentStore(db);
    const audit = createSqliteAuditStore(db);
    return {
      file: options.file,
      schemaVersion,
      items: createSqliteItemStore(db),
      links: createSqliteLinkStore(db, { leases, intents, audit }),
      cursors: createSqliteCursorStore(db, leases),
      secrets: createSqliteSecretStore(db, options.secretKey),
      leases,
      intents,
      runs: createSqliteRunStore(db),
      audit,
      settings: createSqliteSettings(db),
      users: createSqliteUserInventory(db),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
