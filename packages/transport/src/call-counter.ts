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
  return `${request.method} ${foldIds(pathOf(request.url))}`;
}

/** The path of an absolute URL as `Request.url` serialises it, without a URL parse per call. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // "?" starts the query, "#" the fragment (Node's Request keeps it in `url`).
    if (c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  return url.slice(start, end);
}

const ID_SEGMENT = /^(\d{3,}|[A-Z][A-Z0-9_]+-\d+)$/;

function foldIds(path: string): string {
  return path
    .split("/")
    .map((seg) => (ID_SEGMENT.test(seg) ? "{id}" : seg))
    .join("/");
}
