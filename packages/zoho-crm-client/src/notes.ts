import { ZohoInputError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { fieldsParam, idParam, modifiedSinceHeader, moduleParam, pagingParams, toPage } from "./paging.js";
import type { WriteOutcome, ZohoNote, ZohoPage } from "./types.js";
import { singleOutcome } from "./write-results.js";

/** Fields asked for when the caller names none (Zoho requires a `fields` list on note lists). */
export const DEFAULT_NOTE_FIELDS: readonly string[] = [
  "Note_Title",
  "Note_Content",
  "Parent_Id",
  "Owner",
  "Created_Time",
  "Modified_Time",
];

/** Paging and field options of note lists. */
export interface ListNotesOptions {
  fields?: readonly string[];
  page?: number;
  perPage?: number;
}

/** A new note on a record. */
export interface CreateNoteInput {
  module: string;
  recordId: string;
  content: string;
  title?: string;
}

/** @internal */
export function notesApi(http: ZohoHttp) {
  /** The notes of one record. */
  async function list(
    module: string,
    recordId: string,
    options: ListNotesOptions = {},
  ): Promise<ZohoPage<ZohoNote>> {
    const path = { module: moduleParam(module), record_id: idParam(recordId, "recordId") };
    const query = {
      fields: fieldsParam(options.fields ?? DEFAULT_NOTE_FIELDS),
      ...pagingParams(options.page, options.perPage),
    };
    const raw = await http.send((init) =>
      http.api.GET("/{module}/{record_id}/Notes", { ...init, params: { path, query } }),
    );
    const data = http.expect(raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  /** Notes of every record modified after `since`, oldest change first. */
  async function listModifiedSince(
    since: Date | string,
    options: ListNotesOptions = {},
  ): Promise<ZohoPage<ZohoNote>> {
    const header = { "If-Modified-Since": modifiedSinceHeader(since, "since")! };
    const query = {
      fields: fieldsParam(options.fields ?? DEFAULT_NOTE_FIELDS),
      sort_by: "Modified_Time" as const,
      sort_order: "asc" as const,
      ...pagingParams(options.page, options.perPage),
    };
    const raw = await http.send((init) => http.api.GET("/Notes", { ...init, params: { query, header } }));
    const data = http.expect(raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  /** Creates a note; v8 links it with `Parent_Id: { module: { api_name }, id }`. */
  async function create(input: CreateNoteInput): Promise<WriteOutcome> {
    const note = {
      Note_Content: text(input?.content, "content"),
      ...(input.title === undefined ? {} : { Note_Title: text(input.title, "title") }),
      Parent_Id: { module: { api_name: moduleParam(input.module) }, id: idParam(input.recordId, "recordId") },
    };
    const raw = await http.send((init) => http.api.POST("/Notes", { ...init, body: { data: [note] } }));
    return singleOutcome(http, raw, "data");
  }

  async function update(
    noteId: string,
    changes: { content?: string; title?: string },
  ): Promise<WriteOutcome> {
    const path = { note_id: idParam(noteId, "noteId") };
    if (changes?.content === undefined && changes?.title === undefined)
      throw new ZohoInputError("changes", "nothing to update");
    const note = {
      ...(changes.content === undefined ? {} : { Note_Content: text(changes.content, "content") }),
      ...(changes.title === undefined ? {} : { Note_Title: text(changes.title, "title") }),
    };
    const raw = await http.send((init) =>
      http.api.PUT("/Notes/{note_id}", { ...init, params: { path }, body: { data: [note] } }),
    );
    return singleOutcome(http, raw, "data");
  }

  async function remove(noteId: string): Promise<WriteOutcome> {
    const path = { note_id: idParam(noteId, "noteId") };
    const raw = await http.send((init) => http.api.DELETE("/Notes/{note_id}", { ...init, params: { path } }));
    return singleOutcome(http, raw, "data");
  }

  return { list, listModifiedSince, create, update, delete: remove };
}

function text(value: unknown, name: string): string {
  if (typeof value !== "string") throw new ZohoInputError(name, "a string");
  return value;
}
