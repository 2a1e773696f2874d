import {
  JiraAuthError,
  JiraConflictError,
  JiraInputError,
  JiraMalformedResponseError,
  JiraNetworkError,
  JiraNotFoundError,
  JiraPayloadTooLargeError,
  JiraPermissionError,
  JiraRateLimitedError,
  JiraServerError,
  JiraTimeoutError,
  JiraValidationError,
} from "@kobik/jira-client";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, sequence, TOKEN, testClient, useServer } from "./helpers.js";

const server = useServer();

describe("issues", () => {
  it("creates an issue with entity properties in the same call", async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/issue`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: "10001", key: "ABC-1", self: `${API}/issue/10001` }, { status: 201 });
      }),
    );
    const { jira } = testClient();
    const created = await jira.issues.create({
      fields: { summary: "Renewal", project: { key: "ABC" }, issuetype: { name: "Task" } },
      properties: { "kobik.link": { zohoId: "4876876000000327001" } },
    });
    expect(created).toEqual({ id: "10001", key: "ABC-1", self: `${API}/issue/10001` });
    expect(body).toEqual({
      fields: { summary: "Renewal", project: { key: "ABC" }, issuetype: { name: "Task" } },
      properties: [{ key: "kobik.link", value: { zohoId: "4876876000000327001" } }],
    });
    expect(jira.calls.snapshot()).toEqual({ "POST /rest/api/3/issue": 1 });
  });

  it("checks property sizes before creating", async () => {
    const { jira } = testClient();
    const huge = "x".repeat(40_000);
    await expect(jira.issues.create({ fields: {}, properties: { big: huge } })).rejects.toMatchObject({
      field: "input.properties.big.value",
    });
    expect(jira.calls.total()).toBe(0);
  });

  it("does not repeat a create after a 5xx (the issue may exist)", async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/issue`, () => {
        posts++;
        return HttpResponse.json({ errorMessages: ["boom"] }, { status: 500 });
      }),
    );
    const { jira } = testClient();
    await expect(jira.issues.create({ fields: {} })).rejects.toBeInstanceOf(JiraServerError);
    expect(posts).toBe(1);
  });

  it("gets an issue with fields, expand and properties as CSV", async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${API}/issue/:key`, ({ request, params }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({ id: "10001", key: params.key, fields: { summary: "Renewal" } });
      }),
    );
    const { jira } = testClient();
    const issue = await jira.issues.get("ABC-1", {
      fields: ["summary", "status"],
      properties: ["kobik.link"],
    });
    expect(issue.fields?.summary).toBe("Renewal");
    expect(query?.get("fields")).toBe("summary,status");
    expect(query?.get("properties")).toBe("kobik.link");
    expect(query?.has("expand")).toBe(false);
    expect(jira.calls.snapshot()).toEqual({ "GET /rest/api/3/issue/{issueIdOrKey}": 1 });
  });

  it("edits with notifyUsers=false and deletes with deleteSubtasks", async () => {
    const seen: string[] = [];
    server.use(
      http.put(`${API}/issue/ABC-1`, async ({ request }) => {
        seen.push(`PUT ${new URL(request.url).search} ${JSON.stringify(await request.json())}`);
        return new HttpResponse(null, { status: 204 });
      }),
      http.delete(`${API}/issue/ABC-1`, ({ request }) => {
        seen.push(`DELETE ${new URL(request.url).search}`);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { jira } = testClient();
    await jira.issues.edit("ABC-1", { fields: { summary: "New" } }, { notifyUsers: false });
    await jira.issues.delete("ABC-1", { deleteSubtasks: true });
    expect(seen).toEqual([
      'PUT ?notifyUsers=false {"fields":{"summary":"New"}}',
      "DELETE ?deleteSubtasks=true",
    ]);
  });

  it("rejects an empty issue key without a request", async () => {
    const { jira } = testClient();
    await expect(jira.issues.get(" ")).rejects.toMatchObject({ field: "issueIdOrKey" });
    await expect(jira.issues.get(" ")).rejects.toBeInstanceOf(JiraInputError);
  });

  it.each([
    [401, JiraAuthError],
    [403, JiraPermissionError],
    [404, JiraNotFoundError],
    [409, JiraConflictError],
    [413, JiraPayloadTooLargeError],
    [400, JiraValidationError],
  ])("maps HTTP %i on edit to a typed error with Jira's field errors", async (status, cls) => {
    server.use(
      http.put(`${API}/issue/ABC-1`, () =>
        HttpResponse.json({ errorMessages: ["nope"], errors: { summary: "bad" } }, { status }),
      ),
    );
    const { jira } = testClient();
    const error = await jira.issues.edit("ABC-1", { fields: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ status, errorMessages: ["nope"], errors: { summary: "bad" } });
  });

  it("never puts the API token or the basic credentials in an error", async () => {
    server.use(
      http.get(`${API}/issue/ABC-1`, ({ request }) =>
        HttpResponse.json(
          { errorMessages: [`bad credentials ${request.headers.get("Authorization")} ${TOKEN}`] },
          { status: 401 },
        ),
      ),
    );
    const { jira } = testClient();
    const error = (await jira.issues.get("ABC-1").catch((e: unknown) => e)) as JiraAuthError;
    const text = `${error.message} ${JSON.stringify(error)} ${error.errorMessages.join()}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(btoa(`bot@example.com:${TOKEN}`));
  });

  it("retries a GET after 503 and counts both attempts", async () => {
    server.use(
      http.get(
        `${API}/issue/ABC-1`,
        sequence(
          () => new HttpResponse(null, { status: 503 }),
          () => HttpResponse.json({ id: "1", key: "ABC-1" }),
        ),
      ),
    );
    const { jira } = testClient();
    expect((await jira.issues.get("ABC-1")).key).toBe("ABC-1");
    expect(jira.calls.snapshot()).toEqual({ "GET /rest/api/3/issue/{issueIdOrKey}": 2 });
  });

  it("gives up on 5xx after the retries and reports a JiraServerError", async () => {
    server.use(http.get(`${API}/issue/ABC-1`, () => new HttpResponse("bad gateway", { status: 502 })));
    const { jira } = testClient({ retry: { retries: 2 } });
    await expect(jira.issues.get("ABC-1")).rejects.toBeInstanceOf(JiraServerError);
    expect(jira.calls.total()).toBe(3);
  });

  it("waits out a 429 with Retry-After, then succeeds", async () => {
    server.use(
      http.get(
        `${API}/issue/ABC-1`,
        sequence(
          () =>
            new HttpResponse(null, {
              status: 429,
              headers: { "Retry-After": "2", "RateLimit-Reason": "jira-burst-based" },
            }),
          () => HttpResponse.json({ id: "1", key: "ABC-1" }),
        ),
      ),
    );
    const { jira, waits } = testClient();
    expect((await jira.issues.get("ABC-1")).key).toBe("ABC-1");
    expect(waits).toContain(2000);
  });

  it("returns a long Retry-After as JiraRateLimitedError instead of sleeping through it", async () => {
    server.use(
      http.get(
        `${API}/issue/ABC-1`,
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { "Retry-After": "600", "RateLimit-Reason": "jira-per-issue-on-write" },
          }),
      ),
    );
    const { jira, waits } = testClient();
    const error = (await jira.issues.get("ABC-1").catch((e: unknown) => e)) as JiraRateLimitedError;
    expect(error).toBeInstanceOf(JiraRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 600_000, reason: "jira-per-issue-on-write", quota: false });
    expect(waits).toEqual([]);
  });

  it("on an hourly-quota 429 stops sending until the reset", async () => {
    let now = Date.parse("2026-05-01T09:40:00Z");
    let hits = 0;
    server.use(
      http.get(`${API}/issue/:key`, () => {
        hits++;
        return new HttpResponse(null, {
          status: 429,
          headers: {
            "RateLimit-Reason": "jira-quota-global-based",
            "X-RateLimit-Reset": "2026-05-01T10:00:00Z",
          },
        });
      }),
    );
    const { jira, waits } = testClient({ now: () => now });
    const first = (await jira.issues.get("ABC-1").catch((e: unknown) => e)) as JiraRateLimitedError;
    expect(first).toMatchObject({ quota: true, reason: "jira-quota-global-based" });
    expect(waits).toEqual([]);
    const second = (await jira.issues.get("ABC-2").catch((e: unknown) => e)) as JiraRateLimitedError;
    expect(second).toMatchObject({ quota: true, retryAfterMs: 20 * 60_000 });
    expect(hits).toBe(1);
    now = Date.parse("2026-05-01T10:00:01Z");
    await expect(jira.issues.get("ABC-3")).rejects.toBeInstanceOf(JiraRateLimitedError);
    expect(hits).toBe(2);
  });

  it("lets the host give up on a 429 through onRateLimited", async () => {
    const events: unknown[] = [];
    server.use(
      http.get(
        `${API}/issue/ABC-1`,
        () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }),
      ),
    );
    const { jira } = testClient({
      onRateLimited: (event) => {
        events.push(event);
        return false;
      },
    });
    await expect(jira.issues.get("ABC-1")).rejects.toBeInstanceOf(JiraRateLimitedError);
    expect(events).toEqual([
      {
        endpoint: "GET /rest/api/3/issue/{issueIdOrKey}",
        attempt: 1,
        retryAfterMs: 1000,
        reason: undefined,
        quota: false,
      },
    ]);
  });

  it("maps a timeout to JiraTimeoutError and a dropped connection to JiraNetworkError", async () => {
    server.use(
      http.get(`${API}/issue/SLOW-1`, async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
      http.get(`${API}/issue/DROP-1`, () => HttpResponse.error()),
    );
    const { jira } = testClient({ timeoutMs: 20, retry: { retries: 1 } });
    const slow = await jira.issues.get("SLOW-1").catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(JiraTimeoutError);
    expect(slow).toBeInstanceOf(JiraNetworkError);
    await expect(jira.issues.get("DROP-1")).rejects.toBeInstanceOf(JiraNetworkError);
    expect(jira.calls.total()).toBe(4);
  });

  it("reports a 2xx body that is not JSON as JiraMalformedResponseError", async () => {
    server.use(
      http.get(
        `${API}/issue/ABC-1`,
        () => new HttpResponse("{not json", { headers: { "Content-Type": "application/json" } }),
      ),
      http.get(`${API}/issue/ABC-2`, () => new HttpResponse(null, { status: 200 })),
    );
    const { jira } = testClient();
    await expect(jira.issues.get("ABC-1")).rejects.toBeInstanceOf(JiraMalformedResponseError);
    await expect(jira.issues.get("ABC-2")).rejects.toBeInstanceOf(JiraMalformedResponseError);
  });
});
