import type { AuditEvent, AuditFilter, AuditStore } from "../contracts/audit.js";
import { type AuditEventDraft, buildAuditEvent, buildAuditEvents, readAuditFilter } from "../kit/audit.js";
import { pageSorted } from "./paging.js";

function matcher(filter: AuditFilter): (event: AuditEvent) => boolean {
  const f = readAuditFilter(filter);
  return f.by === "run" ? (event) => event.runId === f.runId : (event) => event.itemId === f.itemId;
}

/** The memory audit store, plus the synchronous append `links.saveMany` runs in its own step. */
export interface MemoryAuditStore extends AuditStore {
  /** Numbers and stores a built draft; returns a copy. */
  push(draft: AuditEventDraft): AuditEvent;
}

/** Audit events in an array, in append order; `seq` counts up per store. */
export function createMemoryAuditStore(): MemoryAuditStore {
  const events: AuditEvent[] = [];
  const push = (draft: AuditEventDraft): AuditEvent => {
    const event: AuditEvent = { seq: events.length + 1, ...draft };
    events.push(event);
    return structuredClone(event);
  };
  return {
    push,
    async append(input) {
      return push(buildAuditEvent(input));
    },
    async appendMany(inputs) {
      // Every draft is built (and validated) before the first push: a bad entry appends nothing.
      return buildAuditEvents(inputs).map(push);
    },
    async list(filter, request) {
      const matches = events.filter(matcher(filter));
      const page = pageSorted(matches, (e) => [e.seq], request, "asc");
      return { items: page.items.map((e) => structuredClone(e)), nextPageToken: page.nextPageToken };
    },
  };
}
