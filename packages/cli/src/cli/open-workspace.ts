import { existsSync } from "node:fs";
import { SchemaTooNewError } from "../storage/migrations.js";
import { SecretDecryptionError } from "../storage/secret-box.js";
import { loadSecretKey, SecretKeyError } from "../storage/secret-key.js";
import { createSqliteStore, SecretKeyMismatchError, type SqliteStore } from "../storage/store.js";
import { ConfigError } from "./errors.js";
import type { WorkspacePaths } from "./workspace-paths.js";

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
