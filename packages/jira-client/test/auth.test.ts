import { createJiraClient, fromRequestJira, JiraAuthError, JiraInputError } from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, TOKEN, testClient, useServer } from "./helpers.js";

const server = useServer();
const CLOUD = "11111111-2222-3333-4444-555555555555";
const OAUTH_API = `https://api.atlassian.com/ex/jira/${CLOUD}/rest/api/3`;

describe("auth", () => {
  it("sends basic credentials as base64(email:token)", async () => {
    let header: string | null = null;
    server.use(
      http.get(`${API}/issue/ABC-1`, ({ request }) => {
        header = request.headers.get("Authorization");
        return HttpResponse.json({ id: "1", key: "ABC-1" });
      }),
    );
    await testClient().jira.issues.get("ABC-1");
    expect(header).toBe(`Basic ${btoa(`bot@example.com:${TOKEN}`)}`);
  });

  it("calls the cloudId base URL with a bearer token for OAuth", async () => {
    let header: string | null = null;
    server.use(
      http.get(`${OAUTH_API}/issue/ABC-1`, ({ request }) => {
        header = request.headers.get("Authorization");
        return HttpResponse.json({ id: "1", key: "ABC-1" });
      }),
    );
    const jira = createJiraClient({
      auth: { kind: "oauth", cloudId: CLOUD, getAccessToken: () => "access-1-abcdef" },
    });
    await jira.issues.get("ABC-1");
    expect(header).toBe("Bearer access-1-abcdef");
    expect(jira.calls.snapshot()).toEqual({ "GET /rest/api/3/issue/{issueIdOrKey}": 1 });
  });

  it("refreshes once for concurrent 401s and retries each request once with the new token", async () => {
    let token = "old-token-123456";
    let refreshes = 0;
    const seen: string[] = [];
    server.use(
      http.get(`${OAUTH_API}/issue/:key`, ({ request, params }) => {
        const auth = request.headers.get("Authorization") ?? "";
        seen.push(`${params.key} ${auth}`);
        if (auth !== "Bearer new-token-654321")
          return HttpResponse.json({ errorMessages: ["expired"] }, { status: 401 });
        return HttpResponse.json({ id: "1", key: params.key });
      }),
    );
    const jira = createJiraClient({
      auth: {
        kind: "oauth",
        cloudId: CLOUD,
        getAccessToken: () => token,
        onUnauthorized: async () => {
          refreshes++;
          await Promise.resolve();
          token = "new-token-654321";
        },
      },
    });
    const [a, b] = await Promise.all([jira.issues.get("ABC-1"), jira.issues.get("ABC-2")]);
    expect([a.key, b.key]).toEqual(["ABC-1", "ABC-2"]);
    expect(refreshes).toBe(1);
    expect(seen.filter((s) => s.endsWith("new-token-654321"))).toHaveLength(2);
  });

  it("gives up after one retry and never leaks either token", async () => {
    let n = 0;
    server.use(
      http.get(`${OAUTH_API}/issue/ABC-1`, ({ request }) =>
        HttpResponse.json(
          { errorMessages: [`rejected ${request.headers.get("Authorization")}`] },
          { status: 401 },
        ),
      ),
    );
    const jira = createJiraClient({
      auth: {
        kind: "oauth",
        cloudId: CLOUD,
        getAccessToken: () => `tok-${++n}-abcdefgh`,
        onUnauthorized: () => {},
      },
    });
    const error = (await jira.issues.get("ABC-1").catch((e: unknown) => e)) as JiraAuthError;
    expect(error).toBeInstanceOf(JiraAuthError);
    expect(jira.calls.total()).toBe(2);
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toMatch(/tok-\d-abcdefgh/);
  });

  it("reports a failing refresh hook as JiraAuthError with the hook's error as cause", async () => {
    server.use(http.get(`${OAUTH_API}/issue/ABC-1`, () => new HttpResponse(null, { status: 401 })));
    const boom = new Error("invalid_grant");
    const jira = createJiraClient({
      auth: {
        kind: "oauth",
        cloudId: CLOUD,
        getAccessToken: () => "tok-abcdefgh",
        onUnauthorized: () => {
          throw boom;
        },
      },
    });
    const error = (await jira.issues.get("ABC-1").catch((e: unknown) => e)) as JiraAuthError;
    expect(error).toBeInstanceOf(JiraAuthError);
    expect(error.code).toBe("REFRESH_FAILED");
    expect(error.cause).toBe(boom);
  });

  it("host mode sends only the path through the host's requestJira and adds no credentials", async () => {
    const sent: Array<{ path: string; init: RequestInit }> = [];
    const jira = createJiraClient({
      auth: { kind: "host" },
      fetch: fromRequestJira(async (path, init) => {
        sent.push({ path, init });
        // A Forge-style response object: not a WHATWG Response.
        const body = new TextEncoder().encode(JSON.stringify({ id: "1", key: "ABC-1" })).buffer;
        return {
          status: 200,
          headers: new Headers({ "Content-Type": "application/json" }),
          arrayBuffer: async () => body,
        };
      }),
    });
    expect((await jira.issues.get("ABC-1", { fields: ["summary"] })).key).toBe("ABC-1");
    expect(sent[0]?.path).toBe("/rest/api/3/issue/ABC-1?fields=summary");
    expect(new Headers(sent[0]?.init.headers).has("Authorization")).toBe(false);
  });

  it("host mode passes bodies and 204s through", async () => {
    const bodies: string[] = [];
    const jira = createJiraClient({
      auth: { kind: "host" },
      fetch: fromRequestJira(async (_path, init) => {
        bodies.push(new TextDecoder().decode(init.body as ArrayBuffer));
        return { status: 204, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) };
      }),
    });
    await jira.issues.edit("ABC-1", { fields: { summary: "x" } });
    expect(bodies).toEqual(['{"fields":{"summary":"x"}}']);
  });

  it("validates options, naming the field", () => {
    const bad = (options: unknown) => () => createJiraClient(options as never);
    expect(bad({ auth: { kind: "basic", email: "x@y.z", apiToken: "t" } })).toThrow(/baseUrl/);
    expect(bad({ auth: { kind: "basic", email: "nobody", apiToken: "t" }, baseUrl: "https://x" })).toThrow(
      /auth.email/,
    );
    expect(bad({ auth: { kind: "basic", email: "a@b.c", apiToken: "" }, baseUrl: "https://x" })).toThrow(
      /auth.apiToken/,
    );
    expect(bad({ auth: { kind: "oauth", cloudId: "", getAccessToken: () => "" } })).toThrow(/auth.cloudId/);
    expect(bad({ auth: { kind: "host" } })).toThrow(/fetch/);
    expect(bad({ auth: { kind: "basic", email: "a@b.c", apiToken: "t" }, baseUrl: "example.net" })).toThrow(
      JiraInputError,
    );
  });
});
