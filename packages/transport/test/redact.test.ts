import { ApiError, redactSecrets, redactValue } from "@kobik/transport";
import { describe, expect, it } from "vitest";

describe("redactSecrets", () => {
  it("removes known secret values wherever they appear", () => {
    expect(redactSecrets("token 1000.abcdef.9999 expired", ["1000.abcdef.9999"])).toBe(
      "token [REDACTED] expired",
    );
  });

  it("removes credential-shaped text even when the value is not known", () => {
    const text =
      'Authorization: Zoho-oauthtoken 1000.aaa.bbb; refresh_token=1000.xyz&client_secret=s3cr3t {"access_token":"q"}';
    const out = redactSecrets(text);
    expect(out).not.toMatch(/1000\.aaa|1000\.xyz|s3cr3t|"q"/);
    expect(out).toContain("Zoho-oauthtoken [REDACTED]");
    expect(out).toContain("refresh_token=[REDACTED]");
  });

  it("redacts nested values and secret-named keys", () => {
    expect(
      redactValue({ a: ["key abcdef123"], api_token: "x", nested: { Authorization: "Basic Zm9v" } }, [
        "abcdef123",
      ]),
    ).toEqual({ a: ["key [REDACTED]"], api_token: "[REDACTED]", nested: { Authorization: "[REDACTED]" } });
  });
});

describe("ApiError", () => {
  it("redacts message, details and toJSON at construction", () => {
    const error = new ApiError("refresh with 1000.secret.token failed", {
      status: 401,
      code: "INVALID_TOKEN",
      details: { sent: "1000.secret.token" },
      secrets: ["1000.secret.token"],
    });
    expect(JSON.stringify(error)).not.toContain("1000.secret.token");
    expect(error.message).toBe("refresh with [REDACTED] failed");
    expect(error.toJSON()).toMatchObject({ name: "ApiError", status: 401, code: "INVALID_TOKEN" });
  });
});
