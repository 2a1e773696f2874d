import PQueue from "p-queue";

/** Bounds how many tasks run at once; the rest wait in arrival order. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A FIFO concurrency limiter, one per transport instance (never module-level: Forge may reuse a
 * module across invocations and tenants). p-queue does the queueing; this only validates the bound
 * up front, so a bad option names `concurrency` instead of failing deep inside a request.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!(concurrency >= 1) || (Number.isFinite(concurrency) && !Number.isInteger(concurrency))) {
    throw new TypeError(`concurrency: expected an integer >= 1 (or Infinity), got ${String(concurrency)}`);
  }
  const queue = new PQueue({ concurrency });
  return { run: (task) => queue.add(task) };
}
