import { decodeToken, encodeToken, intParam, isObject } from "../core/http.js";
import type { ZohoRequestCtx } from "./context.js";
import { invalidParam, paramMissing, zohoError } from "./errors.js";
import type { ZohoFieldSpec } from "./schema.js";
import type { Cursor, ModuleStore } from "./store.js";
import { formatZohoTime, parseIsoWithOffset, toSecond } from "./time.js";

/** Paging rules: `per_page` <= 200, `page` reaches only 2,000 rows, then `page_token`. */
export const MAX_PER_PAGE = 200;
export const MAX_PAGE_ROWS = 2000;
const TOKEN_LIFETIME_MS = 24 * 3600_000;

export type SortBy = "id" | "Created_Time" | "Modified_Time";

/** A parsed list query. */
export interface ListQuery {
  fields: ZohoFieldSpec[];
  perPage: number;
  page: number;
  sortBy: SortBy;
  order: "asc" | "desc";
  /** Records must be modified after this second (epoch ms, whole seconds). */
  modifiedAfter: number | undefined;
  after: Cursor | undefined;
  /** Rows to skip (page mode). */
  offset: number;
}

interface TokenBody {
  m: string;
  s: SortBy;
  o: "asc" | "desc";
  i: number | null;
  c: Cursor;
  p: number;
  x: number;
}

/** Parses `fields`: required, at most 50, every name known. */
export function parseFields(url: URL, store: ModuleStore, required: boolean): ZohoFieldSpec[] | Response {
  const raw = url.searchParams.get("fields");
  if (raw === null || raw.trim() === "")
    return required ? paramMissing("fields") : [...store.fields.values()];
  const names = raw
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "" && n !== "id");
  if (names.length > 50)
    return zohoError(400, "LIMIT_EXCEEDED", "fields limit exceeded", { param: "fields", limit: 50 });
  const out: ZohoFieldSpec[] = [];
  for (const name of names) {
    const field = store.fields.get(name);
    if (field === undefined)
      return zohoError(400, "INVALID_DATA", "invalid field", { api_name: name, param: "fields" });
    out.push(field);
  }
  return out;
}

/** Reads `If-Modified-Since` (ISO 8601 with offset, or an HTTP date) at second precision. */
export function parseModifiedSince(request: Request): number | undefined | Response {
  const raw = request.headers.get("if-modified-since");
  if (raw === null) return undefined;
  const ms = parseIsoWithOffset(raw) ?? (/GMT$/.test(raw) ? Date.parse(raw) : Number.NaN);
  if (ms === undefined || Number.isNaN(ms)) {
    return zohoError(400, "INVALID_DATA", "invalid data", { header: "If-Modified-Since" });
  }
  return toSecond(ms);
}

function parsePaging(url: URL): { perPage: number; page: number } | Response {
  const perPage = intParam(url, "per_page") ?? MAX_PER_PAGE;
  if (Number.isNaN(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    return zohoError(400, "INVALID_DATA", "invalid data", {
      param: "per_page",
      maximum_length: MAX_PER_PAGE,
    });
  }
  const page = intParam(url, "page") ?? 1;
  if (Number.isNaN(page) || page < 1) return invalidParam("page");
  if (page * perPage > MAX_PAGE_ROWS) {
    return zohoError(
      400,
      "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
      "The number of records you can get with page param is limited to 2000. Use page_token param for fetching more records.",
      { param: "page" },
    );
  }
  return { perPage, page };
}

function parseSort(url: URL): { sortBy: SortBy; order: "asc" | "desc" } | Response {
  const sortBy = url.searchParams.get("sort_by") ?? "id";
  if (sortBy !== "id" && sortBy !== "Created_Time" && sortBy !== "Modified_Time")
    return invalidParam("sort_by");
  const order = url.searchParams.get("sort_order") ?? "desc";
  if (order !== "asc" && order !== "desc") return invalidParam("sort_order");
  return { sortBy, order };
}

function readToken(raw: string, module: string, now: number): TokenBody | Response {
  const body = decodeToken(raw);
  if (!isObject(body) || body.m !== module)
    return zohoError(400, "INVALID_DATA", "invalid page token", { param: "page_token" });
  if (typeof body.x !== "number" || body.x <= now) {
    return zohoError(400, "INVALID_DATA", "the given page token has expired", { param: "page_token" });
  }
  return body as unknown as TokenBody;
}

/** Parses a records list query, enforcing Zoho's paging and sorting rules. */
export function parseListQuery(
  request: Request,
  ctx: ZohoRequestCtx,
  store: ModuleStore,
): ListQuery | Response {
  const fields = parseFields(ctx.url, store, true);
  if (fields instanceof Response) return fields;
  const rawToken = ctx.url.searchParams.get("page_token");
  if (rawToken !== null && ctx.url.searchParams.has("page")) {
    return zohoError(400, "INVALID_DATA", "page and page_token cannot be used together", {
      param: "page_token",
    });
  }
  const paging = parsePaging(ctx.url);
  if (paging instanceof Response) return paging;
  const sort = parseSort(ctx.url);
  if (sort instanceof Response) return sort;
  const since = parseModifiedSince(request);
  if (since instanceof Response) return since;
  const base = { fields, perPage: paging.perPage, modifiedAfter: since, ...sort };
  if (rawToken === null)
    return { ...base, page: paging.page, after: undefined, offset: (paging.page - 1) * paging.perPage };
  const token = readToken(rawToken, store.spec.api_name, ctx.state.clock.now());
  if (token instanceof Response) return token;
  if (token.s !== sort.sortBy || token.o !== sort.order || token.i !== (since ?? null)) {
    return zohoError(400, "INVALID_DATA", "page token does not match the query", { param: "page_token" });
  }
  return { ...base, page: token.p, after: token.c, offset: 0 };
}

/** Builds the `info` block, minting `next_page_token` whenever more records remain. */
export function listInfo(
  ctx: ZohoRequestCtx,
  module: string,
  query: ListQuery,
  count: number,
  last: Cursor | undefined,
  more: boolean,
) {
  const now = ctx.state.clock.now();
  const expiry = now + TOKEN_LIFETIME_MS;
  const token: TokenBody | undefined =
    more && last !== undefined
      ? {
          m: module,
          s: query.sortBy,
          o: query.order,
          i: query.modifiedAfter ?? null,
          c: last,
          p: query.page + 1,
          x: expiry,
        }
      : undefined;
  return {
    per_page: query.perPage,
    next_page_token: token === undefined ? null : encodeToken(token),
    count,
    sort_by: query.sortBy,
    page: query.page,
    previous_page_token: null,
    page_token_expiry: token === undefined ? null : formatZohoTime(expiry, ctx.state.offsetMinutes),
    sort_order: query.order,
    more_records: more,
  };
}
