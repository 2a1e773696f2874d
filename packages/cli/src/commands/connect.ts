import { createJiraClient } from "@kobik/jira-client";
import {
  createZohoCrmClient,
  exchangeGrantCode,
  memoryTokenStore,
  ZOHO_DATA_CENTER_IDS,
  type ZohoDataCenter,
} from "@kobik/zoho-crm-client";
import { type JiraSettings, SECRET_NAMES, type ZohoSettings } from "../cli/connections.js";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { UsageError } from "../cli/errors.js";

/** Flags of `connect zoho`. */
export interface ZohoFlags {
  dc: string;
  clientId?: string;
  clientSecret?: string;
  grantCode?: string;
  accountsUrl?: string;
  apiDomain?: string;
}

/** Flags of `connect jira`. */
export interface JiraFlags {
  site?: string;
  email?: string;
  apiToken?: string;
  baseUrl?: string;
}

/** A flag, else its environment variable (keeps secrets out of shell history and `ps`). */
function required(value: string | undefined, env: string | undefined, flag: string, envName: string): string {
  const chosen = value ?? env;
  if (chosen === undefined || chosen.trim() === "") {
    throw new UsageError(`Missing ${flag}.`, `Pass ${flag} <value> or set ${envName}.`);
  }
  return chosen.trim();
}

function checkUrl(value: string | undefined, flag: string): string | null {
  if (value === undefined) return null;
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) {
    throw new UsageError(`${flag} must be an absolute http(s) URL, got "${value}".`);
  }
  return value.replace(/\/+$/, "");
}

/** Exchanges the grant code, checks the org is reachable, then stores the connection. */
export async function connectZoho(ctx: CommandContext, flags: ZohoFlags) {
  const env = ctx.io.env;
  const dc = flags.dc.toUpperCase();
  if (!ZOHO_DATA_CENTER_IDS.includes(dc as ZohoDataCenter)) {
    throw new UsageError(
      `Unknown Zoho data center "${flags.dc}".`,
      `Use one of ${ZOHO_DATA_CENTER_IDS.join(", ")}.`,
    );
  }
  const clientId = required(flags.clientId, env.KOBIK_ZOHO_CLIENT_ID, "--client-id", "KOBIK_ZOHO_CLIENT_ID");
  const clientSecret = required(
    flags.clientSecret,
    env.KOBIK_ZOHO_CLIENT_SECRET,
    "--client-secret",
    "KOBIK_ZOHO_CLIENT_SECRET",
  );
  const code = required(flags.grantCode, env.KOBIK_ZOHO_GRANT_CODE, "--grant-code", "KOBIK_ZOHO_GRANT_CODE");
  const accountsUrl = checkUrl(flags.accountsUrl, "--accounts-url");
  const apiDomain = checkUrl(flags.apiDomain, "--api-domain");
  const store = ctx.store();
  const target = accountsUrl ? { accountsUrl } : { dc: dc as ZohoDataCenter };
  const token = await exchangeGrantCode({ ...target, clientId, clientSecret, code });
  // Check the grant works before saving anything: a wrong scope fails here, not in the first sync.
  const probe = createZohoCrmClient({
    dc: dc as ZohoDataCenter,
    auth: { kind: "app", clientId, clientSecret, tokenStore: memoryTokenStore(token) },
    ...(accountsUrl ? { accountsUrl } : {}),
    ...(apiDomain ? { apiDomain } : {}),
  });
  const org = await probe.org.get();
  const settings: ZohoSettings = {
    dc: dc as ZohoDataCenter,
    clientId,
    accountsUrl,
    apiDomain,
    orgName: org.company_name ?? null,
  };
  await store.secrets.set(SECRET_NAMES.zohoClientSecret, clientSecret);
  await store.secrets.set(SECRET_NAMES.zohoToken, JSON.stringify(token));
  store.settings.set("zoho", settings);
  return { service: "zoho", dc, org: settings.orgName, orgId: org.id };
}

/** Checks the credentials against the site, then stores the connection. */
export async function connectJira(ctx: CommandContext, flags: JiraFlags) {
  const env = ctx.io.env;
  const siteUrl = checkUrl(required(flags.site, env.KOBIK_JIRA_SITE, "--site", "KOBIK_JIRA_SITE"), "--site")!;
  const email = required(flags.email, env.KOBIK_JIRA_EMAIL, "--email", "KOBIK_JIRA_EMAIL");
  const apiToken = required(flags.apiToken, env.KOBIK_JIRA_API_TOKEN, "--api-token", "KOBIK_JIRA_API_TOKEN");
  const baseUrl = checkUrl(flags.baseUrl, "--base-url");
  const client = createJiraClient({ auth: { kind: "basic", email, apiToken }, baseUrl: baseUrl ?? siteUrl });
  const issueTypes = await client.metadata.issueTypes();
  const store = ctx.store();
  const settings: JiraSettings = { siteUrl, email, baseUrl };
  await store.secrets.set(SECRET_NAMES.jiraApiToken, apiToken);
  store.settings.set("jira", settings);
  return { service: "jira", site: siteUrl, email, issueTypes: issueTypes.length };
}

/** `kobik connect zoho`. */
export const connectZohoCommand: CommandBody<[ZohoFlags]> = async (ctx, flags) => {
  const result = await connectZoho(ctx, flags);
  ctx.out.result(result, (r) => ctx.out.line(`Connected Zoho CRM (${r.dc}): ${r.org ?? r.orgId}`));
  return 0;
};

/** `kobik connect jira`. */
export const connectJiraCommand: CommandBody<[JiraFlags]> = async (ctx, flags) => {
  const result = await connectJira(ctx, flags);
  ctx.out.result(result, (r) => ctx.out.line(`Connected Jira ${r.site} as ${r.email}`));
  return 0;
};
