import { redactSecrets, redactValue } from "./redact.js";

/** Fields every API error carries; `code` is the vendor's error code or one of ours. */
export interface ApiErrorFields {
  status?: number | undefined;
  code: string;
  details?: unknown;
  requestId?: string | undefined;
  /** Secret values known to the client at the time (tokens, keys): scrubbed from message and details. */
  secrets?: readonly string[];
  cause?: unknown;
}

/**
 * Base of every error the Kobik clients throw. Message and details are redacted at construction,
 * so a secret can't leak through `message`, `toJSON()`, a log line or a snapshot.
 */
export class ApiError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(message: string, fields: ApiErrorFields) {
    const secrets = fields.secrets ?? [];
    super(redactSecrets(message, secrets), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.status = fields.status;
    this.code = fields.code;
    this.details = redactValue(fields.details, secrets);
    this.requestId = fields.requestId;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      details: this.details,
      requestId: this.requestId,
    };
  }
}

/** The request never produced an HTTP response: DNS, connection reset, TLS, aborted socket. */
export class TransportNetworkError extends ApiError {
  constructor(message: string, cause: unknown) {
    super(message, { code: "NETWORK_ERROR", cause });
  }
}

/** No response arrived within the configured per-attempt timeout. */
export class TransportTimeoutError extends ApiError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`, { code: "TIMEOUT" });
    this.timeoutMs = timeoutMs;
  }
}
