/**
 * Runs jobs one at a time in arrival order. The engine leases each item, so two jobs of one process
 * on the same item at once would make the second skip as "busy": queued, a push event waits for the
 * scheduled cycle instead of being dropped.
 */
export interface SerialQueue {
  push<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves when every queued job has finished. */
  idle(): Promise<void>;
}

/** Creates an empty {@link SerialQueue}. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    push(job) {
      const run = tail.then(job, job);
      tail = run.catch(() => undefined);
      return run;
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}
