import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

/** What a finished `kobik` process left behind. */
export interface KobikResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link startKobik}: working directory and extra environment. */
export interface KobikOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
}

/** Starts `kobik <args>` as a real child process running the TypeScript source through tsx. */
export function startKobik(args: readonly string[], options: KobikOptions): ChildProcess {
  return spawn(process.execPath, ["--conditions=@kobik/source", "--import", TSX, BIN, ...args], {
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
