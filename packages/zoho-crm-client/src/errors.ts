import { ApiError, type ApiErrorFields } from "@kobik/transport";

/** One field-level problem Zoho reported (from `details` of `INVALID_DATA`, `MANDATORY_NOT_FOUND`...). */
export interface ZohoFieldError {
  /** The field's API name, e.g. `Last_Name`. */
  apiName: string | undefined;
  /** Where in the request body, e.g. `$.data[0].Last_Name`. */
  jsonPath: string | undefined;
  code: string;
  message: string;
  expectedDataType: string | undefined;
  maximumLength: number | undefined;
}

/** Base of every error this client throws. Branch on the subclass or on `code`. */
export class ZohoError extends ApiError {}

/** The token or the user's permission was refused (401/403, `INVALID_TOKEN` after a refresh, `NO_PERMISSION`). */
export class ZohoAuthError extends ZohoError {}

/**
 * The connection must be authorized again: a scope is missing (`OAUTH_SCOPE_MISMATCH`), the refresh
 * token was revoked or pushed out by Zoho's 20-token cap (`invalid_code`), or no token is stored.
 */
export class ZohoReconnectRequiredError extends ZohoAuthError {
  /** The scope the failed endpoint needs, when known. */
  readonly missingScope: string | undefined;
  constructor(message: string, fields: ApiErrorFields & { missingScope?: string | undefined }) {
    super(message, fields);
    this.missingScope = fields.missingScope;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), missingScope: this.missingScope };
  }
}

/** 429 `TOO_MANY_REQUESTS` (credits or concurrency), after the retries the policy allowed. */
export class ZohoRateLimitedError extends ZohoError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, fields: ApiErrorFields & { retryAfterMs?: number | undefined }) {
    super(message, fields);
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** Zoho rejected the request's data (400 `INVALID_DATA`, `MANDATORY_NOT_FOUND`, `DUPLICATE_DATA`...). */
export class ZohoValidationError extends ZohoError {
  readonly fieldErrors: readonly ZohoFieldError[];
  constructor(message: string, fields: ApiErrorFields & { fieldErrors: readonly ZohoFieldError[] }) {
    super(message, fields);
    this.fieldErrors = fields.fieldErrors;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fieldErrors: this.fieldErrors };
  }
}

/** The record, user or URL does not exist (404, or 204 where one item was asked for). */
export class ZohoNotFoundError extends ZohoError {}

/** 5xx, or a 2xx whose body is not what the API documents (`MALFORMED_RESPONSE`). */
export class ZohoServerError extends ZohoError {}

/** No HTTP response at all: connection refused or reset, DNS, TLS. */
export class ZohoNetworkError extends ZohoError {}

/** No response within the per-attempt timeout. */
export class ZohoTimeoutError extends ZohoNetworkError {}

/** Bad input caught before any request was sent; `field` names the argument at fault. */
export class ZohoInputError extends ZohoError {
  readonly field: string;
  constructor(field: string, problem: string, code = "INVALID_ARGUMENT") {
    super(`${field}: ${problem}`, { code, details: { field } });
    this.field = field;
  }
}

/** An attachment larger than `attachmentMaxBytes`; no request was made. */
export class ZohoAttachmentTooLargeError extends ZohoInputError {
  readonly sizeBytes: number;
  readonly maxBytes: number;
  constructor(sizeBytes: number, maxBytes: number) {
    super("file", `${sizeBytes} bytes is over the ${maxBytes}-byte attachment limit`, "ATTACHMENT_TOO_LARGE");
    this.sizeBytes = sizeBytes;
    this.maxBytes = maxBytes;
  }
}

/** An incoming notification failed verification: malformed body, wrong token or unknown channel. */
export class ZohoNotificationError extends ZohoError {}
