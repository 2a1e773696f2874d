import { parseRetryAfter } from "@kobik/transport";
import {
  ZohoAuthError,
  type ZohoError,
  ZohoError as ZohoErrorClass,
  type ZohoFieldError,
  ZohoNotFoundError,
  ZohoRateLimitedError,
  ZohoReconnectRequiredError,
  ZohoServerError,
  ZohoValidationError,
} from "./errors.js";
import { scopeForEndpoint } from "./scopes.js";

/** What the factory needs besides the response: where it came from and which secrets to scrub. */
export interface ZohoErrorContext {
  /** Endpoint label, e.g. `GET /crm/v8/Leads`. */
  endpoint?: string | undefined;
  secrets?: readonly string[];
  now?: () => number;
}

// `invalid_code` on refresh means the refresh token is gone (revoked, or pushed out by the cap of
// 20 per user); Kaizen #25 spells AUTHENTICATION_FAILED where the OAS says AUTHENTICATION_FAILURE.
const RECONNECT_CODES = new Set(["OAUTH_SCOPE_MISMATCH", "invalid_code", "access_denied"]);
const AUTH_CODES = new Set([
  "INVALID_TOKEN",
  "AUTHENTICATION_FAILURE",
  "AUTHENTICATION_FAILED",
  "NO_PERMISSION",
  "invalid_client",
  "invalid_client_secret",
  "invalid_redirect_uri",
]);
const NOT_FOUND_CODES = new Set(["NOT_FOUND", "INVALID_URL_PATTERN"]);

/**
 * The one place a Zoho failure becomes a typed error: by Zoho `code` first (the status is shared
 * by many codes and token errors arrive with HTTP 200), then by HTTP status.
 *
 * @example
 * const error = zohoErrorFromResponse(response, await response.json(), { endpoint: "GET /crm/v8/org" });
 * if (error instanceof ZohoReconnectRequiredError) console.log(error.missingScope);
 */
export function zohoErrorFromResponse(
  response: Response,
  body: unknown,
  context: ZohoErrorContext = {},
): ZohoError {
  const { status } = response;
  const parsed = readErrorBody(body);
  const code = parsed.code ?? (status >= 500 ? "INTERNAL_ERROR" : `HTTP_${status}`);
  const where = context.endpoint ? ` (${context.endpoint})` : "";
  const message = `Zoho ${status} ${code}: ${parsed.message ?? response.statusText ?? "request failed"}${where}`;
  const fields = {
    status,
    code,
    details: parsed.details,
    requestId: response.headers.get("x-request-id") ?? undefined,
    secrets: context.secrets ?? [],
  };
  if (RECONNECT_CODES.has(code)) {
    const missingScope = code === "OAUTH_SCOPE_MISMATCH" ? scopeForEndpoint(context.endpoint) : undefined;
    const hint = missingScope ? `; grant scope ${missingScope}` : "";
    return new ZohoReconnectRequiredError(`${message}${hint}`, { ...fields, missingScope });
  }
  if (code === "TOO_MANY_REQUESTS" || status === 429 || isTokenThrottle(parsed.message)) {
    const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), (context.now ?? Date.now)());
    return new ZohoRateLimitedError(message, { ...fields, code: "TOO_MANY_REQUESTS", retryAfterMs });
  }
  if (AUTH_CODES.has(code) || status === 401 || status === 403 || parsed.oauth) {
    return new ZohoAuthError(message, fields);
  }
  if (NOT_FOUND_CODES.has(code) || status === 404) return new ZohoNotFoundError(message, fields);
  if (status >= 500 || code === "INTERNAL_ERROR") return new ZohoServerError(message, fields);
  if (status === 400 || status === 413 || status === 422 || status < 300) {
    return new ZohoValidationError(message, { ...fields, fieldErrors: fieldErrorsOf(body, code) });
  }
  return new ZohoErrorClass(message, fields);
}

interface ParsedErrorBody {
  /** The body is an OAuth (Zoho Accounts) error: `{"error": ...}`. */
  oauth: boolean;
  code: string | undefined;
  message: string | undefined;
  details: unknown;
}

/** Zoho's three error shapes: `{code,message,details}`, `{data:[{code,...}]}` and `{error}` (OAuth). */
function readErrorBody(body: unknown): ParsedErrorBody {
  if (!isObject(body)) return { oauth: false, code: undefined, message: undefined, details: undefined };
  const first = Array.isArray(body.data) && isObject(body.data[0]) ? body.data[0] : undefined;
  const source = typeof body.code === "string" ? body : (first ?? body);
  const code = str(source.code) ?? str(body.error);
  const message = str(source.message) ?? str(body.error_description) ?? str(body.error);
  const oauth = typeof body.error === "string" && typeof body.code !== "string";
  return { oauth, code, message, details: source.details ?? (first ? body.data : undefined) };
}

// Zoho Accounts throttles token minting with `{"error":"Access Denied","error_description":"You have
// made too many requests continuously..."}`.
function isTokenThrottle(message: string | undefined): boolean {
  return message !== undefined && /too many requests/i.test(message);
}

/** Field-level problems from a single error body or from every failed item of a batch. */
export function fieldErrorsOf(body: unknown, fallbackCode: string): ZohoFieldError[] {
  if (!isObject(body)) return [];
  const items = Array.isArray(body.data) ? body.data : [body];
  const out: ZohoFieldError[] = [];
  for (const item of items) {
    if (!isObject(item) || item.status === "success") continue;
    const details = isObject(item.details) ? item.details : {};
    if (details.api_name === undefined && details.json_path === undefined) continue;
    out.push({
      apiName: str(details.api_name),
      jsonPath: str(details.json_path),
      code: str(item.code) ?? fallbackCode,
      message: str(item.message) ?? "",
      expectedDataType: str(details.expected_data_type),
      maximumLength: typeof details.maximum_length === "number" ? details.maximum_length : undefined,
    });
  }
  return out;
}

/** @internal */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
