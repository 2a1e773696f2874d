import type { Page, PageRequest } from "../contracts/paging.js";
import { InvalidInputError } from "../errors.js";
import { requireLimit } from "../validate.js";

/** The position of an item in a listing's order: the values of its ordering columns. */
export type SortKey = readonly (string | number)[];

/** A validated page request: `limit` and the sort key of the last item of the previous page. */
export interface KeysetRequest {
  readonly limit: number;
  readonly after: SortKey | null;
}

/**
 * Reads a page token this store issued for a listing ordered by `width` columns (any number of
 * columns when `width` is omitted), or `InvalidInputError` on `pageToken`.
 */
export function decodePageToken(token: string | null | undefined, width?: number): SortKey | null {
  if (token === null || token === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(token);
    if (
      Array.isArray(parsed) &&
      (width === undefined || parsed.length === width) &&
      parsed.every((p) => typeof p === "string" || typeof p === "number")
    ) {
      return parsed;
    }
  } catch {
    // Not JSON at all: reported as the typed error below.
  }
  throw new InvalidInputError("pageToken", "is not a token this store issued");
}

/**
 * Validates a {@link PageRequest} (`limit` in `1..MAX_PAGE_SIZE`, a token of `width` columns). Keyset
 * paging: fetch `limit + 1` items after `after` and cut them with {@link toPage}.
 */
export function readPageRequest(request: PageRequest, width?: number): KeysetRequest {
  return { limit: requireLimit(request?.limit), after: decodePageToken(request?.pageToken, width) };
}

/**
 * Cuts `limit + 1` fetched rows into a page. The token is the sort key of the last row returned, so
 * rows inserted or deleted between pages never make a row that stays repeat or vanish.
 *
 * @example
 * const { limit, after } = readPageRequest(request, 1);
 * const rows = select(after, limit + 1);
 * return toPage(rows, limit, (r) => [r.id], (r) => JSON.parse(r.body));
 */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  key: (row: R) => SortKey,
  map: (row: R) => T,
): Page<T> {
  const chosen = rows.slice(0, limit);
  const last = chosen.at(-1);
  const nextPageToken = rows.length > limit && last !== undefined ? JSON.stringify(key(last)) : null;
  return { items: chosen.map(map), nextPageToken };
}
