import type { Register } from "../program.js";

/** `kobik demo`: the whole product against in-process simulators, with convergence checks. */
export const registerDemo: Register = (program, wrap) => {
  program
    .command("demo")
    .description("run a complete sync against local Zoho CRM and Jira simulators (no credentials needed)")
    .option("--deals <n>", "Deals to seed", "240")
    .option("--leads <n>", "Leads to seed", "160")
    .option("--keep", "keep the temporary workspace and print its path")
    .action(wrap(async () => (await import("../../commands/demo.js")).demoCommand));
};
