import { InvalidInputError, type Page, type PageRequest } from "@kobik/storage";
import { requireLimit } from "./validate.js";

/** A sort key: the values of the ordering columns of the last row of a page. */
export type SortKey = readonly (string | number)[];

/** Reads a page token this store issued, or `InvalidInputError` on `pageToken`. */
export function decodePageToken(token: string | null | undefined, width: number): SortKey | null {
  if (token === null || token === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(token);
    if (
      Array.isArray(parsed) &&
      parsed.length === width &&
      parsed.every((p) => typeof p === "string" || typeof p === "number")
    ) {
      return parsed;
    }
  } catch {
    // Not JSON at all: reported as the typed error below.
  }
  throw new InvalidInputError("pageToken", "is not a token this store issued");
}

/** Everything a keyset query needs: limit + 1 rows are fetched to know whether a next page exists. */
export interface KeysetQuery {
  readonly limit: number;
  readonly after: SortKey | null;
}

/** Validates a page request for a listing ordered by `width` columns. */
export function keyset(request: PageRequest, width: number): KeysetQuery {
  return { limit: requireLimit(request?.limit), after: decodePageToken(request?.pageToken, width) };
}

/**
 * Cuts `limit + 1` fetched rows into a page. The token is the sort key of the last row returned,
 * so rows inserted or deleted between pages never make a row that stays repeat or vanish.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => SortKey,
  map: (row: R) => T,
): Page<T> {
  const chosen = rows.slice(0, limit);
  const last = chosen.at(-1);
  const nextPageToken = rows.length > limit && last !== undefined ? JSON.stringify(key(last)) : null;
  return { items: chosen.map(map), nextPageToken };
}
