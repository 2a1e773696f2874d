import type { Register } from "../program.js";

/** `kobik init`: creates the workspace (database, 0600 key file, item JSON Schema). Safe to repeat. */
export const registerInit: Register = (program, wrap) => {
  program
    .command("init")
    .description("create the workspace: SQLite database, secret key file and item JSON Schema")
    .action(wrap(async () => (await import("../../commands/init.js")).initCommand));
};
