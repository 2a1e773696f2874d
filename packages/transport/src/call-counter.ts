/** API calls made, by endpoint label (e.g. `GET /crm/v8/{module}`), including retried attempts. */
export type CallCounts = Readonly<Record<string, number>>;

/** Counts HTTP attempts per endpoint; one per client instance, so counts never mix across tenants. */
export interface CallCounter {
  record(label: string): void;
  /** A copy of the counts so far. */
  snapshot(): CallCounts;
  /** Sum over all endpoints. */
  total(): number;
  reset(): void;
}

export function createCallCounter(): CallCounter {
  const counts = new Map<string, number>();
  return {
    record(label) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    },
    snapshot() {
      return Object.fromEntries(counts);
    },
    total() {
      let sum = 0;
      for (const n of counts.values()) sum += n;
      return sum;
    },
    reset() {
      counts.clear();
    },
  };
}

/**
 * Default endpoint label: method plus path with id-like segments (long digit runs, Jira keys)
 * folded to `{id}`, so counts group by endpoint rather than by record.
 */
export function defaultEndpointLabel(request: Request): string {
  const { pathname } = new URL(request.url);
  const path = pathname
    .split("/")
    .map((seg) => (/^\d{3,}$/.test(seg) || /^[A-Z][A-Z0-9_]+-\d+$/.test(seg) ? "{id}" : seg))
    .join("/");
  return `${request.method} ${path}`;
}
