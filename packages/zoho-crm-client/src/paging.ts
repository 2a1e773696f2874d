import { ZohoInputError } from "./errors.js";
import type { components } from "./generated/zoho-crm.js";
import type { ZohoPage, ZohoPageInfo } from "./types.js";

type Info = components["schemas"]["Info"];

/** Zoho's hard limits, enforced before any request so a bad call costs no credit. */
export const LIMITS = { maxFields: 50, maxPerPage: 200, maxPageRows: 2000, maxBatch: 100 } as const;

/** @internal A page from a list body (`items` under `key`), or an empty page for 204 and 304. */
export function toPage<T>(items: T[] | undefined, info: Info | undefined, status: number): ZohoPage<T> {
  const list = items ?? [];
  const pageInfo: ZohoPageInfo = {
    page: info?.page,
    perPage: info?.per_page,
    count: info?.count ?? list.length,
    moreRecords: info?.more_records ?? false,
    nextPageToken: info?.next_page_token ?? undefined,
    pageTokenExpiry: info?.page_token_expiry ?? undefined,
    notModified: status === 304,
  };
  return { items: list, info: pageInfo };
}

/** @internal Validates and joins a `fields` list (required by Zoho, 1 to 50 API names). */
export function fieldsParam(fields: readonly string[] | undefined, name = "fields"): string {
  if (!Array.isArray(fields) || fields.length === 0)
    throw new ZohoInputError(name, "at least one field is required");
  if (fields.length > LIMITS.maxFields) {
    throw new ZohoInputError(name, `at most ${LIMITS.maxFields} fields per request, got ${fields.length}`);
  }
  for (const [i, field] of fields.entries()) {
    if (typeof field !== "string" || !/^\$?[A-Za-z0-9_]+$/.test(field)) {
      throw new ZohoInputError(`${name}[${i}]`, "not a field API name");
    }
  }
  return fields.join(",");
}

/** @internal Validates `page`/`perPage`: per_page <= 200 and page reaching no further than row 2,000. */
export function pagingParams(
  page: number | undefined,
  perPage: number | undefined,
): { page?: number; per_page?: number } {
  if (perPage !== undefined && !(Number.isInteger(perPage) && perPage >= 1 && perPage <= LIMITS.maxPerPage)) {
    throw new ZohoInputError("perPage", `an integer from 1 to ${LIMITS.maxPerPage}`);
  }
  if (page !== undefined) {
    if (!(Number.isInteger(page) && page >= 1)) throw new ZohoInputError("page", "an integer from 1");
    if (page * (perPage ?? LIMITS.maxPerPage) > LIMITS.maxPageRows) {
      throw new ZohoInputError("page", `page paging reaches only ${LIMITS.maxPageRows} rows: use pageToken`);
    }
  }
  return { ...(page === undefined ? {} : { page }), ...(perPage === undefined ? {} : { per_page: perPage }) };
}

/** @internal `If-Modified-Since` value: ISO 8601 with a numeric offset, as Zoho documents it. */
export function modifiedSinceHeader(
  since: Date | string | undefined,
  name = "modifiedSince",
): string | undefined {
  if (since === undefined) return undefined;
  const date = since instanceof Date ? since : new Date(since);
  if (Number.isNaN(date.getTime())) throw new ZohoInputError(name, "not a date");
  if (typeof since === "string") return since;
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** @internal Checks a 64-bit Zoho id (a string of digits). */
export function idParam(id: unknown, name: string): string {
  if (typeof id !== "string" || !/^\d{1,20}$/.test(id))
    throw new ZohoInputError(name, "a Zoho id is a string of digits");
  return id;
}

/** @internal Checks a module API name. */
export function moduleParam(module: unknown, name = "module"): string {
  if (typeof module !== "string" || !/^[A-Za-z][A-Za-z0-9_]*$/.test(module)) {
    throw new ZohoInputError(name, "not a module API name");
  }
  return module;
}
