import type { Fence, RunCounts, RunErrorEntry, RunMode, RunTrigger } from "@kobik/storage";
import { MAX_RUN_ERRORS } from "@kobik/storage";
import type { CrmRecord } from "@kobik/sync-core";
import { redactSecrets } from "@kobik/transport";
import type { EngineContext } from "./context.js";
import type { ItemLeaseLostError } from "./errors.js";
import { asLeaseLoss, type RunStopSignal, stopFor } from "./failures.js";
import type { LeaseKeeper } from "./lease-keeper.js";
import { describeError } from "./logger.js";
import { emit, type ProgressListener } from "./progress.js";
import type { EngineCounts, PlannedCreate, PlannedLink, RunStop, SyncRunResult } from "./types.js";

/** The mutable state of one run: counts, errors, dry-run plans, and the fence of its lease. */
export interface RunState {
  readonly ctx: EngineContext;
  readonly id: string;
  readonly itemId: string;
  readonly mode: RunMode;
  readonly trigger: RunTrigger;
  /**
   * The lease fence for every store write, or `undefined` for dry runs (which write nothing). Throws
   * `ItemLeaseLostError` once the lease is lost.
   */
  readonly fence: () => Fence | undefined;
  /** Throws `ItemLeaseLostError` once the lease is lost: called before every API write. No-op in dry runs. */
  readonly checkLease: () => void;
  readonly counts: EngineCounts;
  readonly errors: RunErrorEntry[];
  readonly plans: PlannedLink[];
  readonly creates: PlannedCreate[];
  /** Jira issues written in this run: passed as `reconcileIssues` so search sees them at once. */
  readonly writtenIssueIds: Set<string>;
  /** Links synced in this run (by issue id), so the Jira pass does not sync them twice. */
  readonly syncedIssueIds: Set<string>;
  /** Links auto-created (or recovered) in this run, by issue id, with the CRM record they came from. */
  readonly freshLinks: Map<string, CrmRecord>;
  /** The host's progress listener (`runCycle`'s `onProgress`), if any. */
  readonly onProgress: ProgressListener | undefined;
}

/** Fresh, zeroed counts. */
export function emptyCounts(): EngineCounts {
  return {
    examined: 0,
    created: 0,
    updated: 0,
    transitioned: 0,
    notes: 0,
    comments: 0,
    attachments: 0,
    conflicts: 0,
    unchanged: 0,
    failed: 0,
    skipped: { total: 0, reasons: {} },
  };
}

/** Counts a skipped record under its reason. */
export function skip(run: RunState, reason: string): void {
  run.counts.skipped.total += 1;
  run.counts.skipped.reasons[reason] = (run.counts.skipped.reasons[reason] ?? 0) + 1;
}

/** Records a record-level failure (redacted) and logs it. */
export function recordError(run: RunState, ref: string | null, error: unknown): void {
  const { code, message } = describeError(error);
  const clean = redactSecrets(message, run.ctx.secrets);
  run.counts.failed += 1;
  if (run.errors.length < MAX_RUN_ERRORS) run.errors.push({ code, message: clean, ref });
  run.ctx.log.warn("sync.record-failed", { runId: run.id, itemId: run.itemId, ref, code, message: clean });
}

