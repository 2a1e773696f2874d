export {
  type CallCounter,
  type CallCounts,
  createCallCounter,
  defaultEndpointLabel,
} from "./call-counter.js";
export { ApiError, type ApiErrorFields, TransportNetworkError, TransportTimeoutError } from "./errors.js";
export { redactSecrets, redactValue } from "./redact.js";
export {
  type AttemptFailure,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  isRetryableStatus,
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
} from "./retry-policy.js";
export { sleep } from "./sleep.js";
export {
  type AttemptEvent,
  createTransport,
  type RateLimitEvent,
  type Transport,
  type TransportOptions,
} from "./transport.js";
