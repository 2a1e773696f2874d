/** A granted lease. Timestamps are ISO-8601 strings so the value serialises unchanged. */
export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Fencing token: strictly increasing per lease name, across expiry, takeover and release. */
  readonly token: number;
  readonly acquiredAt: string;
  /** The lease is live while `now < expiresAt`. */
  readonly expiresAt: string;
}

/** Input of {@link LeaseStore.acquire}. */
export interface AcquireLeaseInput {
  readonly name: string;
  /** Who asks, e.g. `"scheduler@host-1"`; shown to operators, not used for identity (the token is). */
  readonly holder: string;
  /** Time to live, 1 ms .. 24 h. */
  readonly ttlMs: number;
  readonly now: Date;
}

/** Input of {@link LeaseStore.renew}. */
export interface RenewLeaseInput {
  readonly name: string;
  readonly token: number;
  readonly ttlMs: number;
  readonly now: Date;
}

/** Input of {@link LeaseStore.release}. */
export interface ReleaseLeaseInput {
  readonly name: string;
  readonly token: number;
}

/** Input of {@link LeaseStore.assertFencing}. */
export interface AssertFencingInput {
  readonly name: string;
  readonly token: number;
  readonly now: Date;
}

/**
 * Named mutual-exclusion leases with fencing tokens, e.g. one per item so two schedulers never
 * sync the same item at once. Time is always passed in; a store never reads a clock.
 */
export interface LeaseStore {
  /**
   * Takes the lease when it is free, expired or released, with a token higher than any before it.
   * Returns `null` while someone (the same holder included) holds it unexpired: use `renew` to extend.
   */
  acquire(input: AcquireLeaseInput): Promise<Lease | null>;
  /** Extends a live lease to `now + ttlMs`, keeping its token. Throws `LeaseLostError` when not live. */
  renew(input: RenewLeaseInput): Promise<Lease>;
  /**
   * Gives the lease up so the next `acquire` succeeds at once. Returns `false` (no error) when the
   * lease was already released or taken over: releasing late is harmless.
   */
  release(input: ReleaseLeaseInput): Promise<boolean>;
  /** Throws `LeaseLostError` unless `token` is the live, unexpired token of `name` at `now`. */
  assertFencing(input: AssertFencingInput): Promise<void>;
  /** The latest grant of `name` (possibly expired or released), or `null` if never granted. */
  get(name: string): Promise<LeaseState | null>;
}

/**
 * The latest grant of a lease. `"held"` still needs the reader's clock: it is live only while
 * `now < expiresAt`.
 */
export interface LeaseState extends Lease {
  readonly status: "held" | "released";
}
