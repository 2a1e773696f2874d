import { JiraAuthError, JiraRateLimitedError } from "@kobik/jira-client";
import { LeaseLostError } from "@kobik/storage";
import { ZohoAuthError, ZohoRateLimitedError, ZohoReconnectRequiredError } from "@kobik/zoho-crm-client";
import { ItemLeaseLostError } from "./errors.js";
import type { RunStop } from "./types.js";

/**
 * Unwinds a run that cannot go on: a revoked grant or a spent quota fails every later call too, so
 * the run stops where it is (cursors stay at the last handled record) instead of failing record by record.
 */
export class RunStopSignal extends Error {
  readonly stop: Exclude<RunStop, { kind: "completed" | "busy" | "lease-lost" }>;
  constructor(stop: RunStopSignal["stop"]) {
    super(stop.message);
    this.stop = stop;
  }
}

/** The run-stopping meaning of an error, or `undefined` when it concerns one record only. */
export function stopFor(error: unknown, now: Date): RunStopSignal | undefined {
  if (error instanceof RunStopSignal) return error;
  if (
    error instanceof ZohoReconnectRequiredError ||
    (error instanceof ZohoAuthError && error.status === 401)
  ) {
    return new RunStopSignal({
      kind: "reconnect-required",
      service: "crm",
      code: error.code,
      message: `Zoho CRM needs to be reconnected (${error.code}): automation is stopped until then.`,
    });
  }
  if (error instanceof JiraAuthError) {
    return new RunStopSignal({
      kind: "reconnect-required",
      service: "jira",
      code: error.code,
      message: `Jira refused the credentials (${error.code}): automation is stopped until they are replaced.`,
    });
  }
  if (error instanceof ZohoRateLimitedError || error instanceof JiraRateLimitedError) {
    const service = error instanceof ZohoRateLimitedError ? "crm" : "jira";
    const resumeAt =
      error.retryAfterMs === undefined ? null : new Date(now.getTime() + error.retryAfterMs).toISOString();
    const quota = error instanceof JiraRateLimitedError && error.quota;
    return new RunStopSignal({
      kind: "rate-limited",
      service,
      resumeAt,
      message: `${service === "crm" ? "Zoho CRM" : "Jira"} ${quota ? "hourly quota is spent" : "kept rate limiting"}: paused${resumeAt ? ` until ${resumeAt}` : ""}; the next run resumes from the cursor.`,
    });
  }
  return undefined;
}

/**
 * The engine's lease-loss error for `error` when it means the run's lease is gone: the engine's own,
 * or the store's `LeaseLostError` from a fenced write; `undefined` otherwise.
 */
export function asLeaseLoss(error: unknown): ItemLeaseLostError | undefined {
  if (error instanceof ItemLeaseLostError) return error;
  if (error instanceof LeaseLostError)
    return new ItemLeaseLostError(error.lease, error.token, error.reason, error);
  return undefined;
}

/**
 * Throws for run-ending errors (a lost lease, or the stop signal of a revoked grant or spent quota);
 * returns for record-level ones.
 */
export function rethrowIfStop(error: unknown, now: Date): void {
  const lost = asLeaseLoss(error);
  if (lost !== undefined) throw lost;
  const stop = stopFor(error, now);
  if (stop !== undefined) throw stop;
}
