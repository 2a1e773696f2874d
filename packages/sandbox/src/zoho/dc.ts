/** The nine Zoho data centers. */
export type ZohoDc = "us" | "eu" | "in" | "au" | "jp" | "cn" | "ca" | "sa" | "uk";

/** Accounts (OAuth) host and API host per DC, as Zoho's SDK lists them (UK's API host is unconfirmed). */
export const ZOHO_DATA_CENTERS: Readonly<Record<ZohoDc, { accounts: string; api: string }>> = {
  us: { accounts: "accounts.zoho.com", api: "www.zohoapis.com" },
  eu: { accounts: "accounts.zoho.eu", api: "www.zohoapis.eu" },
  in: { accounts: "accounts.zoho.in", api: "www.zohoapis.in" },
  au: { accounts: "accounts.zoho.com.au", api: "www.zohoapis.com.au" },
  jp: { accounts: "accounts.zoho.jp", api: "www.zohoapis.jp" },
  cn: { accounts: "accounts.zoho.com.cn", api: "www.zohoapis.com.cn" },
  ca: { accounts: "accounts.zohocloud.ca", api: "www.zohoapis.ca" },
  sa: { accounts: "accounts.zoho.sa", api: "www.zohoapis.sa" },
  uk: { accounts: "accounts.zoho.uk", api: "www.zohoapis.uk" },
};

/** Which half of Zoho a host serves. On loopback one server serves both. */
export type ZohoArea = "accounts" | "api" | "both";

const byHost = new Map<string, { dc: ZohoDc; area: ZohoArea }>();
for (const [dc, hosts] of Object.entries(ZOHO_DATA_CENTERS) as [
  ZohoDc,
  { accounts: string; api: string },
][]) {
  byHost.set(hosts.accounts, { dc, area: "accounts" });
  byHost.set(hosts.api, { dc, area: "api" });
}

/** Looks up a real Zoho hostname; `undefined` for anything else. */
export function dcForHost(host: string): { dc: ZohoDc; area: ZohoArea } | undefined {
  return byHost.get(host);
}

/** True for a DC code. */
export function isZohoDc(value: string): value is ZohoDc {
  return Object.hasOwn(ZOHO_DATA_CENTERS, value);
}
