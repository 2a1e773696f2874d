/** What the transport knows about one failed attempt, for the pure retry decision. */
export type AttemptFailure =
  | { kind: "status"; status: number; retryAfterMs: number | undefined }
  | { kind: "network" }
  | { kind: "timeout" };

/** Tunables of the retry policy; all have sensible defaults in {@link DEFAULT_RETRY_POLICY}. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `retries + 1` requests). */
  retries: number;
  /** First backoff delay before jitter. */
  baseDelayMs: number;
  /** Upper bound of any computed backoff delay. */
  maxDelayMs: number;
  /** A server-announced wait longer than this is not waited out: the caller gets the 429. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** The verdict on a failed attempt: try again after `delayMs`, or give up. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** True for HTTP statuses worth retrying at all (rate limits and transient server failures). */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Parses a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns `undefined` for a missing or unreadable value, never a negative delay.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Exponential backoff with full jitter: a uniform delay in `[0, min(max, base * 2^(attempt-1))]`.
 * `random` returns a number in [0, 1); it is injected so the function stays pure and testable.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * Decides whether attempt number `attempt` (1-based) should be retried.
 *
 * A request that is not idempotent is retried only when the server provably did not process it
 * (429: both Zoho and Jira reject before doing any work). Server hints come first: a `Retry-After`
 * is honoured as given (with a little jitter against thundering herds), and one beyond
 * `maxRetryAfterMs` gives up so the host can reschedule instead of blocking.
 */
export function decideRetry(
  failure: AttemptFailure,
  context: { attempt: number; idempotent: boolean; policy: RetryPolicy; random: () => number },
): RetryDecision {
  const { attempt, idempotent, policy, random } = context;
  if (attempt > policy.retries) return { retry: false };
  if (failure.kind !== "status") {
    return idempotent ? { retry: true, delayMs: backoffDelay(attempt, policy, random) } : { retry: false };
  }
  if (!isRetryableStatus(failure.status)) return { retry: false };
  if (failure.status !== 429 && !idempotent) return { retry: false };
  if (failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: failure.retryAfterMs + Math.round(random() * 100) };
  }
  return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
}
