import type { LeaseLostReason } from "@kobik/storage";

/** Literal codes of every deliberate engine failure. */
export type SyncEngineErrorCode =
  | "INVALID_INPUT"
  | "ITEM_NOT_FOUND"
  | "ITEM_CONFIG"
  | "LINK_NOT_FOUND"
  | "ALREADY_LINKED"
  | "AUTO_LINK"
  | "INVALID_EVENT"
  | "UNVERIFIED_EVENT"
  | "LEASE_LOST";

/**
 * Base of every error the engine throws on purpose. Branch on `instanceof` or `code`. Messages name
 * ids and fields, never values that could hold a secret.
 */
export class SyncEngineError extends Error {
  readonly code: SyncEngineErrorCode;
  /** The argument or payload path at fault, when there is one (e.g. `"issue.id"`). */
  readonly field: string | undefined;

  constructor(code: SyncEngineErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, field: this.field };
  }
}

/** A bad argument, e.g. an empty search text. */
export class EngineInputError extends SyncEngineError {
  constructor(field: string, problem: string) {
    super("INVALID_INPUT", `${field}: ${problem}`, { field });
  }
}

/** No item with this id is stored. */
export class ItemNotFoundError extends SyncEngineError {
  constructor(itemId: string) {
    super("ITEM_NOT_FOUND", `no item "${itemId}" is stored`, { field: "itemId" });
  }
}

/** The item does not fit the live field metadata (unknown field, bad type...); `issues` lists why. */
export class ItemConfigError extends SyncEngineError {
  readonly issues: readonly { readonly pathText: string; readonly code: string; readonly message: string }[];
  constructor(itemId: string, issues: ItemConfigError["issues"]) {
    const first = issues[0];
    super(
      "ITEM_CONFIG",
      `item "${itemId}" does not fit the live metadata: ${first?.pathText}: ${first?.message}`,
      {
        field: first?.pathText,
      },
    );
    this.issues = issues;
  }
}

/** The issue has no link under this item. */
export class LinkNotFoundError extends SyncEngineError {
  constructor(itemId: string, issue: string) {
    super("LINK_NOT_FOUND", `issue ${issue} is not linked under item "${itemId}"`, {
      field: "jiraIssueIdOrKey",
    });
  }
}

/** The issue or the CRM record is already linked under this item. */
export class AlreadyLinkedError extends SyncEngineError {
  constructor(message: string, field: string) {
    super("ALREADY_LINKED", message, { field });
  }
}

/** Auto-managed links are read-only: they can be refreshed and opened, not unlinked by hand. */
export class AutoLinkError extends SyncEngineError {
  constructor(itemId: string, issueKey: string) {
    super(
      "AUTO_LINK",
      `the link of ${issueKey} under item "${itemId}" is auto-managed: only manual links can be unlinked`,
      { field: "jiraIssueIdOrKey" },
    );
  }
}

/** A push payload failed validation; nothing was stored. `field` names the path at fault. */
export class InvalidEventError extends SyncEngineError {
  constructor(message: string, field: string, cause?: unknown) {
    super("INVALID_EVENT", message, { field, cause });
  }
}

/** A Jira delivery whose signature the host did not verify; nothing was read or stored. */
export class UnverifiedEventError extends SyncEngineError {
  constructor() {
    super("UNVERIFIED_EVENT", "the Jira delivery was not verified by the host: refusing it", {
      field: "signatureVerified",
    });
  }
}

/**
 * An apply run lost its item lease: a renewal was refused (another process took the item over after
 * this one stalled past `leaseTtlMs`), or the lease ran out before the heartbeat could renew it. The
 * run stops before its next write and is recorded as failed with this error (`code` `LEASE_LOST`) in
 * `SyncRunResult.errors`; entry points return that result rather than throw it.
 */
export class ItemLeaseLostError extends SyncEngineError {
  /** The lease name, `item:<itemId>`. */
  readonly lease: string;
  /** The fencing token this run held. */
  readonly token: number;
  /** Why it is no longer held, as the store reports it (or `expired` when the run saw it lapse first). */
  readonly reason: LeaseLostReason;

  constructor(lease: string, token: number, reason: LeaseLostReason, cause?: unknown) {
    super(
      "LEASE_LOST",
      `lease ${lease} (token ${token}) was lost (${reason}): another process may own the item now, so this run stopped before writing again; the next run resumes from the saved cursors`,
      { cause },
    );
    this.lease = lease;
    this.token = token;
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), lease: this.lease, token: this.token, reason: this.reason };
  }
}
