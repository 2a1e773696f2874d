import { isObject } from "./error-factory.js";
import { ZohoError } from "./errors.js";
import type { components } from "./generated/zoho-crm.js";
import type { Raw, ZohoHttp } from "./http.js";
import { LIMITS } from "./paging.js";
import type { BulkWriteResult, RecordWriteResult, WriteOutcome } from "./types.js";

type Item = components["schemas"]["WriteResultItem"];

/** @internal One Zoho result item to a {@link WriteOutcome}. */
export function toOutcome(item: Item, index: number): WriteOutcome {
  const details = isObject(item.details) ? item.details : {};
  const code = item.code ?? (item.status === "success" ? "SUCCESS" : "UNKNOWN");
  const message = item.message ?? "";
  if (item.status === "success") {
    const action = item.action === "insert" || item.action === "update" ? item.action : undefined;
    const id = typeof details.id === "string" ? details.id : String(details.id ?? "");
    return {
      status: "success",
      index,
      id,
      code,
      message,
      action,
      duplicateField: item.duplicate_field ?? undefined,
      details,
    };
  }
  const field = typeof details.api_name === "string" ? details.api_name : undefined;
  return { status: "error", index, code, message, field, details };
}

/**
 * @internal The items of a write response under `key`. A non-2xx that still lists per-item results
 * (Zoho answers 400 when every item failed) is returned as results, not thrown away.
 */
export function itemsOf(http: ZohoHttp, raw: Raw<unknown>, key: string, expected: number): Item[] {
  const body = raw.response.ok ? raw.data : raw.error;
  const items = isObject(body) ? body[key] : undefined;
  if (Array.isArray(items) && items.every(isObject)) {
    if (items.length !== expected && raw.response.ok)
      throw http.malformed(`${items.length} results for ${expected} items`, raw);
    return items as Item[];
  }
  if (!raw.response.ok) http.fail(raw);
  throw http.malformed(`no "${key}" array`, raw);
}

/** @internal A single-item write: the one outcome, or a thrown error when the request failed. */
export function singleOutcome(http: ZohoHttp, raw: Raw<unknown>, key: string): WriteOutcome {
  const [item] = itemsOf(http, raw, key, 1);
  return toOutcome(item!, 0);
}

/**
 * @internal Sends `items` in batches of at most 100, one after another, and keeps every per-item
 * result. A batch whose request fails marks its items `request_failed` and stops: later batches
 * are `not_sent`, because the failure (auth, rate limit, outage) would most likely repeat.
 */
export async function writeInBatches<T>(
  http: ZohoHttp,
  items: readonly T[],
  key: string,
  sendBatch: (batch: readonly T[]) => Promise<Raw<unknown>>,
): Promise<BulkWriteResult> {
  const results: RecordWriteResult[] = [];
  for (let start = 0; start < items.length; start += LIMITS.maxBatch) {
    const batch = items.slice(start, start + LIMITS.maxBatch);
    try {
      const raw = await sendBatch(batch);
      for (const [i, item] of itemsOf(http, raw, key, batch.length).entries()) {
        results.push(toOutcome(item, start + i));
      }
    } catch (error) {
      if (!(error instanceof ZohoError)) throw error;
      for (let i = start; i < start + batch.length; i++)
        results.push({ status: "request_failed", index: i, error });
      for (let i = start + batch.length; i < items.length; i++)
        results.push({ status: "not_sent", index: i });
      break;
    }
  }
  const succeeded = results.filter((r) => r.status === "success").length;
  return { results, succeeded, failed: results.length - succeeded };
}
