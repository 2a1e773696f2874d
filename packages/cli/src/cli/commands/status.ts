import type { Register } from "../program.js";

/** `kobik status`: the dashboard. */
export const registerStatus: Register = (program, wrap) => {
  program
    .command("status")
    .description("per item: mode, scope, module, options, latest sync and last error")
    .action(wrap(async () => (await import("../../commands/status.js")).statusCommand));
};
