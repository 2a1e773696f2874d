import type { components } from "./generated/zoho-crm.js";

type Schemas = components["schemas"];

/**
 * A CRM record: `id` (a 64-bit id, always a string) plus the fields asked for, by API name.
 * Lookups arrive as `{ id, name }` objects, multi-selects as arrays; values are left as Zoho sent them.
 */
export interface ZohoRecord {
  id: string;
  [field: string]: unknown;
}

/** Fields to write; `id` is required for updates. */
export type ZohoRecordInput = Record<string, unknown>;

/** A note; `Parent_Id` is v8's `{ module: { api_name }, id }` object. */
export type ZohoNote = Schemas["Note"];
/** An attachment's metadata (the file itself comes from `attachments.download`). */
export type ZohoAttachment = Schemas["Attachment"];
/** A CRM user. Zoho's casing is mixed: `created_time` but `Modified_Time`. */
export type ZohoUser = Schemas["User"];
/** The org (`/org`), including `license_details` from which the edition can be told. */
export type ZohoOrg = Schemas["Org"];
/** A module from `/settings/modules`. */
export type ZohoModule = Schemas["Module"];
/** A field from `/settings/fields`. */
export type ZohoField = Schemas["Field"];
/** A layout from `/settings/layouts`. */
export type ZohoLayout = Schemas["Layout"];
/** An entry of `/{module}/deleted`. */
export type ZohoDeletedRecord = Schemas["DeletedRecord"];
/** A watch channel as `/actions/watch` lists it. */
export type ZohoWatchChannel = Schemas["WatchChannel"];

/** Paging facts of one response, from Zoho's `info` object. */
export interface ZohoPageInfo {
  page: number | undefined;
  perPage: number | undefined;
  count: number;
  moreRecords: boolean;
  /** Pass as `pageToken` for the next page; required past the first 2,000 rows. */
  nextPageToken: string | undefined;
  /** When `nextPageToken` stops working. */
  pageTokenExpiry: string | undefined;
  /** True when Zoho answered 304 to `If-Modified-Since`: nothing changed. */
  notModified: boolean;
}

/** One page of a list. An empty list (Zoho's 204) and "not modified" (304) are empty pages. */
export interface ZohoPage<T> {
  items: T[];
  info: ZohoPageInfo;
}

/** Workflow kinds a write may trigger; `[]` (the client default) triggers none. */
export type ZohoTrigger = "workflow" | "approval" | "blueprint" | "pathfinder" | "orchestration";

/** Zoho accepted one item of a write. */
export interface WriteSuccess {
  status: "success";
  /** Position in the input. */
  index: number;
  id: string;
  code: string;
  message: string;
  /** For upserts: whether the record was inserted or updated, and on which field it matched. */
  action: "insert" | "update" | undefined;
  duplicateField: string | undefined;
  details: Record<string, unknown>;
}

/** Zoho rejected one item of a write; the others may still have succeeded. */
export interface WriteFailure {
  status: "error";
  index: number;
  code: string;
  message: string;
  /** The field at fault (`details.api_name`), when Zoho names one. */
  field: string | undefined;
  details: Record<string, unknown>;
}

/** The per-item outcome of a single-item write (note, user, attachment, channel). */
export type WriteOutcome = WriteSuccess | WriteFailure;

/**
 * The per-item outcome of a batch write. Items of a batch whose request failed as a whole are
 * `request_failed` (for inserts the server may still have created them: see the README on creates);
 * items of later batches, not sent after that, are `not_sent`.
 */
export type RecordWriteResult =
  | WriteSuccess
  | WriteFailure
  | { status: "request_failed"; index: number; error: Error }
  | { status: "not_sent"; index: number };

/** Results of an insert, update, upsert or delete, one per input item in input order. */
export interface BulkWriteResult {
  results: RecordWriteResult[];
  succeeded: number;
  failed: number;
}
