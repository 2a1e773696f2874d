import type { Page, PageRequest } from "../contracts/paging.js";
import { readPageRequest, type SortKey } from "../kit/paging.js";

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Keyset paging over an in-memory collection: the token is the sort key of the last item returned,
 * so inserts and deletes between pages never repeat or skip an item that stays put.
 */
export function pageSorted<T>(
  items: Iterable<T>,
  sortKey: (item: T) => SortKey,
  request: PageRequest,
  order: "asc" | "desc",
): Page<T> {
  const { limit, after } = readPageRequest(request);
  const keyed = Array.from(items, (item) => ({ item, key: sortKey(item) }));
  const direction = order === "asc" ? 1 : -1;
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key));
  const start = after === null ? 0 : keyed.findIndex((k) => direction * compareKeys(k.key, after) > 0);
  const rest = start === -1 ? [] : keyed.slice(start);
  const chosen = rest.slice(0, limit);
  const last = chosen.at(-1);
  const nextPageToken = rest.length > limit && last ? JSON.stringify(last.key) : null;
  return { items: chosen.map((k) => k.item), nextPageToken };
}
