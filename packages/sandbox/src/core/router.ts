/** HTTP methods the route tables use. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What every handler receives besides the `Request`: path params, the parsed URL, and the route name. */
export interface RouteMatch {
  params: Record<string, string>;
  url: URL;
  /** The route's stable name, e.g. `records.list`; calls are counted per name. */
  route: string;
}

/** A web-standard handler: the same function serves loopback HTTP and msw. */
export type RouteHandler<C> = (request: Request, ctx: C & RouteMatch) => Response | Promise<Response>;

/** One entry of a route table. `path` uses `:name` segments, e.g. `/crm/v8/:module/:id`. */
export interface Route<C> {
  method: HttpMethod;
  path: string;
  name: string;
  handler: RouteHandler<C>;
}

interface CompiledRoute<C> {
  route: Route<C>;
  segments: readonly { param: string | undefined; text: string }[];
}

/** The result of looking a path up: a route, a path known under other methods (405), or nothing. */
export type RouteLookup<C> =
  | { kind: "found"; route: Route<C>; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments<C>(compiled: CompiledRoute<C>, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = compiled.segments[i]!;
    const part = parts[i]!;
    if (seg.param !== undefined) params[seg.param] = decodeURIComponent(part);
    else if (seg.text !== part) return undefined;
  }
  return params;
}

/**
 * Precompiles a route table once. Routes are bucketed by segment count so a lookup compares only a
 * handful of candidates; within a bucket the first match wins, so tables list static paths
 * (`/crm/v8/:module/search`) before parametric ones (`/crm/v8/:module/:id`).
 */
export function compileRoutes<C>(
  routes: readonly Route<C>[],
): (method: string, path: string) => RouteLookup<C> {
  const buckets = new Map<number, CompiledRoute<C>[]>();
  for (const route of routes) {
    const segments = split(route.path).map((text) => ({
      param: text.startsWith(":") ? text.slice(1) : undefined,
      text,
    }));
    const bucket = buckets.get(segments.length) ?? [];
    bucket.push({ route, segments });
    buckets.set(segments.length, bucket);
  }
  return (method, path) => {
    const parts = split(path);
    const bucket = buckets.get(parts.length);
    if (bucket === undefined) return { kind: "not-found" };
    let otherMethod = false;
    for (const compiled of bucket) {
      const params = matchSegments(compiled, parts);
      if (params === undefined) continue;
      if (compiled.route.method === method) return { kind: "found", route: compiled.route, params };
      otherMethod = true;
    }
    return otherMethod ? { kind: "method-not-allowed" } : { kind: "not-found" };
  };
}
