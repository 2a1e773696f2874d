import {
  ZohoAuthError,
  ZohoError,
  ZohoNetworkError,
  ZohoNotFoundError,
  ZohoRateLimitedError,
  ZohoReconnectRequiredError,
  ZohoServerError,
  ZohoTimeoutError,
  ZohoValidationError,
  zohoErrorFromResponse,
} from "@kobik/zoho-crm-client";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { CRM, testClient, useServer, zohoError } from "./helpers.js";

const server = useServer();
const ORG = { org: [{ id: "111" }] };

function sequence(...replies: Array<() => Response | Promise<Response>>) {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)]!();
}

describe("error paths", () => {
  it("OAUTH_SCOPE_MISMATCH is reconnect-required and names the endpoint's scope", async () => {
    server.use(http.get(`${CRM}/users`, () => zohoError(401, "OAUTH_SCOPE_MISMATCH")));
    const { client } = testClient();
    const error = await client.users.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoReconnectRequiredError);
    expect(error).toMatchObject({
      status: 401,
      code: "OAUTH_SCOPE_MISMATCH",
      missingScope: "ZohoCRM.users.ALL",
    });
    expect((error as Error).message).toContain("grant scope ZohoCRM.users.ALL");
  });

  it("names the search scope for a scope failure on search", async () => {
    server.use(http.get(`${CRM}/Leads/search`, () => zohoError(401, "OAUTH_SCOPE_MISMATCH")));
    const { client } = testClient();
    await expect(client.records.search("Leads", { word: "acme" })).rejects.toMatchObject({
      missingScope: "ZohoSearch.securesearch.READ",
    });
  });

  it("429 with Retry-After waits what the server said, then succeeds", async () => {
    server.use(
      http.get(
        `${CRM}/org`,
        sequence(
          () =>
            HttpResponse.json(
              { code: "TOO_MANY_REQUESTS" },
              { status: 429, headers: { "Retry-After": "2" } },
            ),
          () => HttpResponse.json(ORG),
        ),
      ),
    );
    const { client, waits } = testClient();
    await client.org.get();
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[0]).toBeLessThanOrEqual(2100);
    expect(client.calls.snapshot()["GET /crm/v8/org"]).toBe(2);
  });

  it("429 without Retry-After backs off exponentially with jitter", async () => {
    server.use(
      http.get(
        `${CRM}/org`,
        sequence(
          () => zohoError(429, "TOO_MANY_REQUESTS"),
          () => zohoError(429, "TOO_MANY_REQUESTS"),
          () => HttpResponse.json(ORG),
        ),
      ),
    );
    const { client, waits } = testClient();
    await client.org.get();
    // random() = 0.5: half of 250 ms, then half of 500 ms.
    expect(waits).toEqual([125, 250]);
  });

  it("429 after the retries are spent, or when the host gives up, is a rate-limited error", async () => {
    server.use(http.get(`${CRM}/org`, () => zohoError(429, "TOO_MANY_REQUESTS")));
    const events: unknown[] = [];
    const { client } = testClient({
      onRateLimited: (event) => {
        events.push(event);
        return false;
      },
    });
    const error = await client.org.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoRateLimitedError);
    expect(error).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
    expect(events).toHaveLength(1);
    expect(client.calls.total()).toBe(1);
  });

  it("retries a 5xx on a read, then reports a server error", async () => {
    server.use(http.get(`${CRM}/org`, () => zohoError(500, "INTERNAL_ERROR")));
    const { client } = testClient({ retry: { retries: 2 } });
    const error = await client.org.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoServerError);
    expect(client.calls.snapshot()["GET /crm/v8/org"]).toBe(3);
  });

  it("a timeout becomes ZohoTimeoutError (a ZohoNetworkError)", async () => {
    server.use(
      http.get(`${CRM}/org`, async () => {
        await delay("infinite");
        return HttpResponse.json(ORG);
      }),
    );
    const { client } = testClient({ timeoutMs: 20, retry: { retries: 1 } });
    const error = await client.org.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoTimeoutError);
    expect(error).toBeInstanceOf(ZohoNetworkError);
    expect(client.calls.total()).toBe(2);
  });

  it("a dropped connection becomes ZohoNetworkError", async () => {
    server.use(http.get(`${CRM}/org`, () => HttpResponse.error()));
    const { client } = testClient({ retry: { retries: 0 } });
    await expect(client.org.get()).rejects.toBeInstanceOf(ZohoNetworkError);
  });

  it("malformed JSON in a 200 is a server error, not a crash", async () => {
    server.use(
      http.get(
        `${CRM}/org`,
        () => new HttpResponse("{not json", { headers: { "Content-Type": "application/json" } }),
      ),
    );
    const { client } = testClient();
    await expect(client.org.get()).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" });
    await expect(client.org.get()).rejects.toBeInstanceOf(ZohoServerError);
  });

  it("a 200 of the wrong shape is malformed", async () => {
    server.use(http.get(`${CRM}/users`, () => HttpResponse.json({ data: [] })));
    const { client } = testClient();
    await expect(client.users.list()).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" });
  });

  it("404 is not-found; 403 NO_PERMISSION is an auth error", async () => {
    server.use(
      http.get(
        `${CRM}/org`,
        sequence(
          () => zohoError(404, "INVALID_URL_PATTERN"),
          () => zohoError(403, "NO_PERMISSION"),
        ),
      ),
    );
    const { client } = testClient();
    await expect(client.org.get()).rejects.toBeInstanceOf(ZohoNotFoundError);
    await expect(client.org.get()).rejects.toBeInstanceOf(ZohoAuthError);
  });

  it("400 INVALID_DATA carries field-level details", async () => {
    server.use(
      http.get(`${CRM}/settings/fields`, () =>
        zohoError(400, "INVALID_DATA", {
          api_name: "module",
          json_path: "$.module",
          expected_data_type: "module",
        }),
      ),
    );
    const { client } = testClient();
    const error = (await client.metadata.fields("Leadz").catch((e: unknown) => e)) as ZohoValidationError;
    expect(error).toBeInstanceOf(ZohoValidationError);
    expect(error.fieldErrors).toEqual([
      {
        apiName: "module",
        jsonPath: "$.module",
        code: "INVALID_DATA",
        message: "invalid_data",
        expectedDataType: "module",
        maximumLength: undefined,
      },
    ]);
  });
});

