import type { Db } from "./database.js";

/** One schema step. Steps are append-only: a released step is never edited, only followed by another. */
interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "storage ports: items, links, cursors, secrets, leases, intents, runs, audit",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE items (id TEXT PRIMARY KEY, enabled INTEGER NOT NULL, body TEXT NOT NULL) STRICT;
      CREATE TABLE links (
        item_id TEXT NOT NULL, issue_id TEXT NOT NULL, record_id TEXT NOT NULL,
        version INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (item_id, issue_id)
      ) STRICT;
      CREATE UNIQUE INDEX links_by_record ON links (item_id, record_id);
      CREATE TABLE cursors (
        item_id TEXT NOT NULL, side TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (item_id, side)
      ) STRICT;
      CREATE TABLE secrets (key TEXT PRIMARY KEY, sealed BLOB NOT NULL) STRICT;
      CREATE TABLE leases (
        name TEXT PRIMARY KEY, holder TEXT NOT NULL, token INTEGER NOT NULL,
        acquired_at TEXT NOT NULL, expires_at TEXT NOT NULL, status TEXT NOT NULL
      ) STRICT;
      CREATE TABLE intents (
        key TEXT PRIMARY KEY, item_id TEXT NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intents_pending ON intents (item_id, status, created_at, key);
      CREATE TABLE runs (
        id TEXT PRIMARY KEY, item_id TEXT NOT NULL, started_at TEXT NOT NULL,
        status TEXT NOT NULL, body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX runs_recent ON runs (item_id, started_at, id);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, run_id TEXT, body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_item ON audit (item_id, seq);
      CREATE INDEX audit_by_run ON audit (run_id, seq);
    `,
  },
  {
    version: 2,
    description: "host state: connection settings and the Zoho CRM user inventory",
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE zoho_users (
        id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, active INTEGER NOT NULL,
        body TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
      ) STRICT;
    `,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The workspace was written by a newer `kobik`: refusing beats corrupting it. */
export class SchemaTooNewError extends Error {
  readonly found: number;
  constructor(found: number) {
    super(
      `The workspace database has schema version ${found}, newer than this kobik understands (${SCHEMA_VERSION}). Upgrade @kobik/cli, or point --workspace at another directory.`,
    );
    this.name = "SchemaTooNewError";
    this.found = found;
  }
}

function currentVersion(db: Db): number {
  const row = db.sqlite.prepare("PRAGMA user_version").get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings the schema up to {@link SCHEMA_VERSION}. Each step and its version bump commit together
 * under the write lock, so two processes opening a fresh file migrate it exactly once.
 */
export function migrate(db: Db): number {
  return db.write(() => {
    const from = currentVersion(db);
    if (from > SCHEMA_VERSION) throw new SchemaTooNewError(from);
    for (const step of MIGRATIONS) {
      if (step.version <= from) continue;
      db.sqlite.exec(step.sql);
      db.sqlite.exec(`PRAGMA user_version = ${step.version}`);
    }
    return currentVersion(db);
  });
}
