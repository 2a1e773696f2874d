/** The request for one attempt, aborted by the caller's signal or by the attempt's own timeout. */
export interface AttemptRequest {
  request: Request;
  timedOut(): boolean;
  /** Stops the timer: call once the response headers arrived (the body may stream for longer). */
  dispose(): void;
}

/**
 * Derives the request for one attempt. A bodiless request is re-wrapped as is; one with a body is
 * cloned first, so the original stays unread for a later retry. One timer per attempt, cleared as
 * soon as the attempt settles, instead of `AbortSignal.timeout`, whose timer (and the request it
 * references) would stay alive for the whole timeout after every fast response.
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
  const source = original.body === null ? original : original.clone();
  return {
    request: new Request(source, { signal: controller.signal }),
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      original.signal.removeEventListener("abort", forwardAbort);
    },
  };
}
