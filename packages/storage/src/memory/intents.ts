import type { CreateIntent, CreateIntentStore } from "../contracts/intents.js";
import { abandonIntent, buildPendingIntent, completeIntent, type IntentTransition } from "../kit/intents.js";
import { requireKey } from "../validate.js";
import { pageSorted } from "./paging.js";

/** Create intents in a `Map` keyed by idempotency key; state changes are check-and-set without `await`. */
export function createMemoryIntentStore(): CreateIntentStore {
  const intents = new Map<string, CreateIntent>();
  const apply = ({ intent, changed }: IntentTransition) => {
    if (changed) intents.set(intent.key, intent);
    return structuredClone(intent);
  };
  return {
    async record(input) {
      const intent = buildPendingIntent(input);
      const found = intents.get(intent.key);
      if (found) return { outcome: "exists", intent: structuredClone(found) };
      intents.set(intent.key, intent);
      return { outcome: "recorded", intent: structuredClone(intent) };
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
    async listPending(itemId, request) {
      const id = requireKey(itemId, "itemId");
      const pending = [...intents.values()].filter((i) => i.itemId === id && i.state.status === "pending");
      const page = pageSorted(pending, (i) => [i.createdAt, i.key], request, "asc");
      return { items: page.items.map((i) => structuredClone(i)), nextPageToken: page.nextPageToken };
    },
  };
}
