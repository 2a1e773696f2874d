import { empty, intParam, isObject, json, readJson } from "../core/http.js";
import { authenticate, moduleScope } from "./auth.js";
import type { ZohoRequestCtx } from "./context.js";
import { itemError, paramMissing, zohoError } from "./errors.js";
import { MAX_PER_PAGE, parseModifiedSince } from "./listing.js";
import { notifyChange } from "./notify.js";
import { displayName, userRef } from "./render.js";
import type { ZohoNote, ZohoState } from "./state.js";
import { formatZohoTime, toSecond } from "./time.js";

const NOTE_FIELDS = [
  "Note_Title",
  "Note_Content",
  "Parent_Id",
  "Owner",
  "Created_Time",
  "Modified_Time",
  "Created_By",
  "Modified_By",
];

function notesAuth(request: Request, ctx: ZohoRequestCtx, op: "READ" | "CREATE" | "UPDATE" | "DELETE") {
  return authenticate(request, ctx, [moduleScope("notes", op)]);
}

/** Renders a note in the v8 shape (`Parent_Id` is an object with the parent's module). */
export function renderNote(state: ZohoState, note: ZohoNote): Record<string, unknown> {
  const store = state.modules.get(note.module);
  const parent = store?.records.get(note.parentId);
  return {
    Owner: userRef(state, note.ownerId),
    Modified_Time: formatZohoTime(note.modified, state.offsetMinutes),
    Created_Time: formatZohoTime(note.created, state.offsetMinutes),
    Parent_Id: {
      module: { api_name: note.module, id: note.module },
      name: store === undefined || parent === undefined ? null : displayName(store, parent),
      id: note.parentId,
    },
    id: note.id,
    Created_By: userRef(state, note.createdBy),
    Modified_By: userRef(state, note.modifiedBy),
    Note_Title: note.title,
    Note_Content: note.content,
  };
}

/** Adds a note through the shared path (API and person API). */
export function addNote(
  state: ZohoState,
  module: string,
  parentId: string,
  title: string | null,
  content: string,
  userId: string,
): ZohoNote {
  const now = toSecond(state.clock.now());
  const note: ZohoNote = {
    id: state.nextId(),
    module,
    parentId,
    title,
    content,
    ownerId: userId,
    created: now,
    modified: now,
    createdBy: userId,
    modifiedBy: userId,
  };
  state.notes.set(note.id, note);
  notifyChange(state, { module: "Notes", operation: "create", ids: [note.id] });
  return note;
}

function noteFromItem(
  state: ZohoState,
  item: unknown,
  i: number,
  parent: { module: string; id: string } | undefined,
  userId: string,
) {
  if (!isObject(item)) return itemError("INVALID_DATA", "invalid data", { json_path: `$.data[${i}]` });
  const content = item.Note_Content;
  if (typeof content !== "string" || content === "") {
    return itemError("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: "Note_Content",
      json_path: `$.data[${i}].Note_Content`,
    });
  }
  const title = typeof item.Note_Title === "string" ? item.Note_Title : null;
  const target = parent ?? parentOf(item.Parent_Id);
  if (target === undefined)
    return itemError("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: "Parent_Id",
      json_path: `$.data[${i}].Parent_Id`,
    });
  if (state.modules.get(target.module)?.records.has(target.id) !== true) {
    return itemError("INVALID_DATA", "the related id given seems to be invalid", {
      api_name: "Parent_Id",
      json_path: `$.data[${i}].Parent_Id`,
    });
  }
  const note = addNote(state, target.module, target.id, title, content, userId);
  return noteSuccess(state, note, "record added");
}

function parentOf(value: unknown): { module: string; id: string } | undefined {
  if (!isObject(value) || typeof value.id !== "string" || !isObject(value.module)) return undefined;
  return typeof value.module.api_name === "string"
    ? { module: value.module.api_name, id: value.id }
    : undefined;
}

function noteSuccess(state: ZohoState, note: ZohoNote, message: string) {
  const by = userRef(state, note.modifiedBy);
  return {
    code: "SUCCESS",
    details: {
      Modified_Time: formatZohoTime(note.modified, state.offsetMinutes),
      Modified_By: by === null ? null : { name: by.name, id: by.id },
      Created_Time: formatZohoTime(note.created, state.offsetMinutes),
      id: note.id,
      Created_By: by === null ? null : { name: by.name, id: by.id },
    },
    message,
    status: "success",
  };
}

/** GET /crm/v8/{module}/{id}/Notes and GET /crm/v8/Notes: `fields` required, paged. */
export async function listNotes(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = notesAuth(request, ctx, "READ");
  if (auth instanceof Response) return auth;
  const fields = ctx.url.searchParams.get("fields");
  if (fields === null || fields === "") return paramMissing("fields");
  const wanted = fields.split(",").map((f) => f.trim());
  const unknown = wanted.find((f) => f !== "id" && !NOTE_FIELDS.includes(f));
  if (unknown !== undefined)
    return zohoError(400, "INVALID_DATA", "invalid field", { api_name: unknown, param: "fields" });
  const query = parseNotesQuery(request, ctx.url);
  if (query instanceof Response) return query;
  const { perPage, page, modifiedAfter } = query;
  const { module, id } = ctx.params;
  const all = sortNotes(
    [...ctx.state.notes.values()].filter(
      (n) =>
        (module === undefined || (n.module === module && n.parentId === id)) &&
        (modifiedAfter === undefined || n.modified > modifiedAfter),
    ),
    query.sort,
  );
  const rows = all.slice((page - 1) * perPage, page * perPage);
  // Like record lists: nothing changed after `If-Modified-Since` is a 304, an empty page a 204.
  if (rows.length === 0) return empty(modifiedAfter !== undefined && all.length === 0 ? 304 : 204);
  const data = rows.map((n) => {
    const full = renderNote(ctx.state, n);
    return Object.fromEntries(Object.entries(full).filter(([k]) => k === "id" || wanted.includes(k)));
  });
  return json(200, {
    data,
    info: { per_page: perPage, count: rows.length, page, more_records: all.length > page * perPage },
  });
}

