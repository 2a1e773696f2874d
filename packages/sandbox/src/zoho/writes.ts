import { isObject, json, readJson } from "../core/http.js";
import type { ZohoRequestCtx } from "./context.js";
import { itemError, paramMissing, type ZohoItemError, zohoError } from "./errors.js";
import { notifyChange, type RecordChange, recordWorkflow } from "./notify.js";
import { moduleCall } from "./records.js";
import { userRef } from "./render.js";
import type { ZohoState } from "./state.js";
import { addRecord, type ModuleStore, removeRecord, touchRecord, type ZohoRecord } from "./store.js";
import { formatZohoTime, toSecond } from "./time.js";
import { validateRecord } from "./validate.js";

/** Most records per insert, update, upsert or delete call. */
export const MAX_WRITE_RECORDS = 100;

/** System duplicate-check fields used by upsert (Kaizen #56). */
const SYSTEM_DUPLICATE_FIELDS: Readonly<Record<string, string>> = {
  Leads: "Email",
  Contacts: "Email",
  Accounts: "Account_Name",
  Deals: "Deal_Name",
  Campaigns: "Campaign_Name",
  Cases: "Subject",
  Solutions: "Solution_Title",
  Products: "Product_Name",
  Vendors: "Vendor_Name",
  Price_Books: "Price_Book_Name",
  Quotes: "Subject",
  Sales_Orders: "Subject",
  Purchase_Orders: "Subject",
  Invoices: "Subject",
};

type Item = Record<string, unknown>;
interface WriteBody {
  data: Record<string, unknown>[];
  trigger: string[] | undefined;
  duplicateCheck: string[] | undefined;
}

async function readWriteBody(request: Request): Promise<WriteBody | Response> {
  const body = await readJson(request);
  if (!body.ok || !isObject(body.value))
    return zohoError(400, "INVALID_DATA", "body is not a valid JSON object", {});
  const { data, trigger, duplicate_check_fields: dup } = body.value;
  if (data === undefined)
    return zohoError(400, "REQUIRED_PARAM_MISSING", "data not found", { param: "data" });
  if (!Array.isArray(data) || data.length === 0)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "data" });
  if (data.length > MAX_WRITE_RECORDS) {
    return zohoError(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit", {
      limit: MAX_WRITE_RECORDS,
    });
  }
  if (trigger !== undefined && (!Array.isArray(trigger) || trigger.some((t) => typeof t !== "string"))) {
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "trigger" });
  }
  if (dup !== undefined && (!Array.isArray(dup) || dup.some((t) => typeof t !== "string"))) {
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "duplicate_check_fields" });
  }
  return {
    data: data as Record<string, unknown>[],
    trigger: trigger as string[] | undefined,
    duplicateCheck: dup as string[] | undefined,
  };
}

function success(state: ZohoState, record: ZohoRecord, message: string, extra: Item = {}): Item {
  const tz = state.offsetMinutes;
  const by = (id: string) => {
    const ref = userRef(state, id);
    return ref === null ? null : { name: ref.name, id: ref.id };
  };
  return {
    code: "SUCCESS",
    details: {
      Modified_Time: formatZohoTime(record.modified, tz),
      Modified_By: by(record.modifiedBy),
      Created_Time: formatZohoTime(record.created, tz),
      id: record.id,
      Created_By: by(record.createdBy),
    },
    message,
    status: "success",
    ...extra,
  };
}

function uniqueClash(
  store: ModuleStore,
  values: Item,
  index: number,
  selfId: string | undefined,
): ZohoItemError | undefined {
  for (const field of store.spec.fields) {
    const value = values[field.api_name];
    if (field.unique !== true || value === null || value === undefined) continue;
    for (const other of store.records.values()) {
      if (other.id !== selfId && other.values[field.api_name] === value) {
        return itemError("DUPLICATE_DATA", "duplicate data", {
          api_name: field.api_name,
          json_path: `$.data[${index}].${field.api_name}`,
          duplicate_record: { module: { api_name: store.spec.api_name }, id: other.id },
        });
      }
    }
  }
  return undefined;
}

