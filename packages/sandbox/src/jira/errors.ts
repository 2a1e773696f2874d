import { json } from "../core/http.js";

/** Jira's ErrorCollection: `{errorMessages: string[], errors: {field: message}}`. */
export function jiraError(
  status: number,
  messages: string[],
  errors: Record<string, string> = {},
  headers: Record<string, string> = {},
): Response {
  return json(status, { errorMessages: messages, errors }, headers);
}

/** 404 for an issue the caller cannot see or that does not exist. */
export const issueNotFound = (): Response =>
  jiraError(404, ["Issue does not exist or you do not have permission to see it."]);

/** 403 for a user without the permission a write needs. */
export const forbidden = (what: string): Response =>
  jiraError(403, [`You do not have permission to ${what}.`]);
