import type { LeaseLostReason } from "@kobik/storage";
import type { SyncRunResult } from "@kobik/sync-engine";
import type { ExitCode } from "./errors.js";
import type { Output } from "./output.js";

/** A run's counts in one short phrase, e.g. "created 3, updated 2, 1 conflict". */
export function summarise(result: SyncRunResult): string {
  const c = result.counts;
  const parts = [
    `${result.outcome}`,
    `examined ${c.examined}`,
    c.created && `created ${c.created}`,
    c.updated && `updated ${c.updated}`,
    c.transitioned && `transitioned ${c.transitioned}`,
    c.comments && `comments ${c.comments}`,
    c.notes && `notes ${c.notes}`,
    c.attachments && `attachments ${c.attachments}`,
    c.conflicts && `conflicts ${c.conflicts}`,
    c.failed && `failed ${c.failed}`,
    c.skipped.total && `skipped ${c.skipped.total}`,
    `API calls crm ${result.apiCalls.crm} / jira ${result.apiCalls.jira}`,
    `${result.durationMs} ms`,
  ];
  return parts.filter((p) => typeof p === "string").join(", ");
}

/** Why a run stopped early, as advice; `null` when it completed. */
export function stopAdvice(result: SyncRunResult): string | null {
  const stop = result.stop;
  switch (stop.kind) {
    case "completed":
      return null;
    case "busy":
      return `${result.itemId}: another process${stop.holder ? ` (${stop.holder})` : ""} is syncing this item; this run skipped it.`;
    case "reconnect-required":
      return `${result.itemId}: ${stop.message} Run \`kobik connect ${stop.service === "crm" ? "zoho" : "jira"} ...\`.`;
    case "rate-limited":
      return `${result.itemId}: ${stop.message}`;
    case "lease-lost":
      return `${result.itemId}: ${leaseLostAdvice(stop.reason)}; this run stopped before writing again and the next run resumes from the saved cursors. Run \`kobik status\` to see the item's latest run.`;
  }
}

// What each store reason means to an operator: only `superseded` says another scheduler holds it now.
function leaseLostAdvice(reason: LeaseLostReason): string {
  switch (reason) {
    case "superseded":
      return "another scheduler took over this item";
    case "released":
      return "this item's lease was released while the run held it (another process may be syncing it)";
    case "expired":
      return "this run paused longer than the item's lease lasts (another scheduler may have taken over)";
    case "unknown-lease":
      return "this item's lease was removed from the store while the run held it";
  }
}

/** 1 when any run failed, was partial or stopped for a reason an operator must act on; else 0. */
export function exitCodeOf(results: readonly SyncRunResult[]): ExitCode {
  const bad = results.some(
    (r) =>
      r.outcome === "failed" ||
      r.outcome === "partial" ||
      r.stop.kind === "reconnect-required" ||
      r.stop.kind === "rate-limited" ||
      r.stop.kind === "lease-lost",
  );
  return bad ? 1 : 0;
}

/** The summary table of runs, then their errors and stop reasons. */
export function renderRuns(out: Output, results: readonly SyncRunResult[]): void {
  out.table(
    [
      "item",
      "outcome",
      "examined",
      "created",
      "updated",
      "status",
      "comments",
      "notes",
      "files",
      "conflicts",
      "failed",
      "crm calls",
      "jira calls",
      "ms",
    ],
    results.map((r) => {
      const c = r.counts;
      return [
        r.itemId,
        r.outcome,
        c.examined,
        c.created,
        c.updated,
        c.transitioned,
        c.comments,
        c.notes,
        c.attachments,
        c.conflicts,
        c.failed,
        r.apiCalls.crm,
        r.apiCalls.jira,
        r.durationMs,
      ].map(String);
    }),
  );
  for (const r of results) {
    const advice = stopAdvice(r);
    if (advice) out.line(advice);
    for (const e of r.errors.slice(0, 10))
      out.line(`  ${r.itemId} ${e.ref ?? "run"}: ${e.code}: ${e.message}`);
    if (r.errors.length > 10)
      out.line(`  ... ${r.errors.length - 10} more: \`kobik history --run ${r.runId}\``);
  }
}

/** The operations a dry run planned, one line per linked pair or create. */
export function renderPlans(out: Output, results: readonly SyncRunResult[]): void {
  for (const r of results) {
    for (const create of r.creates)
      out.line(`${r.itemId}: would create a Jira issue for CRM record ${create.crmRecordId}`);
    for (const p of r.plans) {
      if (p.plan.operations.length === 0) continue;
      const kinds = p.plan.operations.map((op) => op.kind).join(", ");
      out.line(`${r.itemId}: ${p.jiraIssueKey} <-> ${p.crmRecordId}: ${kinds}`);
    }
  }
}
