import type { Register } from "../program.js";

const links = () => import("../../commands/links.js");

/** `kobik link|unlink|refresh|preview`: manual links and the linked record's preview. */
export const registerLinks: Register = (program, wrap) => {
  program
    .command("link <item> <issue> <crmRecordId>")
    .description("link a Jira issue (key or id) to a CRM record by id, then sync the pair")
    .action(wrap(async () => (await links()).linkCommand));
  program
    .command("unlink <item> <issue>")
    .description("remove a manual link (nothing is deleted on either side)")
    .action(wrap(async () => (await links()).unlinkCommand));
  program
    .command("refresh <item> <issue>")
    .description("sync one linked pair now and show its preview")
    .action(wrap(async () => (await links()).refreshCommand));
  program
    .command("preview <item> <issue>")
    .description("show the display fields of the CRM record linked to an issue")
    .action(wrap(async () => (await links()).previewCommand));
};
