import { createJiraClient, type JiraClient } from "@kobik/jira-client";
import {
  createZohoCrmClient,
  type StoredToken,
  type TokenStore,
  type ZohoCrmClient,
  type ZohoDataCenter,
} from "@kobik/zoho-crm-client";
import type { SqliteStore } from "../storage/store.js";
import { ConfigError } from "./errors.js";

/** Non-secret Zoho connection settings; the client secret and tokens live in the SecretStore. */
export interface ZohoSettings {
  readonly dc: ZohoDataCenter;
  readonly clientId: string;
  /** Accounts server override (sandbox, tests). */
  readonly accountsUrl: string | null;
  /** API domain override (sandbox, tests); otherwise the token's `api_domain`. */
  readonly apiDomain: string | null;
  /** The org name seen when connecting, for `status`. */
  readonly orgName: string | null;
  readonly [key: string]: string | null;
}

/** Non-secret Jira connection settings; the API token lives in the SecretStore. */
export interface JiraSettings {
  readonly siteUrl: string;
  readonly email: string;
  /** Where requests really go when it differs from the site URL (sandbox, tests). */
  readonly baseUrl: string | null;
  readonly [key: string]: string | null;
}

/** Secret names in the workspace's SecretStore. */
export const SECRET_NAMES = {
  zohoClientSecret: "zoho:client-secret",
  zohoToken: "zoho:token",
  jiraApiToken: "jira:api-token",
  zohoChannelToken: "zoho:channel-token",
  jiraWebhookSecret: "jira:webhook-secret",
} as const;

const ZOHO_HINT =
  "Zoho CRM authentication required: run `kobik connect zoho --dc <DC> --client-id <id> --client-secret <secret> --grant-code <code>`.";
const JIRA_HINT =
  "Jira authentication required: run `kobik connect jira --site https://<site>.atlassian.net --email <you@example.com> --api-token <token>`.";

/** A TokenStore on the workspace's encrypted secrets, so refreshed tokens survive between runs. */
export function secretTokenStore(store: SqliteStore): TokenStore {
  return {
    async get() {
      const raw = await store.secrets.get(SECRET_NAMES.zohoToken);
      return raw === null ? undefined : (JSON.parse(raw) as StoredToken);
    },
    async set(token) {
      await store.secrets.set(SECRET_NAMES.zohoToken, JSON.stringify(token));
    },
  };
}

/** The Zoho client of the stored connection, or a {@link ConfigError} saying how to connect. */
export async function zohoClientFor(
  store: SqliteStore,
  overrides: { concurrency?: number } = {},
): Promise<{ client: ZohoCrmClient; settings: ZohoSettings; secrets: string[] }> {
  const settings = store.settings.get<ZohoSettings>("zoho");
  const clientSecret = await store.secrets.get(SECRET_NAMES.zohoClientSecret);
  const token = await store.secrets.get(SECRET_NAMES.zohoToken);
  if (!settings || !clientSecret || !token) throw new ConfigError("Zoho CRM is not connected.", ZOHO_HINT);
  const client = createZohoCrmClient({
    dc: settings.dc,
    auth: { kind: "app", clientId: settings.clientId, clientSecret, tokenStore: secretTokenStore(store) },
    ...(settings.accountsUrl ? { accountsUrl: settings.accountsUrl } : {}),
    ...(settings.apiDomain ? { apiDomain: settings.apiDomain } : {}),
    ...overrides,
  });
  const stored = JSON.parse(token) as StoredToken;
  return { client, settings, secrets: [clientSecret, stored.accessToken, stored.refreshToken ?? ""] };
}

/** The Jira client of the stored connection, or a {@link ConfigError} saying how to connect. */
export async function jiraClientFor(
  store: SqliteStore,
): Promise<{ client: JiraClient; settings: JiraSettings; secrets: string[] }> {
  const settings = store.settings.get<JiraSettings>("jira");
  const apiToken = await store.secrets.get(SECRET_NAMES.jiraApiToken);
  if (!settings || !apiToken) throw new ConfigError("Jira is not connected.", JIRA_HINT);
  const client = createJiraClient({
    auth: { kind: "basic", email: settings.email, apiToken },
    baseUrl: settings.baseUrl ?? settings.siteUrl,
  });
  return { client, settings, secrets: [apiToken] };
}

export { JIRA_HINT, ZOHO_HINT };
