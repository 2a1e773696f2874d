import type { ZohoDataCenter } from "@kobik/zoho-crm-client";
import type { Command } from "commander";
import type { Register } from "../program.js";

// Written out so `--help` does not load the Zoho client; a test checks it against the client's
// `ZOHO_DATA_CENTER_IDS`, and `connect zoho` validates `--dc` with the client's own list.
const DATA_CENTERS: readonly ZohoDataCenter[] = ["US", "EU", "IN", "AU", "JP", "CN", "UK", "CA", "SA"];

const connect = () => import("../../commands/connect.js");

/** `kobik connect zoho|jira`: checks the credentials, then stores them (secrets encrypted). */
export const registerConnect: Register = (program, wrap) => {
  const group: Command = program
    .command("connect")
    .description("connect Zoho CRM or Jira (credentials are stored encrypted)");
  group
    .command("zoho")
    .description("connect Zoho CRM with a self-client grant code (app OAuth)")
    .option("--dc <dc>", `data center: ${DATA_CENTERS.join(", ")}`, "US")
    .option("--client-id <id>", "OAuth client id (or KOBIK_ZOHO_CLIENT_ID)")
    .option("--client-secret <secret>", "OAuth client secret (or KOBIK_ZOHO_CLIENT_SECRET)")
    .option("--grant-code <code>", "self-client grant code (or KOBIK_ZOHO_GRANT_CODE)")
    .option("--accounts-url <url>", "accounts server override (sandbox, tests)")
    .option("--api-domain <url>", "API domain override (sandbox, tests)")
    .action(wrap(async () => (await connect()).connectZohoCommand));
  group
    .command("jira")
    .description("connect Jira Cloud with an email and API token")
    .option("--site <url>", "site URL, e.g. https://acme.atlassian.net (or KOBIK_JIRA_SITE)")
    .option("--email <email>", "Atlassian account email (or KOBIK_JIRA_EMAIL)")
    .option("--api-token <token>", "API token (or KOBIK_JIRA_API_TOKEN)")
    .option("--base-url <url>", "where requests go when it differs from --site (sandbox, tests)")
    .action(wrap(async () => (await connect()).connectJiraCommand));
};
