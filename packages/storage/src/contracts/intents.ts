import type { InvalidStateError, NotFoundError } from "../errors.js";
import type { BatchEntryResult } from "./batch.js";
import type { Page, PageRequest } from "./paging.js";

/** Where the record is being created: `"jira"` for a new issue, `"crm"` for a new CRM record. */
export type CreateTarget = "crm" | "jira";

/** The life of an intent: pending until the create is confirmed, or abandoned with a reason. */
export type CreateIntentState =
  | { readonly status: "pending" }
  | { readonly status: "completed"; readonly createdId: string; readonly completedAt: string }
  | { readonly status: "abandoned"; readonly reason: string; readonly abandonedAt: string };

/**
 * A create that was about to happen. Written before the create call so that after a crash the
 * engine finds the pending intent, searches the target for the marker, and links instead of
 * creating a duplicate.
 */
export interface CreateIntent {
  /** Idempotency key, e.g. `"item-1:jira-for-crm:5725767000000412001"`; also the marker written on the target. */
  readonly key: string;
  readonly itemId: string;
  readonly target: CreateTarget;
  /** Id of the record on the other side that the new record mirrors. */
  readonly sourceId: string;
  readonly createdAt: string;
  readonly state: CreateIntentState;
}

/** Input of {@link CreateIntentStore.record}. */
export interface RecordIntentInput {
  readonly key: string;
  readonly itemId: string;
  readonly target: CreateTarget;
  readonly sourceId: string;
  readonly now: Date;
}

/** Input of {@link CreateIntentStore.complete}. */
export interface CompleteIntentInput {
  readonly key: string;
  readonly createdId: string;
  readonly now: Date;
}

/** Input of {@link CreateIntentStore.abandon}. */
export interface AbandonIntentInput {
  readonly key: string;
  readonly reason: string;
  readonly now: Date;
}

/** Outcome of {@link CreateIntentStore.record}: the caller owns the create only on `"recorded"`. */
export type RecordIntentResult =
  | { readonly outcome: "recorded"; readonly intent: CreateIntent }
  | { readonly outcome: "exists"; readonly intent: CreateIntent };

/** The outcome of one entry of {@link CreateIntentStore.completeMany}. */
export type CompleteIntentResult = BatchEntryResult<CreateIntent, NotFoundError | InvalidStateError>;

/** Pending creates, keyed by idempotency key. */
export interface CreateIntentStore {
  /**
   * Records a pending intent. When the key is already known (in any state) nothing changes and the
   * existing intent comes back as `"exists"`: of concurrent recorders exactly one gets `"recorded"`.
   */
  record(input: RecordIntentInput): Promise<RecordIntentResult>;
  /**
   * `record` for many intents in one atomic step: one result per input, in order, each seeing the
   * inputs before it (a key repeated within the batch is `"exists"` the second time). All recorded
   * intents become durable together, so a caller that got the results may create every `"recorded"`
   * one. Invalid input (`InvalidInputError` naming `inputs[i]...`) refuses the whole batch.
   */
  recordMany(inputs: readonly RecordIntentInput[]): Promise<RecordIntentResult[]>;
  /**
   * Marks a pending intent completed with the created record's id. Repeating the same completion is
   * a no-op; `NotFoundError` for an unknown key, `InvalidStateError` for an abandoned intent or a
   * different `createdId`.
   */
  complete(input: CompleteIntentInput): Promise<CreateIntent>;
  /**
   * `complete` for many intents in one atomic step, one result per input in order. An unknown key or
   * an intent in the wrong state refuses that entry alone (`{ ok: false, error }` with `NOT_FOUND` or
   * `INVALID_STATE`); the others are completed, durably together. Invalid input refuses the batch.
   */
  completeMany(inputs: readonly CompleteIntentInput[]): Promise<CompleteIntentResult[]>;
  /** Marks a pending intent abandoned. `InvalidStateError` unless it is pending or already abandoned. */
  abandon(input: AbandonIntentInput): Promise<CreateIntent>;
  /** The intent, or `null`. */
  get(key: string): Promise<CreateIntent | null>;
  /**
   * `get` for many keys in one read: the result is aligned with `keys` (entry `i` is the intent of
   * `keys[i]`, or `null`; a repeated key repeats its intent). At most `MAX_BATCH_SIZE` keys; a bad
   * one is an `InvalidInputError` naming `keys[i]`.
   *
   * @example
   * const [a, b] = await store.intents.getMany(["item-1:jira-for-crm:1", "item-1:jira-for-crm:2"]);
   * if (a === null) console.log("never recorded");
   */
  getMany(keys: readonly string[]): Promise<(CreateIntent | null)[]>;
  /** Pending intents of an item, oldest first (by `createdAt`, then key). */
  listPending(itemId: string, page: PageRequest): Promise<Page<CreateIntent>>;
}
