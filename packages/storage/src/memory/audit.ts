import type { AuditEvent, AuditFilter, AuditStore } from "../contracts/audit.js";
import { buildAuditEvent, readAuditFilter } from "../kit/audit.js";
import { pageSorted } from "./paging.js";

function matcher(filter: AuditFilter): (event: AuditEvent) => boolean {
  const f = readAuditFilter(filter);
  return f.by === "run" ? (event) => event.runId === f.runId : (event) => event.itemId === f.itemId;
}

/** Audit events in an array, in append order; `seq` counts up per store. */
export function createMemoryAuditStore(): AuditStore {
  const events: AuditEvent[] = [];
  return {
    async append(input) {
      const event: AuditEvent = { seq: events.length + 1, ...buildAuditEvent(input) };
      events.push(event);
      return structuredClone(event);
    },
    async list(filter, request) {
      const matches = events.filter(matcher(filter));
      const page = pageSorted(matches, (e) => [e.seq], request, "asc");
      return { items: page.items.map((e) => structuredClone(e)), nextPageToken: page.nextPageToken };
    },
  };
}
