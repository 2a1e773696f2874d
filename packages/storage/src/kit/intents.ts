import type {
  AbandonIntentInput,
  CompleteIntentInput,
  CompleteIntentResult,
  CreateIntent,
  CreateIntentState,
  CreateTarget,
  RecordIntentInput,
} from "../contracts/intents.js";
import { InvalidStateError, NotFoundError } from "../errors.js";
import { requireDate, requireKey, requireOneOf, requireString } from "../validate.js";
import { readBatch, settleEntry } from "./batch.js";

/** Every {@link CreateTarget}. */
export const CREATE_TARGETS: readonly CreateTarget[] = ["crm", "jira"];

/**
 * A state change of a create intent: `changed` is `false` when the intent was already in the asked
 * state (a repeated `complete` with the same id, a repeated `abandon`), so the store writes nothing.
 */
export interface IntentTransition {
  readonly intent: CreateIntent;
  readonly changed: boolean;
}

/**
 * Validates `CreateIntentStore.record` input and builds the pending intent. The store inserts it
 * only when the key is new, and otherwise answers `{ outcome: "exists" }` with the stored one.
 */
export function buildPendingIntent(input: RecordIntentInput): CreateIntent {
  return {
    key: requireKey(input.key, "key"),
    itemId: requireKey(input.itemId, "itemId"),
    target: requireOneOf(input.target, "target", CREATE_TARGETS),
    sourceId: requireKey(input.sourceId, "sourceId"),
    createdAt: new Date(requireDate(input.now, "now")).toISOString(),
    state: { status: "pending" },
  };
}

function existing(key: string, stored: CreateIntent | null): CreateIntent {
  if (!stored) throw new NotFoundError(`create intent ${key}`);
  return stored;
}

/**
 * `pending -> completed(createdId)` for `CreateIntentStore.complete`; completing again with the same
 * id is a no-op. `NotFoundError` without a stored intent, `InvalidStateError` when it was abandoned or
 * completed with another id. Call it inside the transaction that writes the result.
 *
 * @example
 * const { intent, changed } = completeIntent(intents.get(input.key) ?? null, input);
 * if (changed) intents.set(intent.key, intent);
 */
export function completeIntent(stored: CreateIntent | null, input: CompleteIntentInput): IntentTransition {
  return complete(stored, readCompleteIntent(input));
}

// The transition on input already validated (batches validate up front, once).
function complete(stored: CreateIntent | null, input: CompleteIntentInput): IntentTransition {
  const intent = existing(input.key, stored);
  const { state } = intent;
  if (state.status === "completed" && state.createdId === input.createdId) return { intent, changed: false };
  if (state.status !== "pending") {
    throw new InvalidStateError(
      `create intent ${input.key}`,
      state.status,
      "only a pending intent completes",
    );
  }
  return { intent: { ...intent, state: completedState(input) }, changed: true };
}

/**
 * `pending -> abandoned(reason)` for `CreateIntentStore.abandon`; abandoning again is a no-op.
 * `NotFoundError` without a stored intent, `InvalidStateError` when it completed (a made create stays).
 */
export function abandonIntent(stored: CreateIntent | null, input: AbandonIntentInput): IntentTransition {
  const key = requireKey(input.key, "key");
  const reason = requireString(input.reason, "reason");
  const abandonedAt = new Date(requireDate(input.now, "now")).toISOString();
  const intent = existing(key, stored);
  if (intent.state.status === "abandoned") return { intent, changed: false };
  if (intent.state.status !== "pending") {
    throw new InvalidStateError(`create intent ${key}`, intent.state.status, "a completed create stays");
  }
  return { intent: { ...intent, state: { status: "abandoned", reason, abandonedAt } }, changed: true };
}

/** Validates `CreateIntentStore.recordMany` input and builds each pending intent (fields `inputs[i]...`). */
export function buildPendingIntents(inputs: readonly RecordIntentInput[]): CreateIntent[] {
  return readBatch(inputs, "inputs", buildPendingIntent);
}

/** Validates one `complete` input (fields `key`, `createdId`, `now`) and returns a copy of it. */
export function readCompleteIntent(input: CompleteIntentInput): CompleteIntentInput {
  const key = requireKey(input.key, "key");
  const createdId = requireKey(input.createdId, "createdId");
  return { key, createdId, now: new Date(requireDate(input.now, "now")) };
}

/** Validates `CreateIntentStore.completeMany` input (fields `inputs[i].key`, `inputs[i].createdId`...). */
export function readCompleteIntents(inputs: readonly CompleteIntentInput[]): CompleteIntentInput[] {
  return readBatch(inputs, "inputs", readCompleteIntent);
}

/**
 * The `completed` state an intent moves to, for stores that write the state without reading the
 * intent first (e.g. an `UPDATE ... WHERE status = 'pending'`). Takes validated input.
 */
export function completedState(input: CompleteIntentInput): CreateIntentState {
  return { status: "completed", createdId: input.createdId, completedAt: input.now.toISOString() };
}

/**
 * {@link completeIntent} for one entry of `completeMany` (or a `saveMany` entry's `completes`), on
 * input validated by {@link readCompleteIntents} / `validateLinkSaves`: an unknown key or a wrong
 * state becomes this entry's `{ ok: false, error }`; `write` is the intent to store, or `null` when
 * nothing changes.
 */
export function settleIntentCompletion(
  stored: CreateIntent | null,
  input: CompleteIntentInput,
): { readonly result: CompleteIntentResult; readonly write: CreateIntent | null } {
  const settled = settleEntry<IntentTransition, NotFoundError | InvalidStateError>(
    () => complete(stored, input),
    ["NOT_FOUND", "INVALID_STATE"],
  );
  if (!settled.ok) return { result: { ok: false, error: settled.error }, write: null };
  const { intent, changed } = settled.value;
  return { result: { ok: true, value: intent }, write: changed ? intent : null };
}
