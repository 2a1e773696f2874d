import { ApiError, redactValue, TransportNetworkError, TransportTimeoutError } from "@kobik/transport";

/** Jira's ErrorCollection, as found in 4xx bodies and in bulk-create element errors. */
export interface JiraErrorCollection {
  errorMessages: string[];
  /** Field id -> message, e.g. `{ summary: "You must specify a summary of the issue." }`. */
  errors: Record<string, string>;
}

interface JiraErrorInit {
  status?: number | undefined;
  code: string;
  collection?: JiraErrorCollection | undefined;
  details?: unknown;
  requestId?: string | undefined;
  secrets?: readonly string[];
  cause?: unknown;
}

/**
 * Base of every error the Jira client throws. `errorMessages` and `errors` carry Jira's
 * ErrorCollection (empty when the failure had no Jira body); message and details are redacted.
 */
export class JiraError extends ApiError {
  readonly errorMessages: readonly string[];
  readonly errors: Readonly<Record<string, string>>;

  constructor(message: string, init: JiraErrorInit) {
    super(message, {
      status: init.status,
      code: init.code,
      details: init.details ?? init.collection,
      requestId: init.requestId,
      secrets: init.secrets ?? [],
      cause: init.cause,
    });
    const secrets = init.secrets ?? [];
    this.errorMessages = redactValue(init.collection?.errorMessages ?? [], secrets);
    this.errors = redactValue(init.collection?.errors ?? {}, secrets);
  }
}

/** 401: the credentials are missing, wrong or expired (API tokens expire within a year). */
export class JiraAuthError extends JiraError {}
/** 403: the caller lacks a Jira permission or an OAuth scope for this operation. */
export class JiraPermissionError extends JiraError {}
/** 404: the issue, comment, property or attachment does not exist, or the caller may not see it. */
export class JiraNotFoundError extends JiraError {}
/** 400 or 422: Jira rejected the input; `errors` names the fields at fault. */
export class JiraValidationError extends JiraError {}
/** 409: a conflicting concurrent edit; re-read the issue and try again. */
export class JiraConflictError extends JiraError {}
/** 413: a size limit or a per-issue limit (comments, attachments, links) was hit. */
export class JiraPayloadTooLargeError extends JiraError {}
/** 5xx after the transport's retries were spent (or not allowed, for creates). */
export class JiraServerError extends JiraError {}
/** No HTTP response: DNS, connection reset, TLS. The request may or may not have been processed. */
export class JiraNetworkError extends JiraError {}
/** No response within the per-attempt timeout. */
export class JiraTimeoutError extends JiraNetworkError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, cause: unknown) {
    super(`Jira did not answer within ${timeoutMs} ms`, { code: "TIMEOUT", cause });
    this.timeoutMs = timeoutMs;
  }
}
/** A 2xx response whose body is not the JSON the operation returns. */
export class JiraMalformedResponseError extends JiraError {}

/** Which of Jira's three rate limits answered: see `RateLimit-Reason`. */
export interface JiraRateLimitInfo {
  retryAfterMs: number | undefined;
  /** `RateLimit-Reason`, e.g. `jira-quota-global-based`, `jira-burst-based`, `jira-per-issue-on-write`. */
  reason: string | undefined;
  /** True for the hourly points quota: nothing succeeds until `resetAt`, so pause everything. */
  quota: boolean;
  resetAt: Date | undefined;
}

/** 429 that the transport did not (or was told not to) wait out. */
export class JiraRateLimitedError extends JiraError implements JiraRateLimitInfo {
  readonly retryAfterMs: number | undefined;
  readonly reason: string | undefined;
  readonly quota: boolean;
  readonly resetAt: Date | undefined;

  constructor(message: string, init: JiraErrorInit & { info: JiraRateLimitInfo }) {
    super(message, init);
    this.retryAfterMs = init.info.retryAfterMs;
    this.reason = init.info.reason;
    this.quota = init.info.quota;
    this.resetAt = init.info.resetAt;
  }
}

/** Bad input caught before any request was sent; `field` names the argument at fault. */
export class JiraInputError extends JiraError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { code: "INVALID_INPUT" });
    this.field = field;
  }
}

/** A file is larger than the site's attachment limit (or attachments are disabled); nothing was sent. */
export class JiraAttachmentTooLargeError extends JiraInputError {
  readonly sizeBytes: number;
  readonly limitBytes: number;
  constructor(field: string, sizeBytes: number, limitBytes: number) {
    super(field, `is ${sizeBytes} bytes; the site accepts at most ${limitBytes}`);
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

/** The operation needs another auth kind (e.g. dynamic webhooks exist only for OAuth 2.0 apps). */
export class JiraUnsupportedAuthError extends JiraError {}

/** `transitionTo` found no transition from the current status to the requested one. */
export class JiraNoTransitionError extends JiraError {
  readonly issueIdOrKey: string;
  readonly targetStatus: string;
  /** Status names reachable from the current status. */
  readonly availableTargets: readonly string[];
  constructor(issueIdOrKey: string, targetStatus: string, availableTargets: readonly string[]) {
    const list = availableTargets.length > 0 ? availableTargets.join(", ") : "none";
    super(`no transition of ${issueIdOrKey} leads to "${targetStatus}"; available targets: ${list}`, {
      code: "NO_TRANSITION",
    });
    this.issueIdOrKey = issueIdOrKey;
    this.targetStatus = targetStatus;
    this.availableTargets = availableTargets;
  }
}

/** Maps what the transport throws (no response at all) to the Jira taxonomy; anything else unchanged. */
export function wrapThrown(error: unknown): unknown {
  if (error instanceof JiraError) return error;
  if (error instanceof TransportTimeoutError) return new JiraTimeoutError(error.timeoutMs, error);
  if (error instanceof TransportNetworkError) {
    return new JiraNetworkError(error.message, { code: "NETWORK_ERROR", cause: error });
  }
  if (error instanceof SyntaxError) {
    return new JiraMalformedResponseError("Jira answered with a body that is not valid JSON", {
      code: "MALFORMED_RESPONSE",
      cause: error,
    });
  }
  return error;
}
