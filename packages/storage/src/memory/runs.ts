import type { RunStore, StartRunInput, SyncRun } from "../contracts/runs.js";
import { DuplicateError } from "../errors.js";
import { buildRunningRun, finishRun } from "../kit/runs.js";
import { requireKey } from "../validate.js";
import { pageSorted } from "./paging.js";

/** Runs in a `Map` keyed by id. */
export function createMemoryRunStore(): RunStore {
  const runs = new Map<string, SyncRun>();
  return {
    async start(input: StartRunInput) {
      const run = buildRunningRun(input);
      if (runs.has(run.id)) throw new DuplicateError(`run ${run.id}`, "a run with this id exists");
      runs.set(run.id, run);
      return structuredClone(run);
    },
    async finish(input) {
      const id = requireKey(input.id, "id");
      const done = finishRun(runs.get(id) ?? null, input);
      runs.set(id, done);
      return structuredClone(done);
    },
    async get(id) {
      const run = runs.get(requireKey(id, "id"));
      return run ? structuredClone(run) : null;
    },
    async listRecent(itemId, request) {
      const id = requireKey(itemId, "itemId");
      const mine = [...runs.values()].filter((r) => r.itemId === id);
      const page = pageSorted(mine, (r) => [r.startedAt, r.id], request, "desc");
      return { items: page.items.map((r) => structuredClone(r)), nextPageToken: page.nextPageToken };
    },
  };
}
