import type { SmartConnectedItem } from "@kobik/sync-core";
import type { ItemStore } from "../contracts/items.js";
import { readEnabledFilter, validateItemSave } from "../kit/records.js";
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
      const enabled = readEnabledFilter(request.enabled);
      const chosen = [...items.values()].filter((i) => enabled === undefined || i.enabled === enabled);
      const page = pageSorted(chosen, (i) => [i.id], request, "asc");
      return { items: page.items.map((i) => structuredClone(i)), nextPageToken: page.nextPageToken };
    },
    async save(input) {
      const { id, item } = validateItemSave(input);
      items.set(id, item);
    },
    async delete(id) {
      return items.delete(requireKey(id, "id"));
    },
  };
}
