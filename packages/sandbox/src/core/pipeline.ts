import type { CallCounter } from "./calls.js";
import type { Fault, FaultController } from "./faults.js";
import { compileRoutes, type Route, type RouteMatch } from "./router.js";

/** What serving a request produced: a response, or a transport-level failure to act out. */
export type Outcome = { kind: "response"; response: Response } | { kind: "reset" } | { kind: "hang" };

/** Where a request lands: the path inside the simulator and the per-request context. */
export interface Located<C> {
  path: string;
  context: C;
}

/** The service-specific parts of the pipeline. */
export interface PipelineSpec<C> {
  routes: readonly Route<C>[];
  /** Maps a URL to this simulator (host, DC prefix), or `undefined` when the URL is not ours. */
  locate(url: URL): Located<C> | undefined;
  notFound(method: string, path: string): Response;
  methodNotAllowed(method: string, path: string): Response;
  /** The service's own body for an injected 5xx or 429. */
  faultResponse(fault: Extract<Fault, { kind: "serverError" | "rateLimited" }>): Response;
  /** Concurrency admission: a release callback, or the service's 429 response. */
  admit?(context: C, route: string): (() => void) | Response;
  faults: FaultController;
  calls: CallCounter;
}

/** A compiled request pipeline: locate, route, count, inject faults, admit, handle. */
export interface Pipeline {
  /** True when the URL belongs to this simulator (used as the msw predicate). */
  owns(url: URL): boolean;
  /** `url` is `request.url` already parsed, when the caller has it (saves a second parse). */
  handle(request: Request, url?: URL): Promise<Outcome>;
  /** Requests being served right now (for tests of concurrency limits). */
  inFlight(): number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the pipeline shared by the loopback server and the msw handlers. */
export function createPipeline<C>(spec: PipelineSpec<C>): Pipeline {
  const lookup = compileRoutes(spec.routes);
  let inFlight = 0;

  const serve = async (request: Request, url: URL, located: Located<C>): Promise<Outcome> => {
    const found = lookup(request.method, located.path);
    if (found.kind === "not-found") return respond(spec.notFound(request.method, located.path));
    if (found.kind === "method-not-allowed")
      return respond(spec.methodNotAllowed(request.method, located.path));
    const name = found.route.name;
    spec.calls.record(name);
    // Admission first: a slow (latency-injected) request holds its concurrency slot like a real one.
    const admission = spec.admit?.(located.context, name);
    if (admission instanceof Response) return respond(admission);
    try {
      for (const fault of spec.faults.decide(name)) {
        if (fault.kind === "latency") await sleep(fault.ms);
        else if (fault.kind === "connectionReset") return { kind: "reset" };
        else if (fault.kind === "hang") return { kind: "hang" };
        else return respond(spec.faultResponse(fault));
      }
      const ctx: C & RouteMatch = { ...located.context, params: found.params, url, route: name };
      return respond(await found.route.handler(request, ctx));
    } finally {
      admission?.();
    }
  };

  return {
    owns: (url) => spec.locate(url) !== undefined,
    inFlight: () => inFlight,
    handle: async (request, parsed) => {
      const url = parsed ?? new URL(request.url);
      const located = spec.locate(url);
      if (located === undefined) return respond(spec.notFound(request.method, url.pathname));
      inFlight += 1;
      try {
        return await serve(request, url, located);
      } finally {
        inFlight -= 1;
      }
    },
  };
}

function respond(response: Response): Outcome {
  return { kind: "response", response };
}
