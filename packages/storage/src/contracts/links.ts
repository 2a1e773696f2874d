import type { Link } from "@kobik/sync-core";
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
  /** Removes a link. Returns whether it existed; `VersionConflictError` on a version mismatch. */
  delete(itemId: string, issueId: string, options?: DeleteLinkOptions): Promise<boolean>;
}
