import type { Link } from "@kobik/sync-core";
import type { BatchEntryResult } from "../contracts/batch.js";
import type { CompleteIntentInput } from "../contracts/intents.js";
import type {
  DeleteLinkOptions,
  LinkSaveEntry,
  LinkSaveResult,
  SaveLinkOptions,
} from "../contracts/links.js";
import {
  DuplicateError,
  InvalidInputError,
  type InvalidStateError,
  type NotFoundError,
  VersionConflictError,
} from "../errors.js";
import { copyJson } from "../json.js";
import { requireInteger, requireKey, requireOneOf } from "../validate.js";
import { type AuditEventDraft, buildAuditEvent } from "./audit.js";
import { readBatch, readNested, settleEntry } from "./batch.js";
import { readCompleteIntent } from "./intents.js";

const ORIGINS: readonly Link["origin"][] = ["manual", "auto"];

/** A validated `LinkStore.save` call: a deep copy of the link and the version the caller read. */
export interface LinkSave {
  readonly link: Link;
  readonly expectedVersion: number;
}

/** What the store holds right now for a save: the link's stored version, and who owns its CRM record. */
export interface LinkSaveState {
  /** Version of the stored link with this item and issue id; 0 when there is none. */
  readonly currentVersion: number;
  /** Issue id of the link that holds this item's CRM record now, or `null`. */
  readonly recordOwner: string | null;
}

function version(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER);
}

/**
 * Validates `LinkStore.save` input: the fields storage relies on (keys, origin, base, times) and
 * `expectedVersion`; everything else is kept as given, as a JSON copy. `InvalidInputError` names the
 * field (`link.jira.issueKey`, `expectedVersion`...).
 */
export function validateLinkSave(link: Link, options: SaveLinkOptions): LinkSave {
  if (typeof link !== "object" || link === null) throw new InvalidInputError("link", "must be an object");
  requireKey(link.itemId, "link.itemId");
  requireKey(link.jira?.issueId, "link.jira.issueId");
  requireKey(link.jira?.issueKey, "link.jira.issueKey");
  requireKey(link.crm?.module, "link.crm.module");
  requireKey(link.crm?.recordId, "link.crm.recordId");
  requireOneOf(link.origin, "link.origin", ORIGINS);
  if (typeof link.base !== "object" || link.base === null) {
    throw new InvalidInputError("link.base", "must be an object");
  }
  requireKey(link.createdAt, "link.createdAt");
  requireKey(link.updatedAt, "link.updatedAt");
  return {
    link: copyJson(link, "link"),
    expectedVersion: version(options?.expectedVersion, "expectedVersion"),
  };
}

/**
 * The check-and-set of a save, once the store read `state` under its write lock: the link to store at
 * `expectedVersion + 1`, or `VersionConflictError` (another writer got there first) or
 * `DuplicateError` (the CRM record belongs to another issue's link in this item).
 *
 * @example
 * const save = validateLinkSave(input, options);
 * const stored = checkLinkSave(save, { currentVersion: current?.version ?? 0, recordOwner });
 */
export function checkLinkSave(save: LinkSave, state: LinkSaveState): Link {
  const { link, expectedVersion } = save;
  const { itemId } = link;
  const { issueId } = link.jira;
  if (state.currentVersion !== expectedVersion)
    throw new VersionConflictError(`link ${itemId}/${issueId}`, expectedVersion, state.currentVersion);
  if (state.recordOwner !== null && state.recordOwner !== issueId) {
    throw new DuplicateError(
      `link ${itemId}/crm:${link.crm.recordId}`,
      `already linked to issue ${state.recordOwner}`,
    );
  }
  return { ...link, version: expectedVersion + 1 };
}

/** A validated `LinkStore.saveMany` entry: the save, plus the intent it completes and the event it appends. */
export interface LinkBatchSave extends LinkSave {
  readonly completes: CompleteIntentInput | null;
  readonly audit: AuditEventDraft | null;
}

/**
 * Validates `LinkStore.saveMany` entries; a bad one refuses the batch, naming `entries[i].link...`,
 * `entries[i].completes.createdId` or `entries[i].audit.action`.
 */
export function validateLinkSaves(entries: readonly LinkSaveEntry[]): LinkBatchSave[] {
  return readBatch(entries, "entries", (entry) => ({
    ...validateLinkSave(entry.link, entry),
    completes:
      entry.completes === undefined ? null : readNested("completes", entry.completes, readCompleteIntent),
    audit: entry.audit === undefined ? null : readNested("audit", entry.audit, buildAuditEvent),
  }));
}

/** The writes a store makes, inside its batch's atomic step, for one entry: see {@link applyLinkSaveEntry}. */
export interface LinkSaveSteps {
  /** Completes the entry's intent (check-and-set, written), or says why it was refused. */
  readonly complete: (
    input: CompleteIntentInput,
  ) => BatchEntryResult<unknown, NotFoundError | InvalidStateError>;
  /** The link's check-and-set ({@link settleLinkSave}), written when `ok`. */
  readonly save: (save: LinkSave) => LinkSaveResult;
  /** Appends the entry's event; called only after its link was saved. */
  readonly audit: (draft: AuditEventDraft) => void;
}

/**
 * One `saveMany` entry in the order the contract fixes: intent completion first (a refusal is the
 * entry's result and nothing else is written), then the link's check-and-set, then, only when the
 * link was saved, its audit event. Call it inside the batch's transaction.
 *
 * @example
 * const results = saves.map((save) => applyLinkSaveEntry(save, { complete, save: apply, audit: (d) => drafts.push(d) }));
 */
export function applyLinkSaveEntry(entry: LinkBatchSave, steps: LinkSaveSteps): LinkSaveResult {
  if (entry.completes !== null) {
    const completed = steps.complete(entry.completes);
    if (!completed.ok) return completed;
  }
  const saved = steps.save(entry);
  if (saved.ok && entry.audit !== null) steps.audit(entry.audit);
  return saved;
}

/**
 * {@link checkLinkSave} for one entry of a batch: a version conflict or a duplicate becomes this
 * entry's `{ ok: false, error }` instead of a throw, so the store writes the other entries.
 *
 * @example
 * const result = settleLinkSave(save, { currentVersion, recordOwner });
 * if (result.ok) upsert(result.value);
 */
export function settleLinkSave(save: LinkSave, state: LinkSaveState): LinkSaveResult {
  return settleEntry(() => checkLinkSave(save, state), ["VERSION_CONFLICT", "DUPLICATE"]);
}

/** A validated `LinkStore.delete` call; `expectedVersion` is `undefined` when the caller gave none. */
export interface LinkDelete {
  readonly itemId: string;
  readonly issueId: string;
  readonly expectedVersion: number | undefined;
}

/** Validates `LinkStore.delete` arguments. */
export function validateLinkDelete(
  itemId: string,
  issueId: string,
  options: DeleteLinkOptions = {},
): LinkDelete {
  return {
    itemId: requireKey(itemId, "itemId"),
    issueId: requireKey(issueId, "issueId"),
    expectedVersion:
      options.expectedVersion === undefined ? undefined : version(options.expectedVersion, "expectedVersion"),
  };
}

/** `VersionConflictError` when the delete named a version other than the stored one (0: none stored). */
export function checkLinkDelete(del: LinkDelete, currentVersion: number): void {
  if (del.expectedVersion !== undefined && del.expectedVersion !== currentVersion)
    throw new VersionConflictError(`link ${del.itemId}/${del.issueId}`, del.expectedVersion, currentVersion);
}
