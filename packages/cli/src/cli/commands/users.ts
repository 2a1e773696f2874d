import type { Register } from "../program.js";

/** `kobik users`: polls the Zoho CRM user list and reports what changed since the last poll. */
export const registerUsers: Register = (program, wrap) => {
  program
    .command("users")
    .description("Zoho CRM user inventory: new, changed and deactivated users since the last poll")
    .action(wrap(async () => (await import("../../commands/users.js")).usersCommand));
};
