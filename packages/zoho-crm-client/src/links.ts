import { ZOHO_DATA_CENTERS, type ZohoDataCenter } from "./data-centers.js";
import { ZohoInputError } from "./errors.js";

// The web UI addresses some standard modules by their old internal names.
const UI_TAB_NAMES: Readonly<Record<string, string>> = { Deals: "Potentials" };

/** Arguments of {@link openInZohoUrl}: a data center or an explicit CRM host, module and record. */
export type OpenInZohoArgs = ({ dc: ZohoDataCenter } | { crmHost: string }) & {
  /**
   * The module's `api_name`, or `{ apiName, moduleName }` from `/settings/modules` for custom
   * modules, whose UI tab is their internal `module_name` (e.g. `CustomModule4`), not the API name.
   */
  module: string | { apiName: string; moduleName: string };
  recordId: string;
  /** The org's `domain_name` (e.g. `org926864613`) or its numeric id; without it Zoho picks the user's org. */
  orgId?: string;
};

/**
 * The web UI address of a record: `https://crm.zoho.<tld>/crm/org<id>/tab/<Tab>/<recordId>`.
 *
 * @example
 * openInZohoUrl({ dc: "EU", module: "Deals", recordId: "4876876000000327001", orgId: "20107446748" });
 * // "https://crm.zoho.eu/crm/org20107446748/tab/Potentials/4876876000000327001"
 */
export function openInZohoUrl(args: OpenInZohoArgs): string {
  const host = "dc" in args ? ZOHO_DATA_CENTERS[args.dc]?.crmHost : args.crmHost.replace(/\/+$/, "");
  if (!host) throw new ZohoInputError("dc", "unknown data center");
  if (!/^\d+$/.test(args.recordId))
    throw new ZohoInputError("recordId", "a Zoho record id is a string of digits");
  const tab =
    typeof args.module === "string" ? (UI_TAB_NAMES[args.module] ?? args.module) : args.module.moduleName;
  if (!/^[A-Za-z0-9_]+$/.test(tab)) throw new ZohoInputError("module", "not a module name");
  const org =
    args.orgId === undefined ? "" : `/${/^\d+$/.test(args.orgId) ? `org${args.orgId}` : args.orgId}`;
  if (!/^\/?[A-Za-z0-9_-]*$/.test(org)) throw new ZohoInputError("orgId", "not an org domain name");
  return `${host}/crm${org}/tab/${tab}/${args.recordId}`;
}
