import type {
  ApiCallCounts,
  FinishedSyncRun,
  FinishRunInput,
  RunCounts,
  RunErrorEntry,
  RunMode,
  RunningSyncRun,
  RunOutcome,
  RunTrigger,
  StartRunInput,
  SyncRun,
} from "../contracts/runs.js";
import { InvalidInputError, InvalidStateError, NotFoundError } from "../errors.js";
import { MAX_RUN_ERRORS } from "../limits.js";
import { requireDate, requireInteger, requireKey, requireOneOf, requireString } from "../validate.js";

/** Every {@link RunTrigger}, in the order errors list them. */
export const RUN_TRIGGERS: readonly RunTrigger[] = ["schedule", "push", "manual"];
/** Every {@link RunMode}. */
export const RUN_MODES: readonly RunMode[] = ["apply", "dry-run"];
/** Every {@link RunOutcome} a run can finish with. */
export const RUN_OUTCOMES: readonly RunOutcome[] = ["succeeded", "partial", "failed"];

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

/**
 * Validates `RunStore.start` input and builds the run to store. Throws `InvalidInputError` naming the
 * field at fault; the caller only checks the id is new (`DuplicateError`) and persists.
 *
 * @example
 * const run = buildRunningRun(input);
 * if (runs.has(run.id)) throw new DuplicateError(`run ${run.id}`, "a run with this id exists");
 * runs.set(run.id, run);
 */
export function buildRunningRun(input: StartRunInput): RunningSyncRun {
  return {
    id: requireKey(input.id, "id"),
    itemId: requireKey(input.itemId, "itemId"),
    trigger: requireOneOf(input.trigger, "trigger", RUN_TRIGGERS),
    mode: requireOneOf(input.mode, "mode", RUN_MODES),
    startedAt: new Date(requireDate(input.now, "now")).toISOString(),
    status: "running",
  };
}

/**
 * The finished form of a stored run for `RunStore.finish`: `NotFoundError` when `stored` is missing,
 * `InvalidStateError` when it already finished, `InvalidInputError` for bad counts, errors or a
 * `now` before `startedAt`. Call it inside the transaction that writes the result.
 *
 * @example
 * const id = requireKey(input.id, "id");
 * const done = finishRun(runs.get(id) ?? null, input);
 * runs.set(id, done);
 */
export function finishRun(stored: SyncRun | null, input: FinishRunInput): FinishedSyncRun {
  const id = requireKey(input.id, "id");
  if (!stored) throw new NotFoundError(`run ${id}`);
  if (stored.status !== "running")
    throw new InvalidStateError(`run ${id}`, stored.status, "already finished");
  const finishedMs = requireDate(input.now, "now");
  const durationMs = finishedMs - Date.parse(stored.startedAt);
  if (durationMs < 0) throw new InvalidInputError("now", "must not be before the run's startedAt");
  return {
    ...stored,
    status: requireOneOf(input.outcome, "outcome", RUN_OUTCOMES),
    finishedAt: new Date(finishedMs).toISOString(),
    durationMs,
    counts: readCounts(input.counts),
    apiCalls: readApiCalls(input.apiCalls),
    errors: readErrors(input.errors),
  };
}
