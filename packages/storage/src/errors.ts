/** Literal codes carried by every {@link StorageError}, so callers can branch without `instanceof`. */
export type StorageErrorCode =
  | "INVALID_INPUT"
  | "VERSION_CONFLICT"
  | "NOT_FOUND"
  | "DUPLICATE"
  | "LEASE_LOST"
  | "INVALID_STATE";

/**
 * Base of every error a storage implementation throws on purpose. Messages name keys and fields,
 * never stored values, so a secret can never leak through an error.
 */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: `field` names the offending parameter or property path, e.g. `"link.jira.issueId"`. */
export class InvalidInputError extends StorageError {
  override readonly code = "INVALID_INPUT" as const;
  readonly field: string;
  /** What is wrong with it, e.g. `"must not be empty"` (the message without the field). */
  readonly problem: string;

  constructor(field: string, problem: string) {
    super("INVALID_INPUT", `Invalid ${field}: ${problem}`);
    this.field = field;
    this.problem = problem;
  }
}

/**
 * An optimistic write lost: the stored version is not the one the writer read. Re-read, re-plan,
 * retry. `actualVersion` is 0 when the record does not exist.
 */
export class VersionConflictError extends StorageError {
  override readonly code = "VERSION_CONFLICT" as const;
  readonly key: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(key: string, expectedVersion: number, actualVersion: number) {
    super(
      "VERSION_CONFLICT",
      `Version conflict on ${key}: expected version ${expectedVersion}, found ${actualVersion}`,
    );
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** The record an operation needs does not exist, e.g. finishing a run that was never started. */
export class NotFoundError extends StorageError {
  override readonly code = "NOT_FOUND" as const;
  readonly key: string;

  constructor(key: string) {
    super("NOT_FOUND", `${key} does not exist`);
    this.key = key;
  }
}

/** A uniqueness rule was broken, e.g. a second link for a CRM record that is already linked. */
export class DuplicateError extends StorageError {
  override readonly code = "DUPLICATE" as const;
  readonly key: string;

  constructor(key: string, problem: string) {
    super("DUPLICATE", `Duplicate ${key}: ${problem}`);
    this.key = key;
  }
}

/** Why a lease holder was refused. */
export type LeaseLostReason = "expired" | "superseded" | "released" | "unknown-lease";

/**
 * The caller's lease (identified by its fencing token) is no longer the live one: another holder
 * took over, it expired, or it was released. The caller must stop writing for that lease.
 */
export class LeaseLostError extends StorageError {
  override readonly code = "LEASE_LOST" as const;
  readonly lease: string;
  readonly token: number;
  readonly reason: LeaseLostReason;

  constructor(lease: string, token: number, reason: LeaseLostReason) {
    super("LEASE_LOST", `Lease ${lease} with token ${token} is no longer held (${reason})`);
    this.lease = lease;
    this.token = token;
    this.reason = reason;
  }
}

/**
 * An operation does not fit the record's current state, e.g. completing an abandoned create
 * intent or finishing a run twice. `key` names the record, `state` its current state.
 */
export class InvalidStateError extends StorageError {
  override readonly code = "INVALID_STATE" as const;
  readonly key: string;
  readonly state: string;

  constructor(key: string, state: string, problem: string) {
    super("INVALID_STATE", `${key} is ${state}: ${problem}`);
    this.key = key;
    this.state = state;
  }
}
