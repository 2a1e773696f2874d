import type { SettingsStore } from "../storage/settings.js";
import { type RenewalError, writeChannelState } from "./channel-state.js";
import type { Registration } from "./registration.js";

/** Timers the renewal runs on: Node's (unref'd) in `watch`, a hand-driven list in tests. */
export interface RenewalTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node timers, unref'd so a pending renewal never keeps the process alive on its own. */
export const nodeTimers: RenewalTimers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Renew when this share of the lifetime Zoho granted has passed. */
const RENEW_AT = 0.9;
/** setTimeout's largest delay (about 24.8 days); longer ones fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;

/** When to renew a channel granted at `now` until `expiresAt`: at 90% of its lifetime. */
export function renewalDelayMs(expiresAt: Date, now: number): number {
  return Math.min(MAX_DELAY_MS, Math.max(0, Math.floor((expiresAt.getTime() - now) * RENEW_AT)));
}

/** Wait before retry `attempt` (1-based) of a failed renewal: 30 s doubling, at most 15 min. */
export function renewalRetryMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}

/** Options of {@link keepChannelAlive}. */
export interface KeepAliveOptions {
  readonly registration: Pick<Registration, "channelId" | "expiresAt" | "renew">;
  readonly settings: SettingsStore;
  /** One line per renewal or failure (stderr in `watch`). */
  readonly log: (line: string) => void;
  readonly now?: () => number;
  readonly timers?: RenewalTimers;
}

/** A running renewal loop. */
export interface ChannelKeepAlive {
  /** Clears the timer and waits for a renewal in flight, so a removal cannot race it. */
  stop(): Promise<void>;
}

function wait(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)}m` : `${Math.round(ms / 1000)}s`;
}

/**
 * Renews the Zoho channel at 90% of each lifetime Zoho grants, and retries a failed renewal with
 * backoff, recording the expiry and the last failure for `kobik status`. The scheduled poll stays
 * the source of truth, so a channel that lapses costs latency, not data.
 */
export function keepChannelAlive(options: KeepAliveOptions): ChannelKeepAlive {
  const { registration, settings, log } = options;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? nodeTimers;
  const { channelId } = registration;
  let expiresAt = registration.expiresAt;
  let renewedAt: string | null = null;
  let lastError: RenewalError | null = null;
  let handle: unknown = null;
  let inFlight: Promise<void> | null = null;
  let stopped = false;

  const record = () =>
    writeChannelState(settings, {
      kind: "active",
      channelId,
      expiresAt: expiresAt.toISOString(),
      renewedAt,
      lastRenewalError: lastError,
    });

  const schedule = (ms: number) => {
    if (!stopped) handle = timers.set(fire, ms);
  };

  async function attempt(): Promise<void> {
    try {
      expiresAt = await registration.renew();
      renewedAt = new Date(now()).toISOString();
      lastError = null;
      record();
      log(`Renewed Zoho channel ${channelId} until ${expiresAt.toISOString()}`);
      schedule(renewalDelayMs(expiresAt, now()));
    } catch (error) {
      const attempts = (lastError?.attempts ?? 0) + 1;
      const message = (error as Error).message;
      lastError = { at: new Date(now()).toISOString(), message, attempts };
      record();
      const retryMs = renewalRetryMs(attempts);
      log(
        `warning: could not renew Zoho channel ${channelId} (attempt ${attempts}, expires ${expiresAt.toISOString()}): ${message} Retrying in ${wait(retryMs)}; the scheduled sync keeps items in step meanwhile.`,
      );
      schedule(retryMs);
    }
  }

  function fire() {
    handle = null;
    inFlight = attempt().finally(() => {
      inFlight = null;
    });
  }

  record();
  schedule(renewalDelayMs(expiresAt, now()));
  return {
    async stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
      await inFlight;
    },
  };
}