function insertOne(
  state: ZohoState,
  store: ModuleStore,
  item: Item,
  index: number,
  userId: string,
): ZohoRecord | ZohoItemError {
  const checked = validateRecord(state, store, item, index, "insert");
  if (!checked.ok) return checked.error;
  const clash = uniqueClash(store, checked.values, index, undefined);
  if (clash !== undefined) return clash;
  const now = toSecond(state.clock.now());
  const record: ZohoRecord = {
    id: state.nextId(),
    created: now,
    modified: now,
    createdBy: userId,
    modifiedBy: userId,
    version: 0,
    values: { Owner: userId, ...checked.values },
  };
  addRecord(store, record);
  return record;
}

function updateOne(
  state: ZohoState,
  store: ModuleStore,
  record: ZohoRecord,
  item: Item,
  index: number,
  userId: string,
) {
  const checked = validateRecord(state, store, item, index, "update");
  if (!checked.ok) return checked.error;
  const clash = uniqueClash(store, checked.values, index, record.id);
  if (clash !== undefined) return clash;
  Object.assign(record.values, checked.values);
  record.modified = toSecond(state.clock.now());
  record.modifiedBy = userId;
  touchRecord(store, record);
  return Object.keys(checked.values);
}

/** Writes a record change through the same path as every other writer (API, person, seed). */
export function applyUpdate(
  state: ZohoState,
  store: ModuleStore,
  record: ZohoRecord,
  item: Item,
  userId: string,
) {
  return updateOne(state, store, record, item, 0, userId);
}

/** Inserts through the validation path; used by the person API too. */
export function applyInsert(state: ZohoState, store: ModuleStore, item: Item, userId: string) {
  return insertOne(state, store, item, 0, userId);
}

function statusFor(items: Item[], allOk: number): number {
  const failures = items.filter((i) => i.status === "error").length;
  if (failures === 0) return allOk;
  // Partial failures come back as 207 (a 2xx); a batch where everything failed is a 400.
  return failures === items.length ? 400 : 207;
}

function finish(ctx: ZohoRequestCtx, changes: RecordChange[], trigger: string[] | undefined): void {
  for (const change of changes) {
    recordWorkflow(ctx.state, change, trigger);
    notifyChange(ctx.state, change);
  }
}

/** POST /crm/v8/{module} */
export async function insertRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "CREATE");
  if (call instanceof Response) return call;
  const body = await readWriteBody(request);
  if (body instanceof Response) return body;
  const created: string[] = [];
  const items = body.data.map((item, i) => {
    if (!isObject(item)) return itemError("INVALID_DATA", "invalid data", { json_path: `$.data[${i}]` });
    const result = insertOne(ctx.state, call.store, item, i, call.auth.userId);
    if ("code" in result) return result;
    created.push(result.id);
    return success(ctx.state, result, "record added");
  }) as Item[];
  finish(ctx, [{ module: call.store.spec.api_name, operation: "create", ids: created }], body.trigger);
  return json(statusFor(items, 201), { data: items });
}

function updateItem(
  ctx: ZohoRequestCtx,
  store: ModuleStore,
  item: unknown,
  i: number,
  userId: string,
  edits: Map<string, string[]>,
) {
  if (!isObject(item)) return itemError("INVALID_DATA", "invalid data", { json_path: `$.data[${i}]` });
  const id = ctx.params.id ?? item.id;
  if (id === undefined)
    return itemError("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: "id",
      json_path: `$.data[${i}].id`,
    });
  const record = typeof id === "string" ? store.records.get(id) : undefined;
  if (record === undefined) {
    return itemError("INVALID_DATA", "the related id given seems to be invalid", {
      api_name: "id",
      json_path: `$.data[${i}].id`,
    });
  }
  const result = updateOne(ctx.state, store, record, item, i, userId);
  if (!Array.isArray(result)) return result;
  edits.set(record.id, result);
  return success(ctx.state, record, "record updated");
}

