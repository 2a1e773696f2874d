import type { RunState } from "./run.js";

/**
 * What a run reports while it works, in the order it happens. Counts are per event (a page, a batch),
 * so a host adds them up; `run-finished` carries the final outcome. Every event names its item, so one
 * listener can follow `runAll`.
 */
export type SyncProgressEvent =
  | { readonly kind: "run-started"; readonly itemId: string; readonly runId: string; readonly mode: string }
  /** A page of CRM records modified since the cursor was read. */
  | { readonly kind: "crm-page-read"; readonly itemId: string; readonly records: number }
  /** Every record of that page was handled (synced, created, skipped or parked) and the cursor moved. */
  | { readonly kind: "crm-page-done"; readonly itemId: string; readonly records: number }
  /** A page of the Jira feed (issue ids) was read. */
  | { readonly kind: "jira-page-read"; readonly itemId: string; readonly issues: number }
  /** Linked pairs planned in one batch, and the operations their plans hold. */
  | {
      readonly kind: "links-planned";
      readonly itemId: string;
      readonly links: number;
      readonly operations: number;
    }
  /** A batch of planned pairs was executed and committed; `failed` of them were parked. */
  | {
      readonly kind: "operations-executed";
      readonly itemId: string;
      readonly links: number;
      readonly failed: number;
    }
  /** One `POST /issue/bulk` of auto-create came back. */
  | {
      readonly kind: "issues-created";
      readonly itemId: string;
      readonly created: number;
      readonly failed: number;
    }
  | {
      readonly kind: "run-finished";
      readonly itemId: string;
      readonly runId: string;
      readonly outcome: "succeeded" | "partial" | "failed";
    };

/** Receives progress events; it runs inline, so it should be quick, and what it throws is only logged. */
export type ProgressListener = (event: SyncProgressEvent) => void;

/** Hands an event to the run's listener, if any; a throwing listener never breaks the run. */
export function emit(run: Pick<RunState, "ctx" | "onProgress">, event: SyncProgressEvent): void {
  if (run.onProgress === undefined) return;
  try {
    run.onProgress(event);
  } catch (error) {
    run.ctx.log.warn("sync.progress-listener-failed", {
      event: event.kind,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
