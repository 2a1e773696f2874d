import { parseRetryAfter } from "@kobik/transport";
import {
  JiraAuthError,
  JiraConflictError,
  JiraError,
  type JiraErrorCollection,
  JiraNotFoundError,
  JiraPayloadTooLargeError,
  JiraPermissionError,
  JiraRateLimitedError,
  type JiraRateLimitInfo,
  JiraServerError,
  JiraValidationError,
} from "./errors.js";

/** What the factory needs from a failed response; the body is already read (JSON or text). */
export interface FailedResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** Known secrets (tokens) to scrub from the message and details. */
  secrets?: readonly string[];
  now?: number;
}

/**
 * The one place a failed Jira response becomes a typed error: picks the class by status, carries
 * Jira's `errorMessages` / field `errors`, and reads the rate-limit headers of a 429.
 *
 * @example
 * const error = createJiraError({ status: 404, headers: new Headers(), body: { errorMessages: ["Issue does not exist"] } });
 * error instanceof JiraNotFoundError; // true
 */
export function createJiraError(failed: FailedResponse): JiraError {
  const { status, headers } = failed;
  const collection = readErrorCollection(failed.body);
  const requestId = headers.get("X-AREQUESTID") ?? headers.get("atl-traceid") ?? undefined;
  const summary = [
    ...collection.errorMessages,
    ...Object.entries(collection.errors).map(([f, m]) => `${f}: ${m}`),
  ];
  const message = `Jira answered ${status}${summary.length > 0 ? `: ${summary.join("; ")}` : ""}`;
  const init = {
    status,
    collection,
    details:
      collection.errorMessages.length > 0 || Object.keys(collection.errors).length > 0
        ? collection
        : failed.body,
    requestId,
    secrets: failed.secrets ?? [],
  };
  if (status === 429) {
    const info = readRateLimit(headers, failed.now ?? Date.now());
    return new JiraRateLimitedError(message, {
      ...init,
      code: info.quota ? "RATE_LIMIT_QUOTA" : "RATE_LIMITED",
      info,
    });
  }
  if (status >= 500) return new JiraServerError(message, { ...init, code: "SERVER_ERROR" });
  switch (status) {
    case 400:
    case 422:
      return new JiraValidationError(message, { ...init, code: "VALIDATION" });
    case 401:
      return new JiraAuthError(message, { ...init, code: "UNAUTHORIZED" });
    case 403:
      return new JiraPermissionError(message, { ...init, code: "FORBIDDEN" });
    case 404:
      return new JiraNotFoundError(message, { ...init, code: "NOT_FOUND" });
    case 409:
      return new JiraConflictError(message, { ...init, code: "CONFLICT" });
    case 413:
      return new JiraPayloadTooLargeError(message, { ...init, code: "PAYLOAD_TOO_LARGE" });
    default:
      return new JiraError(message, { ...init, code: `HTTP_${status}` });
  }
}

/** Reads a Response's body and hands it to {@link createJiraError}. */
export async function jiraErrorFromResponse(
  response: Response,
  secrets: readonly string[] = [],
): Promise<JiraError> {
  const text = await response.text().catch(() => "");
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Gateways answer with HTML or plain text; keep it as text for the details.
  }
  return createJiraError({ status: response.status, headers: response.headers, body, secrets });
}

/**
 * Jira's rate-limit headers, with their `Beta-` variants (used while a limit is still in beta).
 * The quota reasons (`jira-quota-global-based`, `jira-quota-tenant-based`) deny everything until
 * the hourly reset, so they are flagged for the caller to pause rather than retry.
 */
export function readRateLimit(headers: Headers, now: number): JiraRateLimitInfo {
  const retryAfter = headers.get("Retry-After") ?? headers.get("Beta-Retry-After");
  const reason = headers.get("RateLimit-Reason") ?? headers.get("Beta-RateLimit-Reason") ?? undefined;
  const resetHeader = headers.get("X-RateLimit-Reset") ?? headers.get("X-Beta-RateLimit-Reset");
  const resetMs = resetHeader === null ? Number.NaN : Date.parse(resetHeader);
  return {
    retryAfterMs: parseRetryAfter(retryAfter, now),
    reason,
    quota: isQuotaReason(reason),
    resetAt: Number.isNaN(resetMs) ? undefined : new Date(resetMs),
  };
}

/** True for the hourly points-quota reasons, as opposed to burst or per-issue limits. */
export function isQuotaReason(reason: string | undefined): boolean {
  return reason !== undefined && /quota/i.test(reason);
}

function readErrorCollection(body: unknown): JiraErrorCollection {
  const out: JiraErrorCollection = { errorMessages: [], errors: {} };
  if (body === null || typeof body !== "object") return out;
  const { errorMessages, errors } = body as Record<string, unknown>;
  if (Array.isArray(errorMessages)) out.errorMessages = errorMessages.filter((m) => typeof m === "string");
  if (errors !== null && typeof errors === "object" && !Array.isArray(errors)) {
    for (const [field, msg] of Object.entries(errors)) if (typeof msg === "string") out.errors[field] = msg;
  }
  return out;
}
