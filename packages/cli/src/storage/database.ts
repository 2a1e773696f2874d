import type { DatabaseSync } from "node:sqlite";

// Loaded at run time rather than imported: bundlers (esbuild in tsup) rewrite "node:sqlite" to
// "sqlite", a different module, because "sqlite" only exists as a built-in with the prefix.
const sqliteModule = () => process.getBuiltinModule("node:sqlite") as typeof import("node:sqlite");

/** How long a writer waits for another process's write transaction before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * An open workspace database plus the one transaction helper every store uses. `node:sqlite` is
 * synchronous, so inside one process a check-and-set without `await` is already atomic; across
 * processes `BEGIN IMMEDIATE` takes the write lock before the check, so two `kobik` processes on
 * one file serialise instead of both reading the old state.
 */
export interface Db {
  readonly sqlite: DatabaseSync;
  /** Runs `work` in a write transaction (or a savepoint when one is already open). */
  write<T>(work: () => T): T;
  close(): void;
}

/** Opens (creating if needed) a SQLite file, or `":memory:"`, with WAL and a busy timeout. */
export function openDb(file: string): Db {
  const sqlite = new (sqliteModule().DatabaseSync)(file);
  sqlite.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (file !== ":memory:") sqlite.exec("PRAGMA journal_mode = WAL");
  // NORMAL in WAL mode keeps every committed transaction across a process crash (only an OS
  // crash can lose the last ones), at a fraction of FULL's fsync cost.
  sqlite.exec("PRAGMA synchronous = NORMAL");
  let depth = 0;
  return {
    sqlite,
    write<T>(work: () => T): T {
      const savepoint = `sp${depth}`;
      sqlite.exec(depth === 0 ? "BEGIN IMMEDIATE" : `SAVEPOINT ${savepoint}`);
      depth += 1;
      try {
        const result = work();
        sqlite.exec(depth === 1 ? "COMMIT" : `RELEASE ${savepoint}`);
        return result;
      } catch (error) {
        sqlite.exec(depth === 1 ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        throw error;
      } finally {
        depth -= 1;
      }
    },
    close() {
      if (sqlite.isOpen) sqlite.close();
    },
  };
}

/** Parses a JSON column written by this store. */
export function fromJson<T>(text: unknown): T {
  return JSON.parse(String(text)) as T;
}
