import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));
const DIST_BIN = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const TSX = import.meta.resolve("tsx");

/** What a finished `kobik` process left behind. */
export interface KobikResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Which `kobik` runs: the TypeScript source through tsx (tests: no build needed), or the built
 * `dist/bin.js` that users run (the bench, after a build).
 */
export type KobikBuild = "source" | "dist";

/** Options of {@link startKobik}: working directory, extra environment, source or built bin. */
export interface KobikOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  readonly build?: KobikBuild;
}

/** Starts `kobik <args>` as a real child process, from the source through tsx unless `build: "dist"`. */
export function startKobik(args: readonly string[], options: KobikOptions): ChildProcess {
  const argv =
    options.build === "dist"
      ? [DIST_BIN, ...args]
      : ["--conditions=@kobik/source", "--import", TSX, BIN, ...args];
  return spawn(process.execPath, argv, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", KOBIK_WORKSPACE: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess): Promise<KobikResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `kobik <args>` to completion. */
export function kobik(args: readonly string[], options: KobikOptions): Promise<KobikResult> {
  return finished(startKobik(args, options));
}

/** A temporary directory for one test, removed by the returned cleanup. */
export function tempDir(prefix = "kobik-cli-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
