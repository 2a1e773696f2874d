import { isObject } from "./error-factory.js";
import { ZohoInputError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { fieldsParam, idParam, moduleParam, pagingParams, toPage } from "./paging.js";
import type { BulkWriteResult, ZohoPage, ZohoRecord, ZohoRecordInput, ZohoTrigger } from "./types.js";
import { writeInBatches } from "./write-results.js";

/** Per-call write options; `trigger` overrides the client default (`[]`, no workflows). */
export interface WriteOptions {
  trigger?: readonly ZohoTrigger[];
}

/** What to search by: exactly one of Zoho's four search modes. */
export type ZohoSearchQuery = { criteria: string } | { word: string } | { email: string } | { phone: string };

/** Options of `records.search`. */
export interface SearchRecordsOptions {
  fields?: readonly string[];
  page?: number;
  perPage?: number;
}

const SEARCH_KEYS = ["criteria", "word", "email", "phone"] as const;

/** @internal */
export function recordWrites(http: ZohoHttp) {
  const triggerOf = (options: WriteOptions | undefined) => [...(options?.trigger ?? http.trigger)];

  function checkRecords(records: readonly ZohoRecordInput[], needId: boolean): void {
    if (!Array.isArray(records)) throw new ZohoInputError("records", "an array of records");
    records.forEach((record, i) => {
      if (!isObject(record)) throw new ZohoInputError(`records[${i}]`, "not an object");
      if (needId) idParam(record.id, `records[${i}].id`);
    });
  }

  async function insert(
    module: string,
    records: readonly ZohoRecordInput[],
    options?: WriteOptions,
  ): Promise<BulkWriteResult> {
    const path = { module: moduleParam(module) };
    checkRecords(records, false);
    return writeInBatches(http, records, "data", (batch) =>
      http.send((init) =>
        http.api.POST("/{module}", {
          ...init,
          params: { path },
          body: { data: [...batch], trigger: triggerOf(options) },
        }),
      ),
    );
  }

  async function update(
    module: string,
    records: readonly ZohoRecordInput[],
    options?: WriteOptions,
  ): Promise<BulkWriteResult> {
    const path = { module: moduleParam(module) };
    checkRecords(records, true);
    return writeInBatches(http, records, "data", (batch) =>
      http.send((init) =>
        http.api.PUT("/{module}", {
          ...init,
          params: { path },
          body: { data: [...batch], trigger: triggerOf(options) },
        }),
      ),
    );
  }

  /**
   * Inserts or updates, matching on `duplicateCheckFields` (or Zoho's default unique fields). Safe
   * to repeat, so the transport retries it after 5xx and timeouts: the way to make creates idempotent.
   */
  async function upsert(
    module: string,
    records: readonly ZohoRecordInput[],
    options: WriteOptions & { duplicateCheckFields?: readonly string[] } = {},
  ): Promise<BulkWriteResult> {
    const path = { module: moduleParam(module) };
    checkRecords(records, false);
    const dup = options.duplicateCheckFields;
    if (dup !== undefined) fieldsParam(dup, "duplicateCheckFields");
    return writeInBatches(http, records, "data", (batch) =>
      http.send((init) =>
        http.api.POST("/{module}/upsert", {
          ...init,
          params: { path },
          body: {
            data: [...batch],
            trigger: triggerOf(options),
            ...(dup ? { duplicate_check_fields: [...dup] } : {}),
          },
        }),
      ),
    );
  }

  /** Deletes by id, 100 per request; deleted records stay in the recycle bin for 60 days. */
  async function remove(
    module: string,
    ids: readonly string[],
    options: { wfTrigger?: boolean } = {},
  ): Promise<BulkWriteResult> {
    const path = { module: moduleParam(module) };
    if (!Array.isArray(ids)) throw new ZohoInputError("ids", "an array of ids");
    for (const [i, id] of ids.entries()) idParam(id, `ids[${i}]`);
    return writeInBatches(http, ids, "data", (batch) =>
      http.send((init) =>
        http.api.DELETE("/{module}", {
          ...init,
          params: {
            path,
            query: {
              ids: batch.join(","),
              wf_trigger: options.wfTrigger ?? http.trigger.includes("workflow"),
            },
          },
        }),
      ),
    );
  }

  async function search(
    module: string,
    by: ZohoSearchQuery,
    options: SearchRecordsOptions = {},
  ): Promise<ZohoPage<ZohoRecord>> {
    const path = { module: moduleParam(module) };
    const given = SEARCH_KEYS.filter(
      (key) => isObject(by) && (by as Record<string, unknown>)[key] !== undefined,
    );
    if (given.length !== 1) throw new ZohoInputError("by", "exactly one of criteria, word, email or phone");
    const key = given[0]!;
    const value = (by as Record<string, unknown>)[key];
    if (typeof value !== "string" || value === "")
      throw new ZohoInputError(`by.${key}`, "a non-empty string");
    const query = {
      [key]: value,
      ...pagingParams(options.page, options.perPage),
      ...(options.fields === undefined ? {} : { fields: fieldsParam(options.fields) }),
    };
    const raw = await http.send((init) =>
      http.api.GET("/{module}/search", { ...init, params: { path, query } }),
    );
    const data = http.expect(raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  return { insert, update, upsert, delete: remove, search };
}
