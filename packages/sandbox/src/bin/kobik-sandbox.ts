#!/usr/bin/env node
import { parseArgs } from "node:util";
import {
  createJiraSimulator,
  JIRA_SANDBOX_CREDENTIALS,
  JIRA_SANDBOX_WEBHOOK_SECRET,
} from "../jira/simulator.js";
import { createZohoCrmSimulator, ZOHO_FULL_SCOPES, ZOHO_SANDBOX_CLIENT } from "../zoho/simulator.js";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "25" },
    issues: { type: "string", default: "25" },
    "zoho-port": { type: "string", default: "0" },
    "jira-port": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("kobik-sandbox [--records N] [--issues N] [--zoho-port P] [--jira-port P] [--seed S]");
  process.exit(0);
}

const number = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new TypeError(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
};

async function main(): Promise<void> {
  const seed = number("seed", values.seed);
  const zoho = await createZohoCrmSimulator({
    seed,
    records: number("records", values.records),
    serve: { kind: "loopback", port: number("zoho-port", values["zoho-port"]) },
  });
  const jira = await createJiraSimulator({
    seed,
    issuesPerProject: number("issues", values.issues),
    serve: { kind: "loopback", port: number("jira-port", values["jira-port"]) },
  });
  // Grant codes expire after 3 minutes, like the API console's: mint a long-lived one for manual use.
  const code = zoho.mintGrantCode({ scopes: ZOHO_FULL_SCOPES, lifetimeMs: 24 * 3600_000 });

  console.log(`Zoho CRM simulator   ${zoho.url}
  token endpoint      ${zoho.url}/oauth/v2/token   (other DCs: ${zoho.url}/dc/eu/..., /dc/in/...)
  client_id           ${ZOHO_SANDBOX_CLIENT.clientId}
  client_secret       ${ZOHO_SANDBOX_CLIENT.clientSecret}
  grant code (24 h)   ${code}

Jira Cloud simulator ${jira.url}
  basic auth          ${JIRA_SANDBOX_CREDENTIALS.email} / ${JIRA_SANDBOX_CREDENTIALS.apiToken}
  webhook secret      ${JIRA_SANDBOX_WEBHOOK_SECRET}
  projects            KOB, OPS

These are sandbox test credentials. Ctrl-C stops both.`);

  const stop = async () => {
    await Promise.all([zoho.close(), jira.close()]);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

// Top-level await is avoided so the bin also builds as CommonJS.
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
