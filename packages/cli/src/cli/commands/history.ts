import type { Register } from "../program.js";

/** `kobik history`: runs, or one run's audit events. */
export const registerHistory: Register = (program, wrap) => {
  program
    .command("history")
    .description("sync runs with API calls spent; --run <id> shows that run's audit events")
    .option("--item <id>", "only this item's runs")
    .option("--run <id>", "the audit events of one run")
    .option("--limit <n>", "most rows to show", "20")
    .action(wrap(async () => (await import("../../commands/history.js")).historyCommand));
};
