import { EngineInputError } from "./errors.js";
import type { EngineLimits } from "./types.js";

/** The defaults of every tunable; `createSyncEngine({ limits })` overrides any of them. */
export const DEFAULT_ENGINE_LIMITS: EngineLimits = {
  leaseTtlMs: 5 * 60_000,
  crmPageSize: 200,
  jiraPageSize: 100,
  crmOverlapMs: 1000,
  jiraOverlapMs: 2 * 60_000,
  jiraTimeZone: "UTC",
  linkConcurrency: 4,
  readConcurrency: 8,
  createConcurrency: 4,
  createSettleMs: 2 * 60_000,
  maxParked: 500,
  attachmentSweepLinks: 25,
};

const RANGES: Readonly<Record<Exclude<keyof EngineLimits, "jiraTimeZone">, readonly [number, number]>> = {
  leaseTtlMs: [1000, 24 * 3_600_000],
  crmPageSize: [1, 200],
  jiraPageSize: [1, 5000],
  crmOverlapMs: [0, 3_600_000],
  jiraOverlapMs: [60_000, 24 * 3_600_000],
  linkConcurrency: [1, 50],
  readConcurrency: [1, 50],
  createConcurrency: [1, 20],
  createSettleMs: [0, 24 * 3_600_000],
  maxParked: [0, 10_000],
  // A link-store page holds at most 1,000 links.
  attachmentSweepLinks: [0, 1000],
};

/** Merges and checks limits; a bad value is an `EngineInputError` naming `limits.<name>`. */
export function resolveLimits(given: Partial<EngineLimits> | undefined): EngineLimits {
  const limits = { ...DEFAULT_ENGINE_LIMITS, ...given };
  for (const [name, [min, max]] of Object.entries(RANGES)) {
    const value = limits[name as keyof typeof RANGES];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new EngineInputError(`limits.${name}`, `must be an integer from ${min} to ${max}`);
    }
  }
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: limits.jiraTimeZone });
  } catch {
    throw new EngineInputError("limits.jiraTimeZone", "must be an IANA time zone, e.g. Europe/Berlin");
  }
  return limits;
}
