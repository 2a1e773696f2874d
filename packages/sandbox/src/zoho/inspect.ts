import type { CallCounter } from "../core/calls.js";
import type { DeliveryRecord } from "../core/delivery.js";
import type { Pipeline } from "../core/pipeline.js";
import { renderNote } from "./notes.js";
import { renderRecord } from "./render.js";
import type { WorkflowRun, ZohoChannel, ZohoState } from "./state.js";

/** Direct reads of simulator state, for assertions. Returns rendered copies, never live objects. */
export interface ZohoInspector {
  /** API calls per route name, e.g. `{ "records.list": 2, "oauth.token": 1 }`. */
  calls(): Record<string, number>;
  resetCalls(): void;
  /** A record as `GET /{module}/{id}` would render it, or `undefined`. */
  record(module: string, id: string): Record<string, unknown> | undefined;
  /** Ids of a module's live records, oldest first. */
  recordIds(module: string): string[];
  /** Notes of a record, rendered. */
  notes(module: string, id: string): Record<string, unknown>[];
  /** Attachments of a record: name, size and bytes. */
  attachments(
    module: string,
    id: string,
  ): { id: string; fileName: string; size: number; content: Uint8Array | undefined }[];
  /** Active and expired channels. */
  channels(): readonly ZohoChannel[];
  /** Every notification attempted. */
  deliveries(): readonly DeliveryRecord[];
  /** Workflows that writes would have started (`trigger` honoured). */
  workflowRuns(): readonly WorkflowRun[];
  /** Requests being served right now. */
  inFlight(): number;
}

/** Builds the inspector. */
export function zohoInspector(state: ZohoState, calls: CallCounter, pipeline: Pipeline): ZohoInspector {
  return {
    calls: () => calls.snapshot(),
    resetCalls: () => calls.reset(),
    record: (module, id) => {
      const store = state.modules.get(module);
      const record = store?.records.get(id);
      return store === undefined || record === undefined
        ? undefined
        : renderRecord(state, store, record, store.spec.fields);
    },
    recordIds: (module) => {
      const store = state.modules.get(module);
      return store === undefined ? [] : store.ids.filter((id) => store.records.has(id));
    },
    notes: (module, id) =>
      [...state.notes.values()]
        .filter((n) => n.module === module && n.parentId === id)
        .map((n) => renderNote(state, n)),
    attachments: (module, id) =>
      [...state.attachments.values()]
        .filter((a) => a.module === module && a.parentId === id)
        .map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, content: a.content })),
    channels: () => [...state.channels.values()],
    deliveries: () => state.deliveries.records(),
    workflowRuns: () => state.workflowRuns,
    inFlight: () => pipeline.inFlight(),
  };
}
