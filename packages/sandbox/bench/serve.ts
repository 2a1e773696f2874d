import { createJiraSimulator, createZohoCrmSimulator, ZOHO_SANDBOX_CLIENT } from "@kobik/sandbox";

// Runs the simulators in their own process, so the benchmark client does not share their event loop.
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
process.stdin.resume();
process.stdin.on("end", () => void Promise.all([zoho.close(), jira.close()]).then(() => process.exit(0)));