describe("zohoErrorFromResponse", () => {
  const classify = (status: number, body: unknown) =>
    zohoErrorFromResponse(new Response(null, { status }), body);

  it("maps by code first, then status", () => {
    expect(classify(401, { code: "INVALID_TOKEN" })).toBeInstanceOf(ZohoAuthError);
    expect(classify(401, { code: "AUTHENTICATION_FAILED" })).toBeInstanceOf(ZohoAuthError);
    expect(classify(200, { error: "invalid_client" })).toBeInstanceOf(ZohoAuthError);
    expect(classify(200, { error: "invalid_code" })).toBeInstanceOf(ZohoReconnectRequiredError);
    expect(classify(429, {})).toBeInstanceOf(ZohoRateLimitedError);
    expect(classify(503, undefined)).toBeInstanceOf(ZohoServerError);
    expect(
      classify(400, {
        data: [{ code: "MANDATORY_NOT_FOUND", status: "error", details: { api_name: "Last_Name" } }],
      }),
    ).toBeInstanceOf(ZohoValidationError);
    expect(classify(405, {})).toBeInstanceOf(ZohoError);
    expect(classify(405, {}).code).toBe("HTTP_405");
  });

  it("redacts known secrets and credential-shaped text from message, details and toJSON", () => {
    const error = zohoErrorFromResponse(
      new Response(null, { status: 400 }),
      {
        code: "INVALID_DATA",
        message: "bad value s3cr3t-token-value",
        details: { access_token: "x", note: "Zoho-oauthtoken abc.def" },
      },
      { secrets: ["s3cr3t-token-value"] },
    );
    const json = JSON.stringify(error);
    expect(json).not.toContain("s3cr3t-token-value");
    expect(json).not.toContain("abc.def");
    expect(error.message).toContain("[REDACTED]");
  });
});
