/** How a simulator clock moves: with real time (plus an offset), or only when told to. */
export type ClockMode = { kind: "system" } | { kind: "manual"; start: Date | number | string };

/**
 * The simulator's notion of "now". Every timestamp the simulators write (modified times, token
 * expiry, rate-limit windows, channel expiry) reads this clock, so tests can move time explicitly.
 */
export interface SimulatorClock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Moves time forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Jumps to an absolute time. */
  set(time: Date | number | string): void;
  /** Which mode the clock runs in. */
  readonly mode: ClockMode["kind"];
}

function toMs(time: Date | number | string): number {
  const ms = typeof time === "number" ? time : new Date(time).getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`clock: invalid time ${String(time)}`);
  return ms;
}

/**
 * Creates a clock. `system` follows `Date.now()` shifted by whatever `advance`/`set` applied;
 * `manual` stands still until advanced, which keeps tests deterministic.
 *
 * @example
 * const clock = createClock({ kind: "manual", start: "2026-11-22T10:00:00Z" });
 * clock.advance(60_000);
 */
export function createClock(mode: ClockMode = { kind: "system" }): SimulatorClock {
  if (mode.kind === "manual") {
    let current = toMs(mode.start);
    return {
      mode: "manual",
      now: () => current,
      advance: (ms) => {
        current += ms;
      },
      set: (time) => {
        current = toMs(time);
      },
    };
  }
  let offset = 0;
  return {
    mode: "system",
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (time) => {
      offset = toMs(time) - Date.now();
    },
  };
}
