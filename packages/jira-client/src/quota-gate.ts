import { readRateLimit } from "./error-factory.js";
import { JiraRateLimitedError } from "./errors.js";

const HOUR_MS = 3_600_000;

/** Per-client memory of an exhausted hourly quota, so calls fail fast instead of burning requests. */
export interface QuotaGate {
  /** Throws {@link JiraRateLimitedError} (quota) while the quota is known to be exhausted. */
  check(): void;
  /** Looks at a final response; a quota 429 closes the gate until the reset. */
  observe(response: Response): void;
}

/**
 * Jira denies *every* request until the top of the UTC hour once the points quota is spent, so the
 * client stops sending until then (from `X-RateLimit-Reset`, else `Retry-After`, else the next hour).
 */
export function createQuotaGate(now: () => number): QuotaGate {
  let closedUntil = 0;
  let reason: string | undefined;
  return {
    check() {
      const t = now();
      if (t >= closedUntil) return;
      throw new JiraRateLimitedError("Jira's hourly quota is exhausted; no request sent until it resets", {
        code: "RATE_LIMIT_QUOTA",
        status: 429,
        info: { retryAfterMs: closedUntil - t, reason, quota: true, resetAt: new Date(closedUntil) },
      });
    },
    observe(response) {
      if (response.status !== 429) return;
      const t = now();
      const info = readRateLimit(response.headers, t);
      if (!info.quota) return;
      const nextHour = Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS;
      const until =
        info.resetAt?.getTime() ?? (info.retryAfterMs !== undefined ? t + info.retryAfterMs : nextHour);
      closedUntil = Math.max(closedUntil, until);
      reason = info.reason;
    },
  };
}
