import { CURSOR_SIDES, type CursorSide, type CursorStore } from "../contracts/cursors.js";
import type { FencedWrite } from "../contracts/fence.js";
import { InvalidInputError } from "../errors.js";
import { copyJson, type JsonValue } from "../json.js";
import { requireKey, requireOneOf } from "../validate.js";
import type { MemoryLeaseStore } from "./leases.js";

function slotKey(itemId: unknown, side: unknown): string {
  return JSON.stringify([requireKey(itemId, "itemId"), requireOneOf<CursorSide>(side, "side", CURSOR_SIDES)]);
}

/** Cursors in a `Map` keyed by item and side; values are stored and returned as copies. */
export function createMemoryCursorStore(leases: MemoryLeaseStore): CursorStore {
  const cursors = new Map<string, JsonValue>();
  return {
    async get(itemId, side) {
      const value = cursors.get(slotKey(itemId, side));
      return value === undefined ? null : structuredClone(value);
    },
    async set(itemId, side, value, options: FencedWrite = {}) {
      const key = slotKey(itemId, side);
      if (value === null || value === undefined) {
        throw new InvalidInputError("value", "must not be null: use delete");
      }
      const copy = copyJson(value, "value");
      if (options.fence) leases.checkFence(options.fence);
      cursors.set(key, copy);
    },
    async delete(itemId, side) {
      return cursors.delete(slotKey(itemId, side));
    },
  };
}
