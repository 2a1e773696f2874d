import type { SettingsStore } from "../storage/settings.js";

/** The latest renewal that failed, kept until one succeeds. */
export type RenewalError = {
  readonly at: string;
  readonly message: string;
  /** Failed attempts in a row. */
  readonly attempts: number;
};

/**
 * What `watch --listen` last recorded about its Zoho channel, for `kobik status`. A crash leaves
 * `active` behind with an expiry that then passes, which status reports as expired.
 */
export type ChannelState =
  | {
      readonly kind: "active";
      readonly channelId: string;
      readonly expiresAt: string;
      readonly renewedAt: string | null;
      readonly lastRenewalError: RenewalError | null;
    }
  | { readonly kind: "removed"; readonly channelId: string; readonly removedAt: string };

const KEY = "watch:zoho-channel";

/** The recorded channel state, or null when `watch --listen` never ran in this workspace. */
export function readChannelState(settings: SettingsStore): ChannelState | null {
  return settings.get<ChannelState>(KEY);
}

/** Records the channel state (one settings row, overwritten). */
export function writeChannelState(settings: SettingsStore, state: ChannelState): void {
  settings.set(KEY, state);
}
