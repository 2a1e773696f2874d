import { createRandom, type SeededRandom } from "./random.js";

/** One injected failure. `latency` delays and then serves normally; the others replace the response. */
export type Fault =
  | { kind: "latency"; ms: number }
  | { kind: "serverError"; status: 500 | 502 | 503 | 504 }
  | { kind: "connectionReset" }
  | { kind: "hang" }
  | { kind: "rateLimited" };

/**
 * A seeded fault plan. Ratios are probabilities per request, drawn from a PRNG seeded with `seed`,
 * so the same request sequence meets the same faults on every run.
 */
export interface FaultPlan {
  seed?: number;
  /** Fixed delay, or a range drawn per request. */
  latencyMs?: number | { min: number; max: number };
  serverErrorRatio?: number;
  connectionResetRatio?: number;
  hangRatio?: number;
  /** After every `every` requests, the next `length` requests get 429. */
  rateLimitBurst?: { every: number; length: number };
  /** Route names the plan applies to (see `calls()`); all routes when omitted. */
  routes?: readonly string[];
}

/** Fault controls shared by both simulators. */
export interface FaultController {
  /** Replaces the current plan. */
  configure(plan: FaultPlan): void;
  /** Removes the plan and any queued faults. */
  clear(): void;
  /** Queues `fault` for the next `times` matching requests (before the plan is consulted). */
  queue(fault: Fault, options?: { times?: number; route?: string }): void;
  /** Decides the faults for one request; used by the request pipeline. */
  decide(route: string): Fault[];
}

interface Queued {
  fault: Fault;
  remaining: number;
  route: string | undefined;
}

function latencyFor(plan: FaultPlan, random: SeededRandom): Fault[] {
  const spec = plan.latencyMs;
  if (spec === undefined) return [];
  const ms = typeof spec === "number" ? spec : random.between(spec.min, spec.max);
  return ms > 0 ? [{ kind: "latency", ms }] : [];
}

/** Creates the fault controller; state lives in the returned object. */
export function createFaultController(initial?: FaultPlan): FaultController {
  let plan: FaultPlan | undefined;
  let random = createRandom(0);
  let counter = 0;
  let queued: Queued[] = [];
  const configure = (next: FaultPlan): void => {
    plan = next;
    random = createRandom(next.seed ?? 1);
    counter = 0;
  };
  if (initial !== undefined) configure(initial);

  const fromQueue = (route: string): Fault | undefined => {
    const entry = queued.find((q) => q.route === undefined || q.route === route);
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queued = queued.filter((q) => q !== entry);
    return entry.fault;
  };

  const fromPlan = (p: FaultPlan, route: string): Fault[] => {
    if (p.routes !== undefined && !p.routes.includes(route)) return [];
    const out = latencyFor(p, random);
    const burst = p.rateLimitBurst;
    const index = counter++;
    // Draw every ratio on every request so one ratio's change does not shift the others' sequence.
    const reset = random.chance(p.connectionResetRatio ?? 0);
    const hang = random.chance(p.hangRatio ?? 0);
    const error = random.chance(p.serverErrorRatio ?? 0);
    const status = random.pick([500, 502, 503, 504] as const);
    if (burst !== undefined && index % (burst.every + burst.length) >= burst.every) {
      out.push({ kind: "rateLimited" });
    } else if (reset) out.push({ kind: "connectionReset" });
    else if (hang) out.push({ kind: "hang" });
    else if (error) out.push({ kind: "serverError", status });
    return out;
  };

  return {
    configure,
    clear: () => {
      plan = undefined;
      queued = [];
    },
    queue: (fault, options = {}) => {
      queued.push({ fault, remaining: options.times ?? 1, route: options.route });
    },
    decide: (route) => {
      const first = fromQueue(route);
      if (first !== undefined) return [first];
      return plan === undefined ? [] : fromPlan(plan, route);
    },
  };
}
