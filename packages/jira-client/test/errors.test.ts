import {
  createJiraError,
  JiraAuthError,
  JiraConflictError,
  JiraError,
  JiraNotFoundError,
  JiraPayloadTooLargeError,
  JiraPermissionError,
  JiraRateLimitedError,
  JiraServerError,
  JiraValidationError,
  jiraErrorFromResponse,
} from "@kobik/jira-client";
import { describe, expect, it } from "vitest";

const collection = { errorMessages: ["Issue does not exist"], errors: { summary: "too long" } };

describe("createJiraError", () => {
  it.each([
    [400, JiraValidationError, "VALIDATION"],
    [422, JiraValidationError, "VALIDATION"],
    [401, JiraAuthError, "UNAUTHORIZED"],
    [403, JiraPermissionError, "FORBIDDEN"],
    [404, JiraNotFoundError, "NOT_FOUND"],
    [409, JiraConflictError, "CONFLICT"],
    [413, JiraPayloadTooLargeError, "PAYLOAD_TOO_LARGE"],
    [500, JiraServerError, "SERVER_ERROR"],
    [503, JiraServerError, "SERVER_ERROR"],
  ])("maps %i to its class with Jira's messages", (status, cls, code) => {
    const error = createJiraError({ status, headers: new Headers(), body: collection });
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(JiraError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.errorMessages).toEqual(["Issue does not exist"]);
    expect(error.errors).toEqual({ summary: "too long" });
    expect(error.message).toContain("summary: too long");
  });

  it("falls back to the base class for other statuses and keeps a text body as details", () => {
    const error = createJiraError({ status: 405, headers: new Headers(), body: "<html>nope</html>" });
    expect(error.constructor).toBe(JiraError);
    expect(error.code).toBe("HTTP_405");
    expect(error.details).toBe("<html>nope</html>");
    expect(error.errorMessages).toEqual([]);
  });

  it("reads Retry-After, RateLimit-Reason and the reset time of a 429", () => {
    const headers = new Headers({
      "Retry-After": "7",
      "RateLimit-Reason": "jira-burst-based",
      "X-RateLimit-Reset": "2026-05-01T10:00:00Z",
    });
    const error = createJiraError({ status: 429, headers, body: undefined, now: 0 });
    expect(error).toBeInstanceOf(JiraRateLimitedError);
    const limited = error as JiraRateLimitedError;
    expect(limited.retryAfterMs).toBe(7000);
    expect(limited.reason).toBe("jira-burst-based");
    expect(limited.quota).toBe(false);
    expect(limited.resetAt?.toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });

  it("flags the hourly quota reasons, including their Beta- header variants", () => {
    for (const name of ["RateLimit-Reason", "Beta-RateLimit-Reason"]) {
      const headers = new Headers({ [name]: "jira-quota-tenant-based" });
      const error = createJiraError({ status: 429, headers, body: undefined }) as JiraRateLimitedError;
      expect(error.quota).toBe(true);
      expect(error.code).toBe("RATE_LIMIT_QUOTA");
    }
  });

  it("redacts known secrets and credential-shaped text from message, details and JSON", () => {
    const body = {
      errorMessages: ["token s3cr3t-value leaked", "Authorization: Basic Ym90OnNlY3JldA=="],
      errors: {},
    };
    const error = createJiraError({ status: 401, headers: new Headers(), body, secrets: ["s3cr3t-value"] });
    const text = JSON.stringify(error.toJSON()) + error.message + error.errorMessages.join();
    expect(text).not.toContain("s3cr3t-value");
    expect(text).not.toContain("Ym90OnNlY3JldA==");
    expect(text).toContain("[REDACTED]");
  });

  it("builds the same error from a raw Response", async () => {
    const response = new Response(JSON.stringify(collection), { status: 404 });
    const error = await jiraErrorFromResponse(response);
    expect(error).toBeInstanceOf(JiraNotFoundError);
    expect(error.errorMessages).toEqual(["Issue does not exist"]);
  });
});
