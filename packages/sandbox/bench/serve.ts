import { createInterface } from "node:readline";
import { createJiraSimulator, createZohoCrmSimulator, ZOHO_SANDBOX_CLIENT } from "@kobik/sandbox";

// Runs the simulators in their own process, so the benchmark client does not share their event loop.
// Protocol on stdin, one command a line: `cpu` answers this process's CPU time so far (µs) as JSON;
// end of input closes both simulators and exits.
const zoho = await createZohoCrmSimulator({ records: { Leads: 100 }, concurrencyLimit: 1000 });
const jira = await createJiraSimulator({ issuesPerProject: 100, concurrencyLimit: 1000 });
const code = zoho.mintGrantCode({ scopes: ["ZohoCRM.modules.ALL", "ZohoCRM.org.READ"] });
const form = new URLSearchParams({
  grant_type: "authorization_code",
  client_id: ZOHO_SANDBOX_CLIENT.clientId,
  client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
  code,
});
const tokens = (await (await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: form })).json()) as {
  access_token: string;
};
const targets = {
  zoho: {
    url: `${zoho.url}/crm/v8/Leads/${zoho.inspect.recordIds("Leads")[0]}?fields=Last_Name,Email`,
    authorization: `Zoho-oauthtoken ${tokens.access_token}`,
  },
  jira: { url: `${jira.url}/rest/api/3/issue/KOB-1?fields=summary,status`, authorization: jira.basicAuth() },
};
process.stdout.write(`${JSON.stringify(targets)}\n`);
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() !== "cpu") return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
});
lines.on("close", () => void Promise.all([zoho.close(), jira.close()]).then(() => process.exit(0)));
