import { join, resolve } from "node:path";

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
