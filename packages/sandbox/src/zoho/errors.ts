import { json } from "../core/http.js";

/** Zoho's error body: `{"code","details","message","status":"error"}`. */
export function zohoError(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json(status, { code, details, message, status: "error" }, headers);
}

/** A per-record error item inside a `{"data":[...]}` write response. */
export interface ZohoItemError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: "error";
}

/** Builds a per-record error item. */
export function itemError(code: string, message: string, details: Record<string, unknown>): ZohoItemError {
  return { code, details, message, status: "error" };
}

/** 401 for an unknown, expired, revoked or other-DC access token. */
export const invalidToken = (): Response => zohoError(401, "INVALID_TOKEN", "invalid oauth token");

/** 401 when the token lacks a scope the call needs. */
export const scopeMismatch = (): Response =>
  zohoError(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL");

/** 400 for a missing query parameter. */
export const paramMissing = (param: string): Response =>
  zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param });

/** 400 for a malformed parameter value. */
export const invalidParam = (param: string, message = "invalid data"): Response =>
  zohoError(400, "INVALID_DATA", message, { param });