/** What `withRun` needs to start a run. */
export interface RunStart {
  readonly itemId: string;
  readonly trigger: RunTrigger;
  readonly mode: RunMode;
  /** The kept item lease; `undefined` for dry runs. */
  readonly lease: LeaseKeeper | undefined;
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * Runs `body` as a recorded run: starts it in the RunStore, measures API calls per service (diff of
 * the clients' counters), turns stop signals into a run outcome, and finishes the run with its counts.
 */
export async function withRun(
  ctx: EngineContext,
  start: RunStart,
  body: (run: RunState) => Promise<void>,
): Promise<SyncRunResult> {
  const startedAt = ctx.clock.now();
  const before = { crm: ctx.zoho.calls.total(), jira: ctx.jira.calls.total() };
  const { lease, ...identity } = start;
  const run: RunState = {
    ctx,
    id: ctx.newId(),
    ...identity,
    fence: () => lease?.fence(),
    checkLease: () => lease?.check(),
    onProgress: start.onProgress,
    counts: emptyCounts(),
    errors: [],
    plans: [],
    creates: [],
    writtenIssueIds: new Set(),
    syncedIssueIds: new Set(),
    freshLinks: new Map(),
  };
  await ctx.store.runs.start({
    id: run.id,
    itemId: run.itemId,
    trigger: run.trigger,
    mode: run.mode,
    now: startedAt,
  });
  ctx.log.info("sync.run-started", {
    runId: run.id,
    itemId: run.itemId,
    trigger: run.trigger,
    mode: run.mode,
  });
  emit(run, { kind: "run-started", itemId: run.itemId, runId: run.id, mode: run.mode });
  let stop: RunStop = { kind: "completed" };
  let crashed = false;
  try {
    await body(run);
  } catch (error) {
    const lost = asLeaseLoss(error);
    const signal = lost === undefined ? stopFor(error, ctx.clock.now()) : undefined;
    crashed = signal === undefined;
    if (signal !== undefined) stop = await noteStop(ctx, run, signal);
    else if (lost !== undefined) stop = noteLeaseLoss(ctx, run, lost);
    else recordError(run, null, error);
  } finally {
    // The body is over: tasks it left in flight (a pool's other workers) must not write any more.
    lease?.end();
  }
  return finishRun(ctx, run, { stop, crashed, startedAt, before });
}

async function noteStop(ctx: EngineContext, run: RunState, signal: RunStopSignal): Promise<RunStop> {
  const stop = signal.stop;
  if (run.errors.length < MAX_RUN_ERRORS)
    run.errors.push({ code: stopCode(stop), message: stop.message, ref: null });
  ctx.log.error("sync.run-stopped", { runId: run.id, itemId: run.itemId, stop });
  if (stop.kind === "reconnect-required" && run.mode === "apply") {
    await ctx.connection.markReconnectRequired(stop.service, stop.code, stop.message);
  }
  return stop;
}

// A lost lease fails the run (another process may own the item now) and is its stop; it is not a record
// failure, and it is kept even when the error list is full, as it explains why the run ended.
function noteLeaseLoss(ctx: EngineContext, run: RunState, lost: ItemLeaseLostError): RunStop {
  const entry = { code: lost.code, message: lost.message, ref: null };
  if (run.errors.length < MAX_RUN_ERRORS) run.errors.push(entry);
  else run.errors[run.errors.length - 1] = entry;
  ctx.log.error("sync.run-stopped", {
    runId: run.id,
    itemId: run.itemId,
    code: lost.code,
    lease: lost.lease,
    reason: lost.reason,
  });
  return { kind: "lease-lost", lease: lost.lease, reason: lost.reason, message: lost.message };
}

function stopCode(stop: RunStopSignal["stop"]): string {
  return stop.kind === "reconnect-required" ? "RECONNECT_REQUIRED" : "RATE_LIMITED";
}

async function finishRun(
  ctx: EngineContext,
  run: RunState,
  end: { stop: RunStop; crashed: boolean; startedAt: Date; before: { crm: number; jira: number } },
): Promise<SyncRunResult> {
  const finishedAt = ctx.clock.now();
  const apiCalls = {
    crm: ctx.zoho.calls.total() - end.before.crm,
    jira: ctx.jira.calls.total() - end.before.jira,
  };
  const outcome =
    end.crashed || (end.stop.kind !== "completed" && run.counts.examined === 0)
      ? "failed"
      : end.stop.kind !== "completed" || run.errors.length > 0
        ? "partial"
        : "succeeded";
  await ctx.store.runs.finish({
    id: run.id,
    outcome,
    counts: storedCounts(run.counts),
    apiCalls,
    errors: run.errors,
    now: finishedAt,
  });
  // Dry runs keep only their run record: no audit, no cursors, no links.
  if (run.mode === "apply")
    await ctx.store.audit.append({
      itemId: run.itemId,
      runId: run.id,
      action: "run.finished",
      link: null,
      reason: `${run.mode} run ${outcome}: ${end.stop.kind}`,
      changes: detailChanges(run.counts, apiCalls),
      now: finishedAt,
    });
  const durationMs = Math.max(0, finishedAt.getTime() - end.startedAt.getTime());
  emit(run, { kind: "run-finished", itemId: run.itemId, runId: run.id, outcome });
  ctx.log.info("sync.run-finished", {
    runId: run.id,
    itemId: run.itemId,
    outcome,
    counts: run.counts,
    apiCalls,
    durationMs,
  });
  return {
    runId: run.id,
    itemId: run.itemId,
    trigger: run.trigger,
    mode: run.mode,
    outcome,
    stop: end.stop,
    counts: run.counts,
    apiCalls,
    durationMs,
    errors: run.errors,
    plans: run.plans,
    creates: run.creates,
  };
}

function storedCounts(counts: EngineCounts): RunCounts {
  return {
    examined: counts.examined,
    created: counts.created,
    updated: counts.updated + counts.transitioned + counts.notes + counts.comments + counts.attachments,
    unchanged: counts.unchanged,
    conflicts: counts.conflicts,
    skipped: counts.skipped.total,
    failed: counts.failed,
  };
}

// The RunStore keeps the seven common counts; the full breakdown (transitions, notes, comments,
// attachments, skip reasons, API calls) goes into the run's closing audit event.
function detailChanges(counts: EngineCounts, apiCalls: { crm: number; jira: number }) {
  const flat: [string, number][] = [
    ["created", counts.created],
    ["updated", counts.updated],
    ["transitioned", counts.transitioned],
    ["notes", counts.notes],
    ["comments", counts.comments],
    ["attachments", counts.attachments],
    ["conflicts", counts.conflicts],
    ["skipped", counts.skipped.total],
    ...Object.entries(counts.skipped.reasons).map(([reason, n]): [string, number] => [
      `skipped.${reason}`,
      n,
    ]),
    ["apiCalls.crm", apiCalls.crm],
    ["apiCalls.jira", apiCalls.jira],
  ];
  return flat.map(([field, to]) => ({ field, from: null, to }));
}
