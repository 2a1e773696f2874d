import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}

/** Bytes a package ships: its `files` entries when it has them (workspace packages), else its whole folder. */
function packageBytes(dir: string, manifest: { files?: string[] }): number {
  if (!manifest.files) return dirBytes(dir);
  let total = statSync(join(dir, "package.json")).size;
  for (const entry of manifest.files) {
    const path = join(dir, entry);
    if (!existsSync(path)) continue;
    total += statSync(path).isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

function resolveDependency(fromDir: string, name: string): string | undefined {
  const own = join(fromDir, "node_modules", name);
  if (existsSync(own)) return realpathSync(own);
  let dir = fromDir;
  while (basename(dir) !== "node_modules" && dirname(dir) !== dir) dir = dirname(dir);
  const sibling = join(dir, name);
  return existsSync(sibling) ? realpathSync(sibling) : undefined;
}

/** Installed size of a package and its runtime dependency closure (pnpm layout), in bytes. */
export function installedFootprint(packageDir: string): { bytes: number; packages: number } {
  const seen = new Set<string>();
  const queue = [realpathSync(packageDir)];
  let bytes = 0;
  while (queue.length > 0) {
    const dir = queue.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      files?: string[];
      dependencies?: Record<string, string>;
    };
    bytes += packageBytes(dir, manifest);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dep = resolveDependency(dir, name);
      if (dep !== undefined) queue.push(dep);
    }
  }
  return { bytes, packages: seen.size };
}