/** PUT /crm/v8/{module} and PUT /crm/v8/{module}/{id} */
export async function updateRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "UPDATE");
  if (call instanceof Response) return call;
  const body = await readWriteBody(request);
  if (body instanceof Response) return body;
  if (ctx.params.id !== undefined && body.data.length !== 1) {
    return zohoError(400, "INVALID_DATA", "only one record can be updated by id", { param: "data" });
  }
  const edits = new Map<string, string[]>();
  const items = body.data.map((item, i) =>
    updateItem(ctx, call.store, item, i, call.auth.userId, edits),
  ) as Item[];
  finish(
    ctx,
    [{ module: call.store.spec.api_name, operation: "edit", ids: [...edits.keys()], affected: edits }],
    body.trigger,
  );
  return json(statusFor(items, 200), { data: items });
}

function findDuplicate(
  store: ModuleStore,
  item: Item,
  checks: string[],
): { record: ZohoRecord; field: string } | undefined {
  for (const field of checks) {
    const value = item[field];
    if (value === undefined || value === null || value === "") continue;
    for (const record of store.records.values()) if (record.values[field] === value) return { record, field };
  }
  return undefined;
}

/** POST /crm/v8/{module}/upsert */
export async function upsertRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "CREATE");
  if (call instanceof Response) return call;
  const body = await readWriteBody(request);
  if (body instanceof Response) return body;
  const { store } = call;
  const system = SYSTEM_DUPLICATE_FIELDS[store.spec.api_name];
  const unique = store.spec.fields.filter((f) => f.unique === true).map((f) => f.api_name);
  const checks = body.duplicateCheck ?? [...(system === undefined ? [] : [system]), ...unique];
  const unknown = checks.find((c) => !store.fields.has(c));
  if (unknown !== undefined)
    return zohoError(400, "INVALID_DATA", "invalid field", {
      api_name: unknown,
      param: "duplicate_check_fields",
    });
  const created: string[] = [];
  const edits = new Map<string, string[]>();
  const items = body.data.map((item, i) => {
    if (!isObject(item)) return itemError("INVALID_DATA", "invalid data", { json_path: `$.data[${i}]` });
    const dup = findDuplicate(store, item, checks);
    if (dup === undefined) {
      const result = insertOne(ctx.state, store, item, i, call.auth.userId);
      if ("code" in result) return result;
      created.push(result.id);
      return success(ctx.state, result, "record added", { action: "insert", duplicate_field: null });
    }
    const result = updateOne(ctx.state, store, dup.record, item, i, call.auth.userId);
    if (!Array.isArray(result)) return result;
    edits.set(dup.record.id, result);
    return success(ctx.state, dup.record, "record updated", { action: "update", duplicate_field: dup.field });
  }) as Item[];
  const module = store.spec.api_name;
  finish(
    ctx,
    [
      { module, operation: "create", ids: created },
      { module, operation: "edit", ids: [...edits.keys()], affected: edits },
    ],
    body.trigger,
  );
  return json(statusFor(items, 200), { data: items });
}

/** Deletes one record through the shared path (API and person). */
export function applyDelete(state: ZohoState, store: ModuleStore, record: ZohoRecord, userId: string): void {
  removeRecord(store, record, userId, toSecond(state.clock.now()));
}

/** DELETE /crm/v8/{module}?ids=... and DELETE /crm/v8/{module}/{id} */
export async function deleteRecords(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = moduleCall(request, ctx, "DELETE");
  if (call instanceof Response) return call;
  const raw = ctx.params.id ?? ctx.url.searchParams.get("ids");
  if (raw === null || raw === "") return paramMissing("ids");
  const ids = raw.split(",").filter((s) => s !== "");
  if (ids.length > MAX_WRITE_RECORDS)
    return zohoError(400, "LIMIT_EXCEEDED", "ids limit exceeded", { limit: MAX_WRITE_RECORDS });
  const deleted: string[] = [];
  const items = ids.map((id) => {
    const record = call.store.records.get(id);
    if (record === undefined) return itemError("INVALID_DATA", "record not deleted", { id });
    applyDelete(ctx.state, call.store, record, call.auth.userId);
    deleted.push(id);
    return { code: "SUCCESS", details: { id }, message: "record deleted", status: "success" };
  }) as Item[];
  const trigger = ctx.url.searchParams.get("wf_trigger") === "false" ? [] : undefined;
  finish(ctx, [{ module: call.store.spec.api_name, operation: "delete", ids: deleted }], trigger);
  return json(statusFor(items, 200), { data: items });
}
