import type { SmartConnectedItem } from "@kobik/sync-core";
import type { ItemStore } from "../contracts/items.js";
import { InvalidInputError } from "../errors.js";
import { copyJson } from "../json.js";
import { requireKey } from "../validate.js";
import { pageSorted } from "./paging.js";

/** Item configs in a `Map` keyed by id. */
export function createMemoryItemStore(): ItemStore {
  const items = new Map<string, SmartConnectedItem>();
  return {
    async get(id) {
      const item = items.get(requireKey(id, "id"));
      return item ? structuredClone(item) : null;
    },
    async list(request) {
      const { enabled } = request;
      if (enabled !== undefined && typeof enabled !== "boolean") {
        throw new InvalidInputError("enabled", "must be a boolean when given");
      }
      const chosen = [...items.values()].filter((i) => enabled === undefined || i.enabled === enabled);
      const page = pageSorted(chosen, (i) => [i.id], request, "asc");
      return { items: page.items.map((i) => structuredClone(i)), nextPageToken: page.nextPageToken };
    },
    async save(item) {
      if (typeof item !== "object" || item === null) throw new InvalidInputError("item", "must be an object");
      const id = requireKey(item.id, "item.id");
      if (typeof item.enabled !== "boolean") throw new InvalidInputError("item.enabled", "must be a boolean");
      items.set(id, copyJson(item, "item"));
    },
    async delete(id) {
      return items.delete(requireKey(id, "id"));
    },
  };
}
