import type {
  AbandonIntentInput,
  CompleteIntentInput,
  CreateIntent,
  CreateIntentStore,
  CreateTarget,
  RecordIntentInput,
} from "../contracts/intents.js";
import { InvalidStateError, NotFoundError } from "../errors.js";
import { requireDate, requireKey, requireOneOf, requireString } from "../validate.js";
import { pageSorted } from "./paging.js";

const TARGETS: readonly CreateTarget[] = ["crm", "jira"];

/** Create intents in a `Map` keyed by idempotency key; state changes are check-and-set without `await`. */
export function createMemoryIntentStore(): CreateIntentStore {
  const intents = new Map<string, CreateIntent>();

  function existing(key: string): CreateIntent {
    const intent = intents.get(key);
    if (!intent) throw new NotFoundError(`create intent ${key}`);
    return intent;
  }

  return {
    async record(input: RecordIntentInput) {
      const intent: CreateIntent = {
        key: requireKey(input.key, "key"),
        itemId: requireKey(input.itemId, "itemId"),
        target: requireOneOf(input.target, "target", TARGETS),
        sourceId: requireKey(input.sourceId, "sourceId"),
        createdAt: new Date(requireDate(input.now, "now")).toISOString(),
        state: { status: "pending" },
      };
      const found = intents.get(intent.key);
      if (found) return { outcome: "exists", intent: structuredClone(found) };
      intents.set(intent.key, intent);
      return { outcome: "recorded", intent: structuredClone(intent) };
    },
    async complete(input: CompleteIntentInput) {
      const key = requireKey(input.key, "key");
      const createdId = requireKey(input.createdId, "createdId");
      const at = new Date(requireDate(input.now, "now")).toISOString();
      const intent = existing(key);
      const { state } = intent;
      if (state.status === "completed" && state.createdId === createdId) return structuredClone(intent);
      if (state.status !== "pending") {
        throw new InvalidStateError(`create intent ${key}`, state.status, "only a pending intent completes");
      }
      const done: CreateIntent = { ...intent, state: { status: "completed", createdId, completedAt: at } };
      intents.set(key, done);
      return structuredClone(done);
    },
    async abandon(input: AbandonIntentInput) {
      const key = requireKey(input.key, "key");
      const reason = requireString(input.reason, "reason");
      const at = new Date(requireDate(input.now, "now")).toISOString();
      const intent = existing(key);
      if (intent.state.status === "abandoned") return structuredClone(intent);
      if (intent.state.status !== "pending") {
        throw new InvalidStateError(`create intent ${key}`, intent.state.status, "a completed create stays");
      }
      const dropped: CreateIntent = { ...intent, state: { status: "abandoned", reason, abandonedAt: at } };
      intents.set(key, dropped);
      return structuredClone(dropped);
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
