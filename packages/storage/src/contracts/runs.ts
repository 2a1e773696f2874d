import type { Page, PageRequest } from "./paging.js";

/** What started a run. */
export type RunTrigger = "schedule" | "push" | "manual";

/** `"dry-run"` plans and records but writes nothing to either side. */
export type RunMode = "apply" | "dry-run";

/** How a finished run ended: `"partial"` when some records failed and were held back. */
export type RunOutcome = "succeeded" | "partial" | "failed";

/** Records handled in a run, by what happened to them. Non-negative integers. */
export interface RunCounts {
  readonly examined: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly conflicts: number;
  readonly skipped: number;
  readonly failed: number;
}

/** API calls spent, per service. Non-negative integers. */
export interface ApiCallCounts {
  readonly crm: number;
  readonly jira: number;
}

/** One error of a run. `ref` names the record or issue it concerns, or is `null` for the run as a whole. */
export interface RunErrorEntry {
  readonly code: string;
  readonly message: string;
  readonly ref: string | null;
}

/** Fields every run has. */
export interface SyncRunBase {
  readonly id: string;
  readonly itemId: string;
  readonly trigger: RunTrigger;
  readonly mode: RunMode;
  readonly startedAt: string;
}

/** A run still going (or one whose process died: it never finishes). */
export interface RunningSyncRun extends SyncRunBase {
  readonly status: "running";
}

/** A finished run with its figures. `durationMs` is `finishedAt - startedAt`. */
export interface FinishedSyncRun extends SyncRunBase {
  readonly status: RunOutcome;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly counts: RunCounts;
  readonly apiCalls: ApiCallCounts;
  readonly errors: RunErrorEntry[];
}

/** A sync run, tagged by `status`. */
export type SyncRun = RunningSyncRun | FinishedSyncRun;

/** Input of {@link RunStore.start}. The caller picks the id (e.g. `crypto.randomUUID()`). */
export interface StartRunInput {
  readonly id: string;
  readonly itemId: string;
  readonly trigger: RunTrigger;
  readonly mode: RunMode;
  readonly now: Date;
}

/** Input of {@link RunStore.finish}. At most 1000 errors: summarise beyond that. */
export interface FinishRunInput {
  readonly id: string;
  readonly outcome: RunOutcome;
  readonly counts: RunCounts;
  readonly apiCalls: ApiCallCounts;
  readonly errors: readonly RunErrorEntry[];
  readonly now: Date;
}

/** History of sync runs, for the admin page and `kobik runs`. */
export interface RunStore {
  /** Records a running run. `DuplicateError` when the id is taken. */
  start(input: StartRunInput): Promise<RunningSyncRun>;
  /** Finishes a running run. `NotFoundError` for an unknown id, `InvalidStateError` when already finished. */
  finish(input: FinishRunInput): Promise<FinishedSyncRun>;
  /** The run, or `null`. */
  get(id: string): Promise<SyncRun | null>;
  /** An item's runs, newest first (by `startedAt`, then id descending). */
  listRecent(itemId: string, page: PageRequest): Promise<Page<SyncRun>>;
}
