/** Counts API calls per route name, for assertions such as "the client fetched page 2 once". */
export interface CallCounter {
  record(route: string): void;
  /** Counts per route name, e.g. `{ "records.list": 3 }`. */
  snapshot(): Record<string, number>;
  reset(): void;
}

/** Creates a per-simulator call counter. */
export function createCallCounter(): CallCounter {
  let counts = new Map<string, number>();
  return {
    record: (route) => {
      counts.set(route, (counts.get(route) ?? 0) + 1);
    },
    snapshot: () => Object.fromEntries(counts),
    reset: () => {
      counts = new Map();
    },
  };
}
