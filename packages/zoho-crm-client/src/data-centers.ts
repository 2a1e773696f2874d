import { z } from "zod";

/** The Zoho data centers a CRM org can live in. */
export type ZohoDataCenter = "US" | "EU" | "IN" | "AU" | "JP" | "CN" | "UK" | "CA" | "SA";

/** Hosts of one data center. */
export interface ZohoDataCenterInfo {
  /** Zoho Accounts (OAuth) server: token, refresh and revoke calls go here. */
  readonly accountsUrl: string;
  /** Default API domain; the `api_domain` of a token response always wins over it. */
  readonly apiDomain: string;
  /** The CRM web UI host, for "open in Zoho" links. */
  readonly crmHost: string;
}

/**
 * Hosts per data center. US..SA match Zoho's own TypeScript SDK 8.0 data-center classes.
 *
 * @example
 * ZOHO_DATA_CENTERS.EU.accountsUrl; // "https://accounts.zoho.eu"
 */
export const ZOHO_DATA_CENTERS: Readonly<Record<ZohoDataCenter, ZohoDataCenterInfo>> = {
  US: {
    accountsUrl: "https://accounts.zoho.com",
    apiDomain: "https://www.zohoapis.com",
    crmHost: "https://crm.zoho.com",
  },
  EU: {
    accountsUrl: "https://accounts.zoho.eu",
    apiDomain: "https://www.zohoapis.eu",
    crmHost: "https://crm.zoho.eu",
  },
  IN: {
    accountsUrl: "https://accounts.zoho.in",
    apiDomain: "https://www.zohoapis.in",
    crmHost: "https://crm.zoho.in",
  },
  AU: {
    accountsUrl: "https://accounts.zoho.com.au",
    apiDomain: "https://www.zohoapis.com.au",
    crmHost: "https://crm.zoho.com.au",
  },
  JP: {
    accountsUrl: "https://accounts.zoho.jp",
    apiDomain: "https://www.zohoapis.jp",
    crmHost: "https://crm.zoho.jp",
  },
  CN: {
    accountsUrl: "https://accounts.zoho.com.cn",
    apiDomain: "https://www.zohoapis.com.cn",
    crmHost: "https://crm.zoho.com.cn",
  },
  // UNCONFIRMED: Zoho Accounts lists accounts.zoho.uk, but neither the CRM v8 multi-DC page nor the
  // SDK has a UK entry; www.zohoapis.uk only appears in third-party code. Trust the token's api_domain.
  UK: {
    accountsUrl: "https://accounts.zoho.uk",
    apiDomain: "https://www.zohoapis.uk",
    crmHost: "https://crm.zoho.uk",
  },
  // Canada's accounts server is zohocloud.ca, not zoho.ca.
  CA: {
    accountsUrl: "https://accounts.zohocloud.ca",
    apiDomain: "https://www.zohoapis.ca",
    crmHost: "https://crm.zohocloud.ca",
  },
  SA: {
    accountsUrl: "https://accounts.zoho.sa",
    apiDomain: "https://www.zohoapis.sa",
    crmHost: "https://crm.zoho.sa",
  },
};

/** Every data center, for pickers and validation. */
export const ZOHO_DATA_CENTER_IDS = Object.keys(ZOHO_DATA_CENTERS) as readonly ZohoDataCenter[];

/**
 * Scopes a Kobik connection asks for: records, notes, attachments, metadata, users, org, watch
 * channels, and search (which needs `ZohoSearch.securesearch.READ` on top of a module scope).
 */
export const ZOHO_REQUIRED_SCOPES: readonly string[] = [
  "ZohoCRM.modules.ALL",
  "ZohoCRM.modules.notes.ALL",
  "ZohoCRM.modules.attachments.ALL",
  "ZohoCRM.settings.ALL",
  "ZohoCRM.users.ALL",
  "ZohoCRM.org.READ",
  "ZohoCRM.notifications.ALL",
  "ZohoSearch.securesearch.READ",
];

const httpsUrl = z.url({ protocol: /^https$/ });

/**
 * A stored connection's settings (no secrets): data center, auth mode, client id and API domain.
 * `app` connections belong to our own OAuth client; `providers` connections get per-user tokens
 * from the host.
 */
export const zohoConnectionSchema = z.discriminatedUnion("authMode", [
  z.object({
    authMode: z.literal("app"),
    dc: z.enum(ZOHO_DATA_CENTER_IDS as [ZohoDataCenter, ...ZohoDataCenter[]]),
    clientId: z.string().min(1),
    apiDomain: httpsUrl.optional(),
  }),
  z.object({
    authMode: z.literal("providers"),
    dc: z.enum(ZOHO_DATA_CENTER_IDS as [ZohoDataCenter, ...ZohoDataCenter[]]),
    clientId: z.string().min(1).optional(),
    apiDomain: httpsUrl.optional(),
  }),
]);

/** A validated connection, see {@link zohoConnectionSchema}. */
export type ZohoConnection = z.infer<typeof zohoConnectionSchema>;
