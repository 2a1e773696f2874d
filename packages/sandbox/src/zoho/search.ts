import { empty, intParam, json } from "../core/http.js";
import type { ZohoRequestCtx } from "./context.js";
import { type Criteria, matches, parseCriteria } from "./criteria.js";
import { zohoError } from "./errors.js";
import { MAX_PAGE_ROWS, MAX_PER_PAGE, parseFields } from "./listing.js";
import { moduleCall } from "./records.js";
import { renderRecord } from "./render.js";
import type { ModuleStore, ZohoRecord } from "./store.js";

const SEARCH_SCOPE = ["zohosearch.securesearch.read", "zohosearch.securesearch.all"];

function predicate(ctx: ZohoRequestCtx, store: ModuleStore): ((r: ZohoRecord) => boolean) | Response {
  const q = ctx.url.searchParams;
  const given = ["criteria", "email", "phone", "word"].filter((k) => q.has(k));
  if (given.length === 0)
    return zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
      param: "criteria",
    });
  if (given.length > 1)
    return zohoError(400, "INVALID_QUERY", "only one of criteria, email, phone or word is allowed", {
      params: given,
    });
  const kind = given[0]!;
  const value = (q.get(kind) ?? "").toLowerCase();
  const fields = [...store.fields.values()];
  const text = (types: readonly string[]) =>
    fields.filter((f) => types.includes(f.data_type)).map((f) => f.api_name);
  switch (kind) {
    case "criteria": {
      const parsed: Criteria | string = parseCriteria(q.get("criteria") ?? "", store);
      if (typeof parsed === "string")
        return zohoError(400, "INVALID_QUERY", "invalid query formed", { reason: parsed });
      return (r) => matches(parsed, r);
    }
    case "email":
    case "phone": {
      const names = text([kind]);
      return (r) => names.some((n) => String(r.values[n] ?? "").toLowerCase() === value);
    }
    default: {
      if (value.length < 2)
        return zohoError(400, "INVALID_QUERY", "word must have at least 2 characters", { param: "word" });
      const names = text(["text", "textarea", "email", "phone", "website"]);
      return (r) =>
        names.some((n) =>
          String(r.values[n] ?? "")
            .toLowerCase()
            .includes(value),
        );
    }
  }
}

/** GET /crm/v8/{module}/search: needs the module scope and ZohoSearch.securesearch.READ. */
export async function searchRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "READ", [SEARCH_SCOPE]);
  if (call instanceof Response) return call;
  const test = predicate(ctx, call.store);
  if (test instanceof Response) return test;
  const fields = parseFields(ctx.url, call.store, false);
  if (fields instanceof Response) return fields;
  const perPage = intParam(ctx.url, "per_page") ?? MAX_PER_PAGE;
  const page = intParam(ctx.url, "page") ?? 1;
  if (Number.isNaN(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "per_page" });
  if (Number.isNaN(page) || page < 1)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "page" });
  if (page * perPage > MAX_PAGE_ROWS) {
    return zohoError(400, "LIMIT_REACHED", "search results are limited to 2000 records", {
      param: "page",
      limit: MAX_PAGE_ROWS,
    });
  }
  const hits: ZohoRecord[] = [];
  const ids = call.store.ids;
  const want = page * perPage + 1;
  for (let i = ids.length - 1; i >= 0 && hits.length < want; i--) {
    const record = call.store.records.get(ids[i]!);
    if (record !== undefined && test(record)) hits.push(record);
  }
  const rows = hits.slice((page - 1) * perPage, page * perPage);
  if (rows.length === 0) return empty(204);
  const data = rows.map((r) => renderRecord(ctx.state, call.store, r, fields));
  return json(200, {
    data,
    info: { per_page: perPage, count: rows.length, page, more_records: hits.length > page * perPage },
  });
}
