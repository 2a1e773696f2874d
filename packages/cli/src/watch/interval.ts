import { UsageError } from "../cli/errors.js";

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `30s`, `5m`, `1h` (or a bare number of minutes) into milliseconds, 10 s to 24 h. */
export function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNITS[match[2] || "m"] ?? 60_000) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 10_000 || ms > 86_400_000) {
    throw new UsageError(`--every must be a duration from 10s to 24h such as 30s, 5m or 1h, got "${text}".`);
  }
  return Math.round(ms);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
