/** Jira rejects a `summary` longer than this many characters; mapped text is truncated to fit. */
export const JIRA_SUMMARY_MAX_LENGTH = 255;

/** Largest attachment Kobik Sync copies between the two sides (10 MB); larger files are skipped with a reason. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The Zoho CRM modules the scheduler can poll, by UI label and v8 API name.
 * Meetings are `Events` in the API; Appointments and Services carry the `__s` suffix of system modules.
 */
export const POLLING_READY_MODULES = [
  { label: "Leads", apiName: "Leads" },
  { label: "Contacts", apiName: "Contacts" },
  { label: "Accounts", apiName: "Accounts" },
  { label: "Deals", apiName: "Deals" },
  { label: "Campaigns", apiName: "Campaigns" },
  { label: "Calls", apiName: "Calls" },
  { label: "Events", apiName: "Events" },
  { label: "Tasks", apiName: "Tasks" },
  { label: "Products", apiName: "Products" },
  { label: "Vendors", apiName: "Vendors" },
  { label: "Price Books", apiName: "Price_Books" },
  { label: "Quotes", apiName: "Quotes" },
  { label: "Sales Orders", apiName: "Sales_Orders" },
  { label: "Purchase Orders", apiName: "Purchase_Orders" },
  { label: "Invoices", apiName: "Invoices" },
  { label: "Cases", apiName: "Cases" },
  { label: "Solutions", apiName: "Solutions" },
  { label: "Appointments", apiName: "Appointments__s" },
  { label: "Services", apiName: "Services__s" },
] as const;

/** API name of a polling-ready module, e.g. `"Price_Books"`. */
export type PollingReadyModule = (typeof POLLING_READY_MODULES)[number]["apiName"];

const pollingReadyApiNames: ReadonlySet<string> = new Set(POLLING_READY_MODULES.map((m) => m.apiName));

/** True when the scheduler can poll this CRM module (by API name). */
export function isPollingReadyModule(apiName: string): apiName is PollingReadyModule {
  return pollingReadyApiNames.has(apiName);
}
