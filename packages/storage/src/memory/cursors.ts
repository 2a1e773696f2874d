import type { CursorStore } from "../contracts/cursors.js";
import type { JsonValue } from "../json.js";
import { readCursorSlot, validateCursorValue } from "../kit/records.js";
import type { MemoryLeaseStore } from "./leases.js";

function slotKey(itemId: unknown, side: unknown): string {
  return JSON.stringify(readCursorSlot(itemId, side));
}

/** Cursors in a `Map` keyed by item and side; values are stored and returned as copies. */
export function createMemoryCursorStore(leases: MemoryLeaseStore): CursorStore {
  const cursors = new Map<string, JsonValue>();
  return {
    async get(itemId, side) {
      const value = cursors.get(slotKey(itemId, side));
      return value === undefined ? null : structuredClone(value);
    },
    async set(itemId, side, value, options = {}) {
      const key = slotKey(itemId, side);
      const copy = validateCursorValue(value);
      if (options.fence) leases.checkFence(options.fence);
      cursors.set(key, copy);
    },
    async delete(itemId, side) {
      return cursors.delete(slotKey(itemId, side));
    },
  };
}
