import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { toJSONSchema } from "@kobik/sync-core";
import { openWorkspace } from "./open-workspace.js";
import type { WorkspacePaths } from "./workspace-paths.js";

// Paths and opening live in their own modules, so commands that only open the workspace do not load
// `@kobik/sync-core` (zod) for the item schema; re-exported here for the demo and older imports.
export { openWorkspace } from "./open-workspace.js";
export { type WorkspacePaths, workspacePaths } from "./workspace-paths.js";

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
