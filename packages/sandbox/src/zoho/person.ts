import { addAttachment } from "./attachments.js";
import { addNote } from "./notes.js";
import { notifyChange, recordWorkflow } from "./notify.js";
import type { ZohoState } from "./state.js";
import type { ModuleStore } from "./store.js";
import { applyDelete, applyInsert, applyUpdate } from "./writes.js";

/** Thrown by the person API when asked to do something a person could not do in the UI. */
export class SandboxUsageError extends Error {
  override readonly name = "SandboxUsageError";
}

/**
 * Acts like someone using the Zoho CRM web UI: writes are validated like API writes, bump
 * `Modified_Time`, start workflows and fire notifications.
 */
export interface ZohoPerson {
  /** Edits fields of a record; returns the changed field names. */
  editRecord(
    module: string,
    id: string,
    changes: Record<string, unknown>,
    options?: { userId?: string },
  ): string[];
  /** Creates a record; returns its id. */
  createRecord(module: string, values: Record<string, unknown>, options?: { userId?: string }): string;
  deleteRecord(module: string, id: string, options?: { userId?: string }): void;
  /** Adds a note to a record; returns the note id. */
  addNote(module: string, id: string, content: string, options?: { title?: string; userId?: string }): string;
  /** Attaches a file to a record; returns the attachment id. */
  addAttachment(
    module: string,
    id: string,
    fileName: string,
    content: Uint8Array | string,
    options?: { userId?: string },
  ): string;
}

function storeOf(state: ZohoState, module: string): ModuleStore {
  const store = state.modules.get(module);
  if (store === undefined) throw new SandboxUsageError(`unknown module "${module}"`);
  return store;
}

function recordOf(state: ZohoState, module: string, id: string) {
  const store = storeOf(state, module);
  const record = store.records.get(id);
  if (record === undefined) throw new SandboxUsageError(`no ${module} record with id ${id}`);
  return { store, record };
}

function failure(error: { code: string; details: Record<string, unknown> }): SandboxUsageError {
  return new SandboxUsageError(`${error.code} on field ${String(error.details.api_name ?? "?")}`);
}

/** Builds the person API over a state. */
export function createZohoPerson(state: ZohoState): ZohoPerson {
  const who = (options?: { userId?: string }) => options?.userId ?? state.users[0]!.id;
  return {
    editRecord: (module, id, changes, options) => {
      const { store, record } = recordOf(state, module, id);
      const result = applyUpdate(state, store, record, changes, who(options));
      if (!Array.isArray(result)) throw failure(result);
      const change = { module, operation: "edit" as const, ids: [id], affected: new Map([[id, result]]) };
      recordWorkflow(state, change, undefined);
      notifyChange(state, change);
      return result;
    },
    createRecord: (module, values, options) => {
      const result = applyInsert(state, storeOf(state, module), values, who(options));
      if ("code" in result) throw failure(result);
      const change = { module, operation: "create" as const, ids: [result.id] };
      recordWorkflow(state, change, undefined);
      notifyChange(state, change);
      return result.id;
    },
    deleteRecord: (module, id, options) => {
      const { store, record } = recordOf(state, module, id);
      applyDelete(state, store, record, who(options));
      const change = { module, operation: "delete" as const, ids: [id] };
      recordWorkflow(state, change, undefined);
      notifyChange(state, change);
    },
    addNote: (module, id, content, options) => {
      recordOf(state, module, id);
      return addNote(state, module, id, options?.title ?? null, content, who(options)).id;
    },
    addAttachment: (module, id, fileName, content, options) => {
      recordOf(state, module, id);
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
      return addAttachment(state, module, id, { name: fileName, content: bytes }, who(options)).id;
    },
  };
}
