import type { SqliteStore } from "../storage/store.js";
import type { ExitCode } from "./errors.js";
import { openWorkspace } from "./open-workspace.js";
import type { CliStream, Output } from "./output.js";
import type { WorkspacePaths } from "./workspace-paths.js";

/** What the host process hands the CLI: streams, environment, directory, and signals. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Subscribes to SIGINT/SIGTERM; returns an unsubscribe function. */
  onShutdown(listener: (signal: string) => void): () => void;
}

/** Per-invocation state every command gets; it owns the store it opens and closes it at the end. */
export interface CommandContext {
  readonly io: CliIo;
  readonly out: Output;
  readonly paths: WorkspacePaths;
  /** Opens the workspace store once per invocation (a missing workspace says to run `kobik init`). */
  store(): SqliteStore;
  /** Closes what was opened. */
  dispose(): void;
}

/** Builds a {@link CommandContext}. */
export function createCommandContext(io: CliIo, out: Output, paths: WorkspacePaths): CommandContext {
  let opened: SqliteStore | null = null;
  return {
    io,
    out,
    paths,
    store() {
      opened ??= openWorkspace(paths, io.env);
      return opened;
    },
    dispose() {
      opened?.close();
      opened = null;
    },
  };
}

/** A command's body: returns the exit code. */
export type CommandBody<A extends unknown[]> = (ctx: CommandContext, ...args: A) => Promise<ExitCode>;
