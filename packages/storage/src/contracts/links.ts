import type { Link } from "@kobik/sync-core";
import type { DuplicateError, VersionConflictError } from "../errors.js";
import type { BatchEntryResult } from "./batch.js";
import type { FencedWrite } from "./fence.js";
import type { Page, PageRequest } from "./paging.js";

/** Options of {@link LinkStore.save}. */
export interface SaveLinkOptions extends FencedWrite {
  /**
   * The version the caller read (`link.version` of a loaded link), or 0 for a link that must not
   * exist yet. The save succeeds only if the stored version still equals it.
   */
  readonly expectedVersion: number;
}

/** Options of {@link LinkStore.delete}. */
export interface DeleteLinkOptions extends FencedWrite {
  /** When given, the delete succeeds only if the stored version equals it. */
  readonly expectedVersion?: number;
}

/** One entry of {@link LinkStore.saveMany}: a link and the version its writer read (0: must not exist). */
export interface LinkSaveEntry {
  readonly link: Link;
  readonly expectedVersion: number;
}

/** The outcome of one {@link LinkSaveEntry}: the link as stored, or why this entry alone was refused. */
export type LinkSaveResult = BatchEntryResult<Link, VersionConflictError | DuplicateError>;

/**
 * Links between a Jira issue and a CRM record, under one item. Within an item a Jira issue and a
 * CRM record each belong to at most one link. A link is identified by `(itemId, jira.issueId)`.
 */
export interface LinkStore {
  /** The link of a Jira issue (by issue id, not key: keys change when issues move), or `null`. */
  getByJiraIssue(itemId: string, issueId: string): Promise<Link | null>;
  /** The link of a CRM record, or `null`. */
  getByCrmRecord(itemId: string, recordId: string): Promise<Link | null>;
  /** An item's links ordered by `jira.issueId` (code-unit order). Walk them all with `paginate`. */
  listByItem(itemId: string, page: PageRequest): Promise<Page<Link>>;
  /**
   * Creates or replaces a link with an optimistic check, and returns it as stored: `version` is
   * `expectedVersion + 1`, every other field as given. Throws `VersionConflictError` when another
   * writer saved (or deleted) first, `DuplicateError` when the CRM record is linked to another
   * issue of the same item, `LeaseLostError` when the `fence` is stale.
   */
  save(link: Link, options: SaveLinkOptions): Promise<Link>;
  /**
   * Saves many links in one atomic step, with one result per entry, in entry order. Each entry is
   * the check-and-set of `save`, applied in order and seeing the entries before it (a link saved at
   * entry 0 has version 1 for entry 1). A version conflict or duplicate refuses that entry alone, as
   * an `{ ok: false, error }` result; the other entries are still written. The saved entries become
   * visible and durable together (a crash mid-batch keeps none of them). The whole batch throws,
   * writing nothing, on invalid input (`InvalidInputError` naming `entries[i]...`, or more than
   * `MAX_BATCH_SIZE` entries) and on a stale `fence` (`LeaseLostError`, checked in the same step).
   *
   * @example
   * const results = await store.links.saveMany([{ link, expectedVersion: 0 }], { fence });
   * for (const r of results) if (!r.ok) console.log(r.error.code); // VERSION_CONFLICT | DUPLICATE
   */
  saveMany(entries: readonly LinkSaveEntry[], options?: FencedWrite): Promise<LinkSaveResult[]>;
  /** Removes a link. Returns whether it existed; `VersionConflictError` on a version mismatch. */
  delete(itemId: string, issueId: string, options?: DeleteLinkOptions): Promise<boolean>;
}
