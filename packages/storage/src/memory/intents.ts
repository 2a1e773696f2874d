import type {
  CompleteIntentInput,
  CompleteIntentResult,
  CreateIntent,
  CreateIntentStore,
  RecordIntentResult,
} from "../contracts/intents.js";
import { readKeyBatch } from "../kit/batch.js";
import {
  abandonIntent,
  buildPendingIntent,
  buildPendingIntents,
  completeIntent,
  type IntentTransition,
  readCompleteIntents,
  settleIntentCompletion,
} from "../kit/intents.js";
import { requireKey } from "../validate.js";
import { pageSorted } from "./paging.js";

/** The memory intent store, plus the synchronous completion `links.saveMany` runs in its own step. */
export interface MemoryIntentStore extends CreateIntentStore {
  /** One validated completion, written when it changes the intent; the stored intent is not copied. */
  settleCompletion(input: CompleteIntentInput): CompleteIntentResult;
}

/**
 * Create intents in a `Map` keyed by idempotency key; state changes (and whole batches) are
 * check-and-set without `await`.
 */
export function createMemoryIntentStore(): MemoryIntentStore {
  const intents = new Map<string, CreateIntent>();
  const apply = ({ intent, changed }: IntentTransition) => {
    if (changed) intents.set(intent.key, intent);
    return structuredClone(intent);
  };
  const insert = (intent: CreateIntent): RecordIntentResult => {
    const found = intents.get(intent.key);
    if (found) return { outcome: "exists", intent: structuredClone(found) };
    intents.set(intent.key, intent);
    return { outcome: "recorded", intent: structuredClone(intent) };
  };
  const settleCompletion = (input: CompleteIntentInput): CompleteIntentResult => {
    const { result, write } = settleIntentCompletion(intents.get(input.key) ?? null, input);
    if (write) intents.set(write.key, write);
    return result;
  };
  return {
    settleCompletion,
    async record(input) {
      return insert(buildPendingIntent(input));
    },
    async recordMany(inputs) {
      return buildPendingIntents(inputs).map(insert);
    },
    async completeMany(inputs) {
      return readCompleteIntents(inputs).map((input) => {
        const result = settleCompletion(input);
        return result.ok ? { ok: true, value: structuredClone(result.value) } : result;
      });
    },
    async complete(input) {
      return apply(completeIntent(intents.get(requireKey(input.key, "key")) ?? null, input));
    },
    async abandon(input) {
      return apply(abandonIntent(intents.get(requireKey(input.key, "key")) ?? null, input));
    },
    async get(key) {
      const intent = intents.get(requireKey(key, "key"));
      return intent ? structuredClone(intent) : null;
    },
    async getMany(keys) {
      return readKeyBatch(keys, "keys").map((key) => {
        const intent = intents.get(key);
        return intent ? structuredClone(intent) : null;
      });
    },
    async listPending(itemId, request) {
      const id = requireKey(itemId, "itemId");
      const pending = [...intents.values()].filter((i) => i.itemId === id && i.state.status === "pending");
      const page = pageSorted(pending, (i) => [i.createdAt, i.key], request, "asc");
      return { items: page.items.map((i) => structuredClone(i)), nextPageToken: page.nextPageToken };
    },
  };
}
