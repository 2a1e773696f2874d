import { empty, intParam, json } from "../core/http.js";
import { authenticate, moduleScope, type ZohoAuth } from "./auth.js";
import type { ZohoRequestCtx } from "./context.js";
import { zohoError } from "./errors.js";
import { listInfo, MAX_PER_PAGE, parseFields, parseListQuery, parseModifiedSince } from "./listing.js";
import { renderRecord, userRef } from "./render.js";
import type { Cursor, ModuleStore, ZohoRecord } from "./store.js";
import { walkById, walkByModified } from "./store.js";
import { formatZohoTime } from "./time.js";

/** Resolves `:module`, or answers 400 INVALID_MODULE like Zoho. */
export function moduleOf(ctx: ZohoRequestCtx): ModuleStore | Response {
  const store = ctx.state.modules.get(ctx.params.module ?? "");
  return store ?? zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid", {});
}

/** Resolves the module and authenticates with that module's scope. */
export function moduleCall(
  request: Request,
  ctx: ZohoRequestCtx,
  op: "READ" | "CREATE" | "UPDATE" | "DELETE",
  extra: readonly (readonly string[])[] = [],
): { store: ModuleStore; auth: ZohoAuth } | Response {
  const store = moduleOf(ctx);
  if (store instanceof Response) {
    const auth = authenticate(request, ctx, []);
    return auth instanceof Response ? auth : store;
  }
  const auth = authenticate(request, ctx, [moduleScope(store.spec.scope, op), ...extra]);
  return auth instanceof Response ? auth : { store, auth };
}

function walk(
  store: ModuleStore,
  sortBy: string,
  order: "asc" | "desc",
  after: Cursor | undefined,
  since: number | undefined,
) {
  if (sortBy === "Modified_Time") {
    return walkByModified(store, order, after?.kind === "modified" ? after : undefined, since);
  }
  // Ids are minted in creation order, so id order is also Created_Time order.
  return walkById(store, order, after?.kind === "id" ? after : undefined);
}

function byIds(ctx: ZohoRequestCtx, store: ModuleStore, raw: string): Response {
  const ids = raw.split(",").filter((s) => s !== "");
  if (ids.length > 100)
    return zohoError(400, "LIMIT_EXCEEDED", "ids limit exceeded", { param: "ids", limit: 100 });
  const fields = parseFields(ctx.url, store, true);
  if (fields instanceof Response) return fields;
  const found = ids.map((id) => store.records.get(id)).filter((r): r is ZohoRecord => r !== undefined);
  if (found.length === 0) return empty(204);
  const data = found.map((r) => renderRecord(ctx.state, store, r, fields));
  return json(200, {
    data,
    info: { per_page: MAX_PER_PAGE, count: data.length, page: 1, more_records: false },
  });
}

/**
 * GET /crm/v8/{module}: `fields` required, paging, sorting, `If-Modified-Since`. With `ids` (at most
 * 100, else 400 LIMIT_EXCEEDED, a guess), only those records, unknown ids left out (204 if none).
 */
export async function listRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "READ");
  if (call instanceof Response) return call;
  const { store } = call;
  const ids = ctx.url.searchParams.get("ids");
  if (ids !== null) return byIds(ctx, store, ids);
  const query = parseListQuery(request, ctx, store);
  if (query instanceof Response) return query;
  const rows: ZohoRecord[] = [];
  let last: Cursor | undefined;
  let skip = query.offset;
  let more = false;
  for (const { record, cursor } of walk(store, query.sortBy, query.order, query.after, query.modifiedAfter)) {
    if (query.modifiedAfter !== undefined && record.modified <= query.modifiedAfter) continue;
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    if (rows.length === query.perPage) {
      more = true;
      break;
    }
    rows.push(record);
    last = cursor;
  }
  if (rows.length === 0)
    return empty(query.modifiedAfter !== undefined && query.after === undefined ? 304 : 204);
  const data = rows.map((r) => renderRecord(ctx.state, store, r, query.fields));
  return json(200, { data, info: listInfo(ctx, store.spec.api_name, query, rows.length, last, more) });
}

/** GET /crm/v8/{module}/{id}: every field; 204 when the record does not exist. */
export async function getRecord(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "READ");
  if (call instanceof Response) return call;
  const record = call.store.records.get(ctx.params.id ?? "");
  if (record === undefined) return empty(204);
  const fields = parseFields(ctx.url, call.store, false);
  if (fields instanceof Response) return fields;
  return json(200, { data: [renderRecord(ctx.state, call.store, record, fields)] });
}

/** GET /crm/v8/{module}/deleted: newest first, `type`, paging, `If-Modified-Since` on deleted time. */
export async function listDeleted(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "READ");
  if (call instanceof Response) return call;
  const type = ctx.url.searchParams.get("type") ?? "all";
  if (type !== "all" && type !== "recycle" && type !== "permanent") {
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "type" });
  }
  const since = parseModifiedSince(request);
  if (since instanceof Response) return since;
  const perPage = intParam(ctx.url, "per_page") ?? MAX_PER_PAGE;
  const page = intParam(ctx.url, "page") ?? 1;
  if (Number.isNaN(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "per_page" });
  }
  if (Number.isNaN(page) || page < 1)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "page" });
  // Everything stays in the recycle bin: the simulator never purges (the real bin keeps 60 days).
  const rows =
    type === "permanent" ? [] : call.store.deleted.filter((d) => since === undefined || d.deleted > since);
  const newest = [...rows].reverse().slice((page - 1) * perPage, page * perPage);
  if (newest.length === 0) return empty(since === undefined ? 204 : 304);
  const state = ctx.state;
  const data = newest.map((d) => ({
    deleted_by: userRef(state, d.deletedBy),
    id: d.id,
    display_name: d.display_name,
    type: "recycle",
    created_by: userRef(state, d.createdBy),
    deleted_time: formatZohoTime(d.deleted, state.offsetMinutes),
  }));
  const more = rows.length > page * perPage;
  return json(200, { data, info: { per_page: perPage, count: data.length, page, more_records: more } });
}
