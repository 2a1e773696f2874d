/**
 * Proof that a write comes from the live holder of a lease. A store given a fence checks it in the
 * same atomic step as the write and refuses with `LeaseLostError` when the token is stale, so a
 * holder that paused past its TTL cannot overwrite the work of the holder that took over.
 */
export interface Fence {
  /** Lease name, e.g. `"item:crm-deals-to-jira"`. */
  readonly lease: string;
  /** The fencing token `LeaseStore.acquire` returned. */
  readonly token: number;
  /** The caller's clock: the lease must not have expired at this instant. */
  readonly now: Date;
}

/** Options shared by writes that can be fenced. */
export interface FencedWrite {
  readonly fence?: Fence;
}
