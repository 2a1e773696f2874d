import { Command, CommanderError } from "commander";
import { registerConnect } from "./commands/connect.js";
import { registerDemo } from "./commands/demo.js";
import { registerHistory } from "./commands/history.js";
import { registerInit } from "./commands/init.js";
import { registerItems } from "./commands/items.js";
import { registerLinks } from "./commands/links.js";
import { registerStatus } from "./commands/status.js";
import { registerSync } from "./commands/sync.js";
import { registerUsers } from "./commands/users.js";
import { registerWatch } from "./commands/watch.js";
import type { CliIo, CommandBody } from "./context.js";
import { CliError, type ExitCode } from "./errors.js";
import { createOutput } from "./output.js";
import { workspacePaths } from "./workspace-paths.js";

/**
 * Loads a command's body when the command runs. Registration only declares names, flags and help,
 * so `kobik --help` or `kobik status` never loads the sync engine, the simulators or YAML.
 */
export type LoadBody<A extends unknown[]> = () => Promise<CommandBody<A>>;

/** Wraps command bodies so each is loaded on use, gets a fresh context and reports its exit code. */
export type Wrap = <A extends unknown[]>(load: LoadBody<A>) => (...args: unknown[]) => Promise<void>;

/** Registers a group of commands on the program. */
export type Register = (program: Command, wrap: Wrap) => void;

const COMMANDS: readonly Register[] = [
  registerInit,
  registerConnect,
  registerItems,
  registerStatus,
  registerHistory,
  registerUsers,
  registerSync,
  registerLinks,
  registerWatch,
  registerDemo,
];

interface GlobalOptions {
  workspace?: string;
  json?: boolean;
}

function buildProgram(io: CliIo, exit: { code: ExitCode }, extra: readonly Register[]): Command {
  const program = new Command("kobik")
    .description("Kobik Sync: keep Zoho CRM and Jira Cloud in step from a terminal.")
    .option("-w, --workspace <dir>", "workspace directory (default: $KOBIK_WORKSPACE or ./.kobik)")
    .option("--json", "print one JSON document on stdout, for scripts")
    .showHelpAfterError("(run `kobik help` for the commands and their options)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const wrap: Wrap =
    (load) =>
    async (...args) => {
      const command = args.at(-1) as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      // The context opens the SQLite workspace, so it loads with the body, not at start-up.
      const [body, { createCommandContext }] = await Promise.all([load(), import("./context.js")]);
      const out = createOutput(io.stdout, io.stderr, globals.json === true);
      const ctx = createCommandContext(io, out, workspacePaths(globals.workspace, io.env, io.cwd));
      try {
        exit.code = await body(ctx, ...(args.slice(0, -1) as never));
      } finally {
        ctx.dispose();
      }
    };
  for (const register of [...COMMANDS, ...extra]) register(program, wrap);
  return program;
}

async function report(io: CliIo, error: unknown, json: boolean): Promise<ExitCode> {
  // Explaining a client or engine error needs their error classes; a CLI error explains itself.
  const failure = error instanceof CliError ? error : (await import("./explain.js")).explain(error);
  if (json) {
    const body = { error: { name: failure.name, message: failure.message, hint: failure.hint } };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  }
  io.stderr.write(`error: ${failure.message}\n`);
  if (failure.hint !== "") io.stderr.write(`next: ${failure.hint}\n`);
  return failure.exitCode;
}

/**
 * Runs one `kobik` invocation and returns its exit code: 0 ok, 1 a run had failures, 2 a usage or
 * configuration error. Never calls `process.exit`, so it runs the same in tests and in the bin.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), nodeIo());
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  extra: readonly Register[] = [],
): Promise<ExitCode> {
  const exit: { code: ExitCode } = { code: 0 };
  const program = buildProgram(io, exit, extra);
  const json = argv.includes("--json");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit.code;
  } catch (error) {
    // Commander has already printed its own message (unknown option, missing argument, help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return report(io, error, json);
  }
}
