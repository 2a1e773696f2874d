import {
  type ApiCallCounts,
  DuplicateError,
  type FinishedSyncRun,
  type FinishRunInput,
  InvalidInputError,
  InvalidStateError,
  MAX_RUN_ERRORS,
  NotFoundError,
  type RunCounts,
  type RunErrorEntry,
  type RunMode,
  type RunningSyncRun,
  type RunOutcome,
  type RunStore,
  type RunTrigger,
  type SyncRun,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";
import { keyset, toPage } from "./paging.js";
import { requireDate, requireInteger, requireKey, requireOneOf, requireString } from "./validate.js";

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

interface RunRow {
  id: string;
  started_at: string;
  body: string;
}

function count(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER);
}

function readCounts(counts: RunCounts): RunCounts {
  if (typeof counts !== "object" || counts === null)
    throw new InvalidInputError("counts", "must be an object");
  return Object.fromEntries(
    COUNT_FIELDS.map((f) => [f, count(counts[f], `counts.${f}`)]),
  ) as unknown as RunCounts;
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

/** Runs as JSON rows, indexed by `(item_id, started_at, id)` for newest-first history. */
export function createSqliteRunStore(db: Db): RunStore {
  const get = db.sqlite.prepare("SELECT body FROM runs WHERE id = ?");
  const insert = db.sqlite.prepare(
    "INSERT INTO runs (id, item_id, started_at, status, body) VALUES (?, ?, ?, 'running', ?) ON CONFLICT (id) DO NOTHING",
  );
  const finish = db.sqlite.prepare(
    "UPDATE runs SET status = ?, body = ? WHERE id = ? AND status = 'running'",
  );
  const recent = db.sqlite.prepare(
    `SELECT id, started_at, body FROM runs WHERE item_id = :item
       AND (:afterAt IS NULL OR (started_at, id) < (:afterAt, :afterId))
     ORDER BY started_at DESC, id DESC LIMIT :limit`,
  );
  const read = (id: string) => {
    const row = get.get(id) as Pick<RunRow, "body"> | undefined;
    return row ? fromJson<SyncRun>(row.body) : null;
  };
  return {
    async start(input) {
      const run: RunningSyncRun = {
        id: requireKey(input.id, "id"),
        itemId: requireKey(input.itemId, "itemId"),
        trigger: requireOneOf(input.trigger, "trigger", TRIGGERS),
        mode: requireOneOf(input.mode, "mode", MODES),
        startedAt: new Date(requireDate(input.now, "now")).toISOString(),
        status: "running",
      };
      const inserted = insert.run(run.id, run.itemId, run.startedAt, JSON.stringify(run));
      if (Number(inserted.changes) === 0)
        throw new DuplicateError(`run ${run.id}`, "a run with this id exists");
      return run;
    },
    async finish(input) {
      const id = requireKey(input.id, "id");
      return db.write(() => {
        const run = read(id);
        if (!run) throw new NotFoundError(`run ${id}`);
        if (run.status !== "running")
          throw new InvalidStateError(`run ${id}`, run.status, "already finished");
        const done = finished(run, input);
        finish.run(done.status, JSON.stringify(done), id);
        return done;
      });
    },
    async get(id) {
      return read(requireKey(id, "id"));
    },
    async listRecent(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = keyset(request, 2);
      const rows = recent.all({
        item,
        afterAt: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
        limit: limit + 1,
      }) as unknown as RunRow[];
      return toPage(
        rows,
        limit,
        (r) => [r.started_at, r.id],
        (r) => fromJson<SyncRun>(r.body),
      );
    },
  };
}
