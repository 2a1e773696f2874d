import type { SmartConnectedItem } from "@kobik/sync-core";
import type { Page, PageRequest } from "./paging.js";

/**
 * Smart Connected Item configs by id. Storage keeps them as given: parse them with
 * `parseSmartConnectedItem` from `@kobik/sync-core` before saving.
 */
export interface ItemStore {
  /** The item, or `null`. */
  get(id: string): Promise<SmartConnectedItem | null>;
  /** Items ordered by id, optionally only enabled (`true`) or disabled (`false`) ones. */
  list(page: PageRequest & { readonly enabled?: boolean }): Promise<Page<SmartConnectedItem>>;
  /** Creates or replaces the item with `item.id`. */
  save(item: SmartConnectedItem): Promise<void>;
  /** Removes the item (its links, cursors and history stay until removed on their own). Returns whether it existed. */
  delete(id: string): Promise<boolean>;
}
