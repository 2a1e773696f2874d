import type { CallCounter } from "@kobik/transport";
import { attachmentsApi } from "./attachments.js";
import { createZohoHttp, type ZohoCrmClientOptions } from "./http.js";
import { notesApi } from "./notes.js";
import { notificationsApi } from "./notifications.js";
import { metadataApi, orgApi } from "./org-metadata.js";
import { recordReads } from "./records.js";
import { recordWrites } from "./records-write.js";
import { usersApi } from "./users.js";

/** The client: one per Zoho org connection (its queue, token cache and counters are its own). */
export interface ZohoCrmClient {
  records: ReturnType<typeof recordReads> & ReturnType<typeof recordWrites>;
  notes: ReturnType<typeof notesApi>;
  attachments: ReturnType<typeof attachmentsApi>;
  users: ReturnType<typeof usersApi>;
  org: ReturnType<typeof orgApi>;
  metadata: ReturnType<typeof metadataApi>;
  notifications: ReturnType<typeof notificationsApi>;
  /** API calls per endpoint (retries and token refreshes included): the credits this client spent. */
  calls: CallCounter;
}

/**
 * Builds a Zoho CRM v8 client.
 *
 * @example
 * const zoho = createZohoCrmClient({
 *   dc: "EU",
 *   auth: { kind: "app", clientId, clientSecret, tokenStore },
 * });
 * for await (const page of zoho.records.iterate({ module: "Deals", fields: ["Deal_Name", "Stage"] })) {
 *   for (const deal of page.items) console.log(deal.id, deal.Deal_Name);
 * }
 */
export function createZohoCrmClient(options: ZohoCrmClientOptions): ZohoCrmClient {
  const http = createZohoHttp(options);
  return {
    records: { ...recordReads(http), ...recordWrites(http) },
    notes: notesApi(http),
    attachments: attachmentsApi(http),
    users: usersApi(http),
    org: orgApi(http),
    metadata: metadataApi(http),
    notifications: notificationsApi(http),
    calls: http.transport.calls,
  };
}
