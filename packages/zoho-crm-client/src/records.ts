import { ZohoInputError, ZohoNotFoundError, ZohoServerError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import {
  fieldsParam,
  idParam,
  LIMITS,
  modifiedSinceHeader,
  moduleParam,
  pagingParams,
  toPage,
} from "./paging.js";
import type { ZohoDeletedRecord, ZohoPage, ZohoRecord } from "./types.js";

/** Sort keys Zoho accepts on record lists. */
export type ZohoSortBy = "id" | "Created_Time" | "Modified_Time";

/** Options of `records.list`. `fields` is required (1 to 50 API names), as Zoho requires it. */
export interface ListRecordsOptions {
  module: string;
  fields: readonly string[];
  sortBy?: ZohoSortBy;
  sortOrder?: "asc" | "desc";
  /** 1-based; `page * perPage` may not pass 2,000 rows (use `pageToken` beyond). */
  page?: number;
  /** 1 to 200 (Zoho's default 200). */
  perPage?: number;
  /** `info.nextPageToken` of the previous page; never combined with `page`. */
  pageToken?: string;
  /** Only records modified after this (`If-Modified-Since`); nothing changed -> an empty page with `notModified`. */
  modifiedSince?: Date | string;
  /** A custom view id; Zoho refuses it together with `sortBy`. */
  cvid?: string;
}

/** Options of `records.iterate`: a list without `page`/`pageToken`, which the iterator drives. */
export type IterateRecordsOptions = Omit<ListRecordsOptions, "page" | "pageToken">;

const SORT_KEYS: ReadonlySet<string> = new Set(["id", "Created_Time", "Modified_Time"]);

/** @internal */
export function recordReads(http: ZohoHttp) {
  async function list(options: ListRecordsOptions): Promise<ZohoPage<ZohoRecord>> {
    const query = listQuery(options);
    const ifModifiedSince = modifiedSinceHeader(options.modifiedSince);
    const raw = await http.send((init) =>
      http.api.GET("/{module}", {
        ...init,
        params: {
          path: { module: moduleParam(options.module) },
          query,
          header: ifModifiedSince === undefined ? {} : { "If-Modified-Since": ifModifiedSince },
        },
      }),
    );
    const data = http.expect(raw);
    if (data !== undefined && !Array.isArray(data.data)) throw http.malformed('no "data" array', raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  /**
   * Streams every page: `page` 1, 2, ... while within the first 2,000 rows, then `page_token` from
   * each response (Zoho refuses `page` past row 2,000). Memory stays at one page.
   */
  async function* iterate(
    options: IterateRecordsOptions,
  ): AsyncGenerator<ZohoPage<ZohoRecord>, void, undefined> {
    const perPage = options.perPage ?? LIMITS.maxPerPage;
    let page = 1;
    let pageToken: string | undefined;
    while (true) {
      const current = await list(
        pageToken === undefined ? { ...options, perPage, page } : { ...options, perPage, pageToken },
      );
      yield current;
      if (!current.info.moreRecords || current.items.length === 0) return;
      if (pageToken === undefined && (page + 1) * perPage <= LIMITS.maxPageRows) {
        page++;
        continue;
      }
      pageToken = current.info.nextPageToken;
      if (pageToken === undefined) {
        throw new ZohoServerError("Zoho reported more records but sent no next_page_token", {
          code: "MALFORMED_RESPONSE",
        });
      }
    }
  }

  async function get(
    module: string,
    id: string,
    options: { fields?: readonly string[] } = {},
  ): Promise<ZohoRecord> {
    const fields = options.fields === undefined ? undefined : fieldsParam(options.fields);
    const raw = await http.send((init) =>
      http.api.GET("/{module}/{record_id}", {
        ...init,
        params: {
          path: { module: moduleParam(module), record_id: idParam(id, "id") },
          query: fields ? { fields } : {},
        },
      }),
    );
    const record = http.expect(raw)?.data?.[0];
    // Zoho answers 204 for an id that does not exist (or no longer does).
    if (record === undefined)
      throw new ZohoNotFoundError(`no ${module} record ${id}`, {
        code: "NOT_FOUND",
        status: raw.response.status,
      });
    return record;
  }

  /**
   * Reads records by id with `GET /{module}?ids=`, 100 ids per request (duplicates sent once).
   * Ids that do not exist (any more) are simply absent from the result; a chunk answered with 204
   * contributes nothing. Order follows Zoho's responses, chunk by chunk.
   */
  async function getMany(
    module: string,
    ids: readonly string[],
    options: { fields: readonly string[] },
  ): Promise<ZohoRecord[]> {
    const path = { module: moduleParam(module) };
    if (!Array.isArray(ids)) throw new ZohoInputError("ids", "an array of ids");
    for (const [i, id] of ids.entries()) idParam(id, `ids[${i}]`);
    if (options === null || typeof options !== "object") throw new ZohoInputError("options", "required");
    const fields = fieldsParam(options.fields);
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += LIMITS.maxBatch)
      chunks.push(unique.slice(i, i + LIMITS.maxBatch));
    const pages = await Promise.all(
      chunks.map(async (chunk) => {
        const raw = await http.send((init) =>
          http.api.GET("/{module}", {
            ...init,
            params: { path, query: { fields, ids: chunk.join(",") }, header: {} },
          }),
        );
        const data = http.expect(raw);
        if (data !== undefined && !Array.isArray(data.data)) throw http.malformed('no "data" array', raw);
        return data?.data ?? [];
      }),
    );
    return pages.flat();
  }

  async function deleted(options: DeletedRecordsOptions): Promise<ZohoPage<ZohoDeletedRecord>> {
    const since = modifiedSinceHeader(options.modifiedSince);
    const raw = await http.send((init) =>
      http.api.GET("/{module}/deleted", {
        ...init,
        params: {
          path: { module: moduleParam(options.module) },
          query: { type: options.type ?? "all", ...pagingParams(options.page, options.perPage) },
          header: since === undefined ? {} : { "If-Modified-Since": since },
        },
      }),
    );
    const data = http.expect(raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  return { list, iterate, get, getMany, deleted };
}

/** Options of `records.deleted`: the recycle bin (`recycle`), permanently deleted (`permanent`), or both. */
export interface DeletedRecordsOptions {
  module: string;
  type?: "all" | "recycle" | "permanent";
  page?: number;
  perPage?: number;
  modifiedSince?: Date | string;
}

function listQuery(options: ListRecordsOptions) {
  if (options === null || typeof options !== "object") throw new ZohoInputError("options", "required");
  const fields = fieldsParam(options.fields);
  if (options.page !== undefined && options.pageToken !== undefined) {
    throw new ZohoInputError("pageToken", "page and pageToken cannot be combined");
  }
  if (options.sortBy !== undefined && !SORT_KEYS.has(options.sortBy)) {
    throw new ZohoInputError("sortBy", "Zoho sorts only by id, Created_Time or Modified_Time");
  }
  if (options.sortOrder !== undefined && options.sortOrder !== "asc" && options.sortOrder !== "desc") {
    throw new ZohoInputError("sortOrder", 'either "asc" or "desc"');
  }
  if (options.cvid !== undefined && options.sortBy !== undefined) {
    throw new ZohoInputError("cvid", "Zoho refuses cvid together with sortBy");
  }
  const paging = pagingParams(options.pageToken === undefined ? options.page : undefined, options.perPage);
  return {
    fields,
    ...paging,
    ...(options.pageToken === undefined ? {} : { page_token: options.pageToken }),
    ...(options.sortBy === undefined ? {} : { sort_by: options.sortBy }),
    ...(options.sortOrder === undefined ? {} : { sort_order: options.sortOrder }),
    ...(options.cvid === undefined ? {} : { cvid: options.cvid }),
  };
}
