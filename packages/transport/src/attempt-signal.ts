/** One attempt's request, aborted by the caller's signal or by the attempt's own timeout. */
export interface AttemptRequest {
  /** The request to send: the original, or a clone when it has a body (a retry needs it unread). */
  source: Request;
  /** Aborts on the caller's abort or on this attempt's timeout. */
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer: call once the response headers arrived (the body may stream for longer). */
  dispose(): void;
}

/**
 * Prepares one attempt. A request with a body is cloned first, so the original stays unread for a
 * later retry; a bodiless one is sent as is. The caller joins `source` and `signal` (fetch's init,
 * or a re-wrapped `Request` for an injected fetch). One timer per attempt, cleared as soon as the
 * attempt settles, instead of `AbortSignal.timeout`, whose timer (and the request it references)
 * would stay alive for the whole timeout after every fast response.
 */
export function attemptRequest(original: Request, timeoutMs: number): AttemptRequest {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const forwardAbort = () => controller.abort(original.signal.reason);
  if (original.signal.aborted) forwardAbort();
  else original.signal.addEventListener("abort", forwardAbort, { once: true });
  return {
    source: original.body === null ? original : original.clone(),
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      original.signal.removeEventListener("abort", forwardAbort);
    },
  };
}
