import type {
  ApiCallCounts,
  FinishedSyncRun,
  FinishRunInput,
  RunCounts,
  RunErrorEntry,
  RunMode,
  RunningSyncRun,
  RunOutcome,
  RunStore,
  RunTrigger,
  StartRunInput,
  SyncRun,
} from "../contracts/runs.js";
import { DuplicateError, InvalidInputError, InvalidStateError, NotFoundError } from "../errors.js";
import { MAX_RUN_ERRORS } from "../limits.js";
import { requireDate, requireInteger, requireKey, requireOneOf, requireString } from "../validate.js";
import { pageSorted } from "./paging.js";

const TRIGGERS: readonly RunTrigger[] = ["schedule", "push", "manual"];
const MODES: readonly RunMode[] = ["apply", "dry-run"];
const OUTCOMES: readonly RunOutcome[] = ["succeeded", "partial", "failed"];
const COUNT_FIELDS = [
  "examined",
  "created",
  "updated",
  "unchanged",
  "conflicts",
  "skipped",
  "failed",
] as const;

function count(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER);
}

function readCounts(counts: RunCounts): RunCounts {
  if (typeof counts !== "object" || counts === null)
    throw new InvalidInputError("counts", "must be an object");
  const entries = COUNT_FIELDS.map((f) => [f, count(counts[f], `counts.${f}`)] as const);
  return Object.fromEntries(entries) as unknown as RunCounts;
}

function readApiCalls(calls: ApiCallCounts): ApiCallCounts {
  if (typeof calls !== "object" || calls === null)
    throw new InvalidInputError("apiCalls", "must be an object");
  return { crm: count(calls.crm, "apiCalls.crm"), jira: count(calls.jira, "apiCalls.jira") };
}

function readErrors(errors: readonly RunErrorEntry[]): RunErrorEntry[] {
  if (!Array.isArray(errors)) throw new InvalidInputError("errors", "must be an array");
  if (errors.length > MAX_RUN_ERRORS) {
    throw new InvalidInputError("errors", `must hold at most ${MAX_RUN_ERRORS} entries`);
  }
  return errors.map((e, i) => ({
    code: requireKey(e?.code, `errors[${i}].code`),
    message: requireString(e?.message, `errors[${i}].message`),
    ref: e?.ref === null ? null : requireKey(e?.ref, `errors[${i}].ref`),
  }));
}

function finished(run: RunningSyncRun, input: FinishRunInput): FinishedSyncRun {
  const finishedMs = requireDate(input.now, "now");
  const durationMs = finishedMs - Date.parse(run.startedAt);
  if (durationMs < 0) throw new InvalidInputError("now", "must not be before the run's startedAt");
  return {
    ...run,
    status: requireOneOf(input.outcome, "outcome", OUTCOMES),
    finishedAt: new Date(finishedMs).toISOString(),
    durationMs,
    counts: readCounts(input.counts),
    apiCalls: readApiCalls(input.apiCalls),
    errors: readErrors(input.errors),
  };
}

/** Runs in a `Map` keyed by id. */
export function createMemoryRunStore(): RunStore {
  const runs = new Map<string, SyncRun>();
  return {
    async start(input: StartRunInput) {
      const run: RunningSyncRun = {
        id: requireKey(input.id, "id"),
        itemId: requireKey(input.itemId, "itemId"),
        trigger: requireOneOf(input.trigger, "trigger", TRIGGERS),
        mode: requireOneOf(input.mode, "mode", MODES),
        startedAt: new Date(requireDate(input.now, "now")).toISOString(),
        status: "running",
      };
      if (runs.has(run.id)) throw new DuplicateError(`run ${run.id}`, "a run with this id exists");
      runs.set(run.id, run);
      return structuredClone(run);
    },
    async finish(input: FinishRunInput) {
      const id = requireKey(input.id, "id");
      const run = runs.get(id);
      if (!run) throw new NotFoundError(`run ${id}`);
      if (run.status !== "running") throw new InvalidStateError(`run ${id}`, run.status, "already finished");
      const done = finished(run, input);
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
