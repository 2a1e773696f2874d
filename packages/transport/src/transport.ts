import pRetry, { AbortError } from "p-retry";
import { type AttemptRequest, attemptRequest } from "./attempt-signal.js";
import { type CallCounter, createCallCounter, defaultEndpointLabel } from "./call-counter.js";
import { TransportNetworkError, TransportTimeoutError } from "./errors.js";
import { createLimiter } from "./limiter.js";
import {
  type AttemptFailure,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry-policy.js";
import { sleep as realSleep } from "./sleep.js";

/** Passed to `onRateLimited` when a 429 arrives, before the transport decides to wait. */
export interface RateLimitEvent {
  endpoint: string;
  attempt: number;
  /** The server's wait hint, if it sent one (Jira does, Zoho does not). */
  retryAfterMs: number | undefined;
  /** Jira's `RateLimit-Reason` header (e.g. an hourly quota), when present. */
  reason: string | undefined;
}

/** One HTTP attempt, reported to `onAttempt` for logs and metrics (never carries headers or bodies). */
export interface AttemptEvent {
  endpoint: string;
  attempt: number;
  durationMs: number;
  outcome: { kind: "response"; status: number } | { kind: "network" } | { kind: "timeout" };
}

/** Options of {@link createTransport}. Every one has a default. */
export interface TransportOptions {
  /** The fetch to send with; defaults to `globalThis.fetch`, read at call time (so msw can patch it). */
  fetch?: (request: Request) => Promise<Response>;
  /** Requests in flight at once, per transport instance (so per org/site). Default 10. */
  concurrency?: number;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Which requests may be repeated after a 5xx or network failure. Default: every method but POST and PATCH. */
  isIdempotent?: (request: Request) => boolean;
  /**
   * The host's rate-limit policy: return `false` to give up at once (the caller then gets the 429 as
   * a typed error), e.g. a Forge function near its time limit that would rather reschedule.
   */
  onRateLimited?: (event: RateLimitEvent) => boolean | Promise<boolean>;
  onAttempt?: (event: AttemptEvent) => void;
  endpointLabel?: (request: Request) => string;
  counter?: CallCounter;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** A fetch-compatible sender with concurrency, retries, timeouts and call counting. */
export interface Transport {
  /** Sends a request; resolves with the final response (possibly a 4xx/5xx after retries are spent). */
  fetch(request: Request): Promise<Response>;
  /** API calls made through this transport, by endpoint, retries included. */
  readonly calls: CallCounter;
}

class RetryableResponse extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

const NON_IDEMPOTENT = new Set(["POST", "PATCH"]);

/**
 * Sends one attempt. With the global fetch, the attempt's signal goes in fetch's init, so fetch
 * builds the one `Request` it always builds; an injected fetch takes a single `Request`, so that
 * one is re-wrapped with the signal here.
 */
function dispatch(inject: TransportOptions["fetch"], attempt: AttemptRequest): Promise<Response> {
  if (inject !== undefined) return inject(new Request(attempt.source, { signal: attempt.signal }));
  return globalThis.fetch(attempt.source, { signal: attempt.signal });
}

/**
 * Builds the transport the Kobik clients send through: a per-instance FIFO limiter bounds
 * concurrency, p-retry repeats what the pure {@link decideRetry} allows, a `Retry-After` pauses the
 * whole instance (the server said *all* our calls are over the limit), and each attempt is counted.
 *
 * @example
 * const transport = createTransport({ concurrency: 10 });
 * const res = await transport.fetch(new Request("https://www.zohoapis.com/crm/v8/org"));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = createLimiter(options.concurrency ?? 10);
  const calls = options.counter ?? createCallCounter();
  const label = options.endpointLabel ?? defaultEndpointLabel;
  const isIdempotent = options.isIdempotent ?? ((r: Request) => !NON_IDEMPOTENT.has(r.method));
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let pausedUntil = 0;

  async function attemptOnce(original: Request, endpoint: string, attempt: number): Promise<Response> {
    const wait = pausedUntil - now();
    if (wait > 0) await sleep(wait, original.signal);
    const attemptReq = attemptRequest(original, timeoutMs);
    const started = now();
    calls.record(endpoint);
    const report = (outcome: AttemptEvent["outcome"]) =>
      options.onAttempt?.({ endpoint, attempt, durationMs: now() - started, outcome });
    let response: Response;
    try {
      response = await dispatch(options.fetch, attemptReq);
    } catch (error) {
      if (original.signal.aborted) throw new AbortError(original.signal.reason ?? error);
      if (attemptReq.timedOut()) {
        report({ kind: "timeout" });
        throw new TransportTimeoutError(timeoutMs);
      }
      report({ kind: "network" });
      throw new TransportNetworkError(`request to ${endpoint} failed before a response`, error);
    } finally {
      attemptReq.dispose();
    }
    report({ kind: "response", status: response.status });
    if (isRetryableStatus(response.status)) throw new RetryableResponse(response);
    return response;
  }

  async function onFailure(error: Error, attempt: number, request: Request, endpoint: string) {
    const idempotent = isIdempotent(request);
    const failure = describeFailure(error, now());
    if (failure === undefined) throw error;
    if (error instanceof RetryableResponse && error.response.status === 429) {
      const reason = error.response.headers.get("RateLimit-Reason") ?? undefined;
      const proceed = await (options.onRateLimited?.({
        endpoint,
        attempt,
        retryAfterMs: failure.kind === "status" ? failure.retryAfterMs : undefined,
        reason,
      }) ?? true);
      if (!proceed) throw error;
    }
    const decision = decideRetry(failure, { attempt, idempotent, policy, random });
    if (!decision.retry) throw error;
    if (error instanceof RetryableResponse) {
      await error.response.body?.cancel();
      if (failure.kind === "status" && failure.retryAfterMs !== undefined) {
        pausedUntil = Math.max(pausedUntil, now() + decision.delayMs);
      }
    }
    await sleep(decision.delayMs, request.signal);
  }

  async function send(request: Request): Promise<Response> {
    const endpoint = label(request);
    const attempt = (n: number) => limiter.run(() => attemptOnce(request, endpoint, n));
    let first: Response;
    try {
      // Most calls succeed at once: only a failed first attempt pays for p-retry's machinery.
      first = await attempt(1);
    } catch (error) {
      return retryAfterFirst(error, request, endpoint, attempt);
    }
    return first;
  }

  /**
   * Hands a failed first attempt to p-retry by replaying its failure as p-retry's own first
   * attempt, so callbacks, attempt numbers and the retry budget are exactly those of a p-retry run
   * from the start.
   */
  async function retryAfterFirst(
    firstError: unknown,
    request: Request,
    endpoint: string,
    attempt: (n: number) => Promise<Response>,
  ): Promise<Response> {
    try {
      return await pRetry((n) => (n === 1 ? Promise.reject(firstError) : attempt(n)), {
        retries: policy.retries,
        minTimeout: 0,
        factor: 1,
        // Our own delay (Retry-After or jittered backoff) is slept in onFailedAttempt; throwing
        // there ends the retries with that error.
        onFailedAttempt: (ctx) => onFailure(ctx.error, ctx.attemptNumber, request, endpoint),
        shouldRetry: () => true,
      });
    } catch (error) {
      if (error instanceof RetryableResponse) return error.response;
      throw error;
    }
  }

  return {
    fetch: (request) => send(request),
    calls,
  };
}

function describeFailure(error: Error, nowMs: number): AttemptFailure | undefined {
  if (error instanceof RetryableResponse) {
    const header = error.response.headers.get("Retry-After");
    return { kind: "status", status: error.response.status, retryAfterMs: parseRetryAfter(header, nowMs) };
  }
  if (error instanceof TransportTimeoutError) return { kind: "timeout" };
  if (error instanceof TransportNetworkError) return { kind: "network" };
  return undefined;
}
