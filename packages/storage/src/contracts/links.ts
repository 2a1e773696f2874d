import type { Link } from "@kobik/sync-core";
import type { DuplicateError, InvalidStateError, NotFoundError, VersionConflictError } from "../errors.js";
import type { AppendAuditInput } from "./audit.js";
import type { BatchEntryResult } from "./batch.js";
import type { FencedWrite } from "./fence.js";
import type { CompleteIntentInput } from "./intents.js";
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

/**
 * One entry of {@link LinkStore.saveMany}: a link and the version its writer read (0: must not
 * exist), optionally with the create intent the link settles and the audit event that records it,
 * written in the same atomic step as the link.
 */
export interface LinkSaveEntry {
  readonly link: Link;
  readonly expectedVersion: number;
  /**
   * A create intent to complete first (`CreateIntentStore.complete` rules: a repeat with the same
   * `createdId` is a no-op). When the completion is refused (`NOT_FOUND`, `INVALID_STATE`) the link
   * is not saved and the entry's result carries that error. A completion stays written when the link
   * itself is then refused (`VERSION_CONFLICT`, `DUPLICATE`): the record was created either way.
   */
  readonly completes?: CompleteIntentInput;
  /** An audit event appended (in entry order) if and only if this entry's link is saved. */
  readonly audit?: AppendAuditInput;
}

/** Why one {@link LinkSaveEntry} alone was refused: the link's check-and-set, or its intent's completion. */
export type LinkSaveError = VersionConflictError | DuplicateError | NotFoundError | InvalidStateError;

/** The outcome of one {@link LinkSaveEntry}: the link as stored, or why this entry alone was refused. */
export type LinkSaveResult = BatchEntryResult<Link, LinkSaveError>;

/**
 * Links between a Jira issue and a CRM record, under one item. Within an item a Jira issue and a
 * CRM record each belong to at most one link. A link is identified by `(itemId, jira.issueId)`.
 */
export interface LinkStore {
  /** The link of a Jira issue (by issue id, not key: keys change when issues move), or `null`. */
  getByJiraIssue(itemId: string, issueId: string): Promise<Link | null>;
  /** The link of a CRM record, or `null`. */
  getByCrmRecord(itemId: string, recordId: string): Promise<Link | null>;
  /**
   * `getByCrmRecord` for many records of one item in one read: the result is aligned with
   * `recordIds` (entry `i` is the link of `recordIds[i]`, or `null`; a repeated id repeats its
   * link). At most `MAX_BATCH_SIZE` ids; a bad one is an `InvalidInputError` naming `recordIds[i]`.
   *
   * @example
   * const links = await store.links.getManyByCrmRecord("deals", ["r1", "r2"]);
   * const unlinked = ["r1", "r2"].filter((_, i) => links[i] === null);
   */
  getManyByCrmRecord(itemId: string, recordIds: readonly string[]): Promise<(Link | null)[]>;
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
   * An entry's `completes` intent is completed just before its link is checked, and its `audit`
   * event appended just after the link is saved, in the same atomic step: a link is never saved
   * for an intent that could not be completed, and a saved link always has its event. Invalid
   * `completes` or `audit` input refuses the whole batch (`entries[i].completes.createdId`...).
   *
   * @example
   * const results = await store.links.saveMany([{ link, expectedVersion: 0 }], { fence });
   * for (const r of results) if (!r.ok) console.log(r.error.code); // VERSION_CONFLICT | DUPLICATE
   *
   * // The create of an issue settled in one step: intent completed, link saved, event appended.
   * const [done] = await store.links.saveMany(
   *   [{ link, expectedVersion: 0, completes: { key, createdId: link.jira.issueId, now }, audit: event }],
   *   { fence },
   * );
   */
  saveMany(entries: readonly LinkSaveEntry[], options?: FencedWrite): Promise<LinkSaveResult[]>;
  /** Removes a link. Returns whether it existed; `VersionConflictError` on a version mismatch. */
  delete(itemId: string, issueId: string, options?: DeleteLinkOptions): Promise<boolean>;
}
