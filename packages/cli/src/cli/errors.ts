/** Exit codes: 0 everything worked, 1 a run had failures, 2 the command line or configuration is wrong. */
export type ExitCode = 0 | 1 | 2;

/**
 * A failure the CLI explains itself: what went wrong, what to do next, and the exit code. Messages
 * never carry secret values (tokens, client secrets): only names and paths.
 */
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  /** The next step, e.g. "run `kobik init`". */
  readonly hint: string;

  constructor(exitCode: 1 | 2, message: string, hint: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, hint = "Run `kobik help <command>` to see its options.") {
    super(2, message, hint);
  }
}

/** The workspace, a connection or an item file is missing or wrong (exit 2). */
export class ConfigError extends CliError {
  constructor(message: string, hint: string) {
    super(2, message, hint);
  }
}

/** A run or a call to a service failed (exit 1). */
export class RunFailedError extends CliError {
  constructor(message: string, hint: string) {
    super(1, message, hint);
  }
}
