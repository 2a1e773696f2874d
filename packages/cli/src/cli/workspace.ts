import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { toJSONSchema } from "@kobik/sync-core";
import { SchemaTooNewError } from "../storage/migrations.js";
import { SecretDecryptionError } from "../storage/secret-box.js";
import { loadSecretKey, SecretKeyError } from "../storage/secret-key.js";
import { createSqliteStore, SecretKeyMismatchError, type SqliteStore } from "../storage/store.js";
import { ConfigError } from "./errors.js";

/** The files of a workspace directory. */
export interface WorkspacePaths {
  readonly dir: string;
  readonly database: string;
  readonly keyFile: string;
  /** JSON Schema of item files, for editor completion. */
  readonly itemSchema: string;
}

/** Where the workspace lives: `--workspace`, else `KOBIK_WORKSPACE`, else `.kobik` in the current directory. */
export function workspacePaths(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): WorkspacePaths {
  const dir = resolve(cwd, flag || env.KOBIK_WORKSPACE || ".kobik");
  return {
    dir,
    database: join(dir, "kobik.db"),
    keyFile: join(dir, "secret.key"),
    itemSchema: join(dir, "item.schema.json"),
  };
}

/** Writes the item JSON Schema; YAML files point at it with `# yaml-language-server: $schema=...`. */
export function writeItemSchema(path: string): void {
  const schema = { ...toJSONSchema(), title: "Kobik Sync item (Smart Connected Item)" };
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
}

/** Creates the directory (0700), key file, database and schema file; returns whether it was new. */
export function initWorkspace(paths: WorkspacePaths, env: NodeJS.ProcessEnv): { created: boolean } {
  const created = !existsSync(paths.database);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  openWorkspace(paths, env, { create: true }).close();
  writeItemSchema(paths.itemSchema);
  return { created };
}

/**
 * Opens the workspace's store. Without `create`, a missing workspace is a {@link ConfigError} that
 * says to run `kobik init`; key and schema problems become errors that name their fix.
 */
export function openWorkspace(
  paths: WorkspacePaths,
  env: NodeJS.ProcessEnv,
  options: { create?: boolean } = {},
): SqliteStore {
  if (!options.create && !existsSync(paths.database)) {
    throw new ConfigError(
      `No Kobik workspace at ${paths.dir}.`,
      "Run `kobik init` here first, or pass --workspace <dir> (or set KOBIK_WORKSPACE).",
    );
  }
  try {
    const secretKey = loadSecretKey({ envValue: env.KOBIK_SECRET_KEY, keyFile: paths.keyFile });
    return createSqliteStore({ file: paths.database, secretKey });
  } catch (error) {
    if (
      error instanceof SecretKeyError ||
      error instanceof SecretKeyMismatchError ||
      error instanceof SchemaTooNewError ||
      error instanceof SecretDecryptionError
    ) {
      throw new ConfigError(error.message, "");
    }
    throw error;
  }
}
