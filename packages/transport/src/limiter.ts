/** Bounds how many tasks run at once; the rest wait in arrival order. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A FIFO concurrency limiter, one per transport instance. It replaces p-queue on the request path:
 * a free slot is taken without queueing anything, and a finished task hands its slot straight to
 * the oldest waiter, so the bound holds and order is kept at a fraction of p-queue's cost per call.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!(concurrency >= 1) || (Number.isFinite(concurrency) && !Number.isInteger(concurrency))) {
    throw new TypeError(`concurrency: expected an integer >= 1 (or Infinity), got ${String(concurrency)}`);
  }
  let active = 0;
  // A queue as an array plus a head index: `shift()` would copy the array on every release.
  let waiting: (() => void)[] = [];
  let head = 0;
  const release = (): void => {
    const next = waiting[head];
    if (next === undefined) {
      active -= 1;
      return;
    }
    head += 1;
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    } else if (head >= 1024 && head * 2 >= waiting.length) {
      // A long, steady backlog never empties: drop the served half now and then.
      waiting = waiting.slice(head);
      head = 0;
    }
    next();
  };
  return {
    async run(task) {
      if (active < concurrency) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
