import { backoffDelay, DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from "@kobik/transport";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const ctx = (attempt: number, idempotent = true) => ({
  attempt,
  idempotent,
  policy: DEFAULT_RETRY_POLICY,
  random: () => 0.5,
});

describe("parseRetryAfter", () => {
  it("reads delta seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter("0.5", 0)).toBe(500);
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
  });

  it("ignores missing or unreadable values and never returns a negative delay", () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", Date.parse("2026-11-22T10:00:00Z"))).toBe(0);
  });
});

describe("backoffDelay", () => {
  it("stays within [0, min(max, base * 2^(n-1))] for any attempt and random draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, DEFAULT_RETRY_POLICY, () => r);
          const ceiling = Math.min(
            DEFAULT_RETRY_POLICY.maxDelayMs,
            DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (n - 1),
          );
          return d >= 0 && d <= ceiling;
        },
      ),
    );
  });
});

describe("decideRetry", () => {
  it("retries 5xx, network failures and timeouts only for idempotent requests", () => {
    for (const failure of [
      { kind: "status", status: 503, retryAfterMs: undefined },
      { kind: "network" },
      { kind: "timeout" },
    ] as const) {
      expect(decideRetry(failure, ctx(1, true)).retry).toBe(true);
      expect(decideRetry(failure, ctx(1, false)).retry).toBe(false);
    }
  });

  it("retries a 429 even for a create, because the server did no work", () => {
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: undefined }, ctx(1, false)).retry).toBe(
      true,
    );
  });

  it("honours Retry-After first, and gives up when the wait is longer than allowed", () => {
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: 2000 }, ctx(1))).toEqual({
      retry: true,
      delayMs: 2050,
    });
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: 3_600_000 }, ctx(1))).toEqual({
      retry: false,
    });
  });

  it("never retries client errors, and stops after the retry budget", () => {
    expect(decideRetry({ kind: "status", status: 400, retryAfterMs: undefined }, ctx(1)).retry).toBe(false);
    expect(decideRetry({ kind: "status", status: 401, retryAfterMs: undefined }, ctx(1)).retry).toBe(false);
    expect(decideRetry({ kind: "network" }, ctx(DEFAULT_RETRY_POLICY.retries + 1)).retry).toBe(false);
  });
});