type NoteSort = { by: "id" | "Created_Time" | "Modified_Time"; order: "asc" | "desc" } | undefined;

interface NotesQuery {
  perPage: number;
  page: number;
  modifiedAfter: number | undefined;
  sort: NoteSort;
}

/** Paging, `If-Modified-Since` (notes modified strictly after, whole seconds) and `sort_by`/`sort_order`. */
function parseNotesQuery(request: Request, url: URL): NotesQuery | Response {
  const perPage = intParam(url, "per_page") ?? MAX_PER_PAGE;
  const page = intParam(url, "page") ?? 1;
  if (Number.isNaN(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "per_page" });
  if (Number.isNaN(page) || page < 1)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "page" });
  const modifiedAfter = parseModifiedSince(request);
  if (modifiedAfter instanceof Response) return modifiedAfter;
  const by = url.searchParams.get("sort_by");
  const order = url.searchParams.get("sort_order") ?? "desc";
  if (by !== null && by !== "id" && by !== "Created_Time" && by !== "Modified_Time")
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "sort_by" });
  if (order !== "asc" && order !== "desc")
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "sort_order" });
  // Only `sort_order`: Zoho sorts by id. Neither: newest first, as before.
  const sort: NoteSort =
    by === null && !url.searchParams.has("sort_order") ? undefined : { by: by ?? "id", order };
  return { perPage, page, modifiedAfter, sort };
}

function sortNotes(notes: ZohoNote[], sort: NoteSort): ZohoNote[] {
  if (sort === undefined) return notes.reverse();
  const time = (n: ZohoNote): number =>
    sort.by === "Modified_Time" ? n.modified : sort.by === "Created_Time" ? n.created : 0;
  // Ids (19 digits: past a double's precision, so compared as text) break ties, so pages of equal
  // timestamps never overlap or skip.
  const sign = sort.order === "asc" ? 1 : -1;
  return notes.sort((a, b) => sign * (time(a) - time(b) || compareIds(a.id, b.id)));
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** POST /crm/v8/{module}/{id}/Notes and POST /crm/v8/Notes */
export async function createNotes(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = notesAuth(request, ctx, "CREATE");
  if (auth instanceof Response) return auth;
  const body = await readJson(request);
  if (!body.ok || !isObject(body.value) || !Array.isArray(body.value.data))
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "data" });
  const data = body.value.data as unknown[];
  if (data.length === 0 || data.length > 100)
    return zohoError(400, "LIMIT_EXCEEDED", "1 to 100 notes per call", { limit: 100 });
  const { module, id } = ctx.params;
  if (module !== undefined && !ctx.state.modules.has(module))
    return zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid");
  const parent = module === undefined || id === undefined ? undefined : { module, id };
  const items = data.map((item, i) => noteFromItem(ctx.state, item, i, parent, auth.userId));
  const failures = items.filter((i) => i.status === "error").length;
  return json(failures === 0 ? 201 : failures === items.length ? 400 : 207, { data: items });
}

/** PUT /crm/v8/Notes/{id} */
export async function updateNote(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = notesAuth(request, ctx, "UPDATE");
  if (auth instanceof Response) return auth;
  const note = ctx.state.notes.get(ctx.params.id ?? "");
  if (note === undefined)
    return zohoError(400, "INVALID_DATA", "the related id given seems to be invalid", { id: ctx.params.id });
  const body = await readJson(request);
  const item =
    body.ok && isObject(body.value) && Array.isArray(body.value.data) ? body.value.data[0] : undefined;
  if (!isObject(item)) return zohoError(400, "INVALID_DATA", "invalid data", { param: "data" });
  if (item.Note_Content !== undefined) {
    if (typeof item.Note_Content !== "string" || item.Note_Content === "") {
      return json(400, {
        data: [
          itemError("INVALID_DATA", "invalid data", {
            api_name: "Note_Content",
            json_path: "$.data[0].Note_Content",
          }),
        ],
      });
    }
    note.content = item.Note_Content;
  }
  if (typeof item.Note_Title === "string" || item.Note_Title === null) note.title = item.Note_Title;
  note.modified = toSecond(ctx.state.clock.now());
  note.modifiedBy = auth.userId;
  notifyChange(ctx.state, { module: "Notes", operation: "edit", ids: [note.id] });
  return json(200, { data: [noteSuccess(ctx.state, note, "record updated")] });
}

/** DELETE /crm/v8/Notes/{id} */
export async function deleteNote(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = notesAuth(request, ctx, "DELETE");
  if (auth instanceof Response) return auth;
  const id = ctx.params.id ?? "";
  if (!ctx.state.notes.delete(id))
    return json(400, { data: [itemError("INVALID_DATA", "record not deleted", { id })] });
  notifyChange(ctx.state, { module: "Notes", operation: "delete", ids: [id] });
  return json(200, {
    data: [{ code: "SUCCESS", details: { id }, message: "record deleted", status: "success" }],
  });
}
