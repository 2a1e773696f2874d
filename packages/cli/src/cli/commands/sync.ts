import type { Register } from "../program.js";

/** `kobik sync`: one cycle of every enabled item (or one item), then a summary. */
export const registerSync: Register = (program, wrap) => {
  program
    .command("sync")
    .description("sync every enabled item once (or --item <id>); --dry-run plans without writing")
    .option("--item <id>", "only this item")
    .option("--dry-run", "plan and record the run, but write nothing to Zoho CRM or Jira")
    .action(wrap(async () => (await import("../../commands/sync.js")).syncCommand));
};
