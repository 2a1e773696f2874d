import type { ZohoFieldSpec, ZohoModuleSpec } from "./schema.js";

/**
 * A stored record. `values` holds field values in their stored form: lookups and `Owner` as id
 * strings, everything else as the JSON value. Times are epoch ms at second precision.
 */
export interface ZohoRecord {
  id: string;
  created: number;
  modified: number;
  createdBy: string;
  modifiedBy: string;
  /** Bumped on every write; index entries of older versions are skipped. */
  version: number;
  values: Record<string, unknown>;
}

/** A row of the deleted-records list. */
export interface DeletedRecord {
  id: string;
  display_name: string | null;
  createdBy: string;
  deletedBy: string;
  deleted: number;
}

interface IndexEntry {
  id: string;
  modified: number;
  seq: number;
  version: number;
}

/** Resume point of an ordered walk: the sort key of the last row returned. */
export type Cursor = { kind: "modified"; modified: number; seq: number } | { kind: "id"; id: string };

/** One module's records plus the indexes that keep listing cheap at 100k records. */
export interface ModuleStore {
  spec: ZohoModuleSpec;
  fields: Map<string, ZohoFieldSpec>;
  records: Map<string, ZohoRecord>;
  /** Ids in ascending order (ids are minted increasing, so appends keep it sorted). */
  ids: string[];
  /** Entries sorted by (modified, seq); rewritten records leave stale entries behind. */
  byModified: IndexEntry[];
  deleted: DeletedRecord[];
  seq: number;
  stale: number;
}

/** Creates an empty module store. */
export function createModuleStore(spec: ZohoModuleSpec): ModuleStore {
  return {
    spec,
    fields: new Map(spec.fields.map((field) => [field.api_name, field])),
    records: new Map(),
    ids: [],
    byModified: [],
    deleted: [],
    seq: 0,
    stale: 0,
  };
}

function lowerBound<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexRecord(store: ModuleStore, record: ZohoRecord): void {
  const entry: IndexEntry = {
    id: record.id,
    modified: record.modified,
    seq: ++store.seq,
    version: record.version,
  };
  const last = store.byModified.at(-1);
  if (last === undefined || last.modified <= entry.modified) store.byModified.push(entry);
  else {
    // Only when the clock was moved backwards: keep the index sorted.
    const at = lowerBound(store.byModified, (e) => e.modified <= entry.modified);
    store.byModified.splice(at, 0, entry);
  }
  if (store.stale > 1000 && store.stale > store.byModified.length / 2) compact(store);
}

function compact(store: ModuleStore): void {
  store.byModified = store.byModified.filter((e) => store.records.get(e.id)?.version === e.version);
  store.stale = 0;
}

/** Adds a new record (its id must be greater than every existing id). */
export function addRecord(store: ModuleStore, record: ZohoRecord): void {
  store.records.set(record.id, record);
  store.ids.push(record.id);
  indexRecord(store, record);
}

/** Re-indexes a record after its `modified` time changed. */
export function touchRecord(store: ModuleStore, record: ZohoRecord): void {
  record.version += 1;
  store.stale += 1;
  indexRecord(store, record);
}

/** Removes a record and files it in the deleted list. */
export function removeRecord(store: ModuleStore, record: ZohoRecord, deletedBy: string, now: number): void {
  store.records.delete(record.id);
  store.stale += 1;
  const name = record.values[store.spec.primary];
  store.deleted.push({
    id: record.id,
    display_name: typeof name === "string" ? name : null,
    createdBy: record.createdBy,
    deletedBy,
    deleted: now,
  });
}

/** Walks records in `Modified_Time` order after `cursor` (exclusive), skipping stale index entries. */
export function* walkByModified(
  store: ModuleStore,
  order: "asc" | "desc",
  after: Extract<Cursor, { kind: "modified" }> | undefined,
  modifiedAfter: number | undefined,
): Generator<{ record: ZohoRecord; cursor: Cursor }> {
  const index = store.byModified;
  const isBefore = (e: IndexEntry, m: number, s: number) =>
    e.modified < m || (e.modified === m && e.seq <= s);
  if (order === "asc") {
    let i = 0;
    if (after !== undefined) i = lowerBound(index, (e) => isBefore(e, after.modified, after.seq));
    if (modifiedAfter !== undefined)
      i = Math.max(
        i,
        lowerBound(index, (e) => e.modified <= modifiedAfter),
      );
    for (; i < index.length; i++) yield* live(store, index[i]!);
    return;
  }
  let i = index.length - 1;
  if (after !== undefined) i = lowerBound(index, (e) => isBefore(e, after.modified, after.seq - 1)) - 1;
  for (; i >= 0; i--) {
    const e = index[i]!;
    if (modifiedAfter !== undefined && e.modified <= modifiedAfter) return;
    yield* live(store, e);
  }
}

function* live(store: ModuleStore, e: IndexEntry): Generator<{ record: ZohoRecord; cursor: Cursor }> {
  const record = store.records.get(e.id);
  if (record !== undefined && record.version === e.version) {
    yield { record, cursor: { kind: "modified", modified: e.modified, seq: e.seq } };
  }
}

/** Walks records in id order after `cursor` (exclusive). */
export function* walkById(
  store: ModuleStore,
  order: "asc" | "desc",
  after: Extract<Cursor, { kind: "id" }> | undefined,
): Generator<{ record: ZohoRecord; cursor: Cursor }> {
  const ids = store.ids;
  if (order === "asc") {
    const start = after === undefined ? 0 : lowerBound(ids, (id) => id <= after.id);
    for (let i = start; i < ids.length; i++) {
      const record = store.records.get(ids[i]!);
      if (record !== undefined) yield { record, cursor: { kind: "id", id: record.id } };
    }
    return;
  }
  const start = after === undefined ? ids.length - 1 : lowerBound(ids, (id) => id < after.id) - 1;
  for (let i = start; i >= 0; i--) {
    const record = store.records.get(ids[i]!);
    if (record !== undefined) yield { record, cursor: { kind: "id", id: record.id } };
  }
}
