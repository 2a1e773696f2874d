import { createHmac } from "node:crypto";
import {
  createJiraClient,
  JiraUnsupportedAuthError,
  JiraWebhookPayloadError,
  JiraWebhookSignatureError,
  jiraDeliveryIssueId,
  parseJiraWebhook,
  verifyJiraWebhook,
} from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { all, testClient, useServer } from "./helpers.js";

const server = useServer();
const OAUTH_API = "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3";
const oauth = () =>
  createJiraClient({ auth: { kind: "oauth", cloudId: "cloud-1", getAccessToken: () => "tok-abcdefgh" } });

describe("dynamic webhooks", () => {
  it("registers, refreshes, lists and deletes", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${OAUTH_API}/webhook`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          webhookRegistrationResult: [{ createdWebhookId: 7 }, { errors: ["bad jql"] }],
        });
      }),
      http.put(`${OAUTH_API}/webhook/refresh`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ expirationDate: Date.parse("2026-06-01T00:00:00Z") });
      }),
      http.get(`${OAUTH_API}/webhook`, ({ request }) => {
        const startAt = new URL(request.url).searchParams.get("startAt");
        const last = startAt !== "0";
        return HttpResponse.json({
          isLast: last,
          values: [{ id: last ? 8 : 7, events: ["jira:issue_created"], jqlFilter: "project = ABC" }],
        });
      }),
      http.delete(`${OAUTH_API}/webhook`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const jira = oauth();
    const details = { events: ["jira:issue_created" as const], jqlFilter: "project = ABC" };
    expect(await jira.webhooks.register("https://hooks.example.com/jira", [details, details])).toEqual([
      { ok: true, id: 7 },
      { ok: false, errors: ["bad jql"] },
    ]);
    expect((await jira.webhooks.refresh([7]))?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect((await all(jira.webhooks.list())).map((w) => w.id)).toEqual([7, 8]);
    await jira.webhooks.delete([7]);
    expect(bodies).toEqual([
      { url: "https://hooks.example.com/jira", webhooks: [details, details] },
      { webhookIds: [7] },
      { webhookIds: [7] },
    ]);
  });

  it("refuses dynamic webhooks for basic auth without a request, and checks input", async () => {
    const { jira } = testClient();
    await expect(jira.webhooks.register("https://x.example", [])).rejects.toBeInstanceOf(
      JiraUnsupportedAuthError,
    );
    await expect(all(jira.webhooks.list())).rejects.toBeInstanceOf(JiraUnsupportedAuthError);
    await expect(oauth().webhooks.register("http://x.example", [])).rejects.toMatchObject({ field: "url" });
    await expect(oauth().webhooks.refresh([])).rejects.toMatchObject({ field: "webhookIds" });
    expect(jira.calls.total()).toBe(0);
  });
});

const SECRET = "webhook-secret-123";
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifyJiraWebhook", () => {
  const deliveries = [
    {
      timestamp: 1,
      webhookEvent: "jira:issue_created",
      issue: { id: "1", key: "ABC-1", fields: { summary: "s" } },
    },
    {
      timestamp: 2,
      webhookEvent: "jira:issue_updated",
      issue: { id: "1", key: "ABC-1" },
      changelog: { items: [{ field: "status", fromString: "To Do", toString: "Done" }] },
    },
    { timestamp: 3, webhookEvent: "jira:issue_deleted", issue: { id: "1", key: "ABC-1" } },
    {
      timestamp: 4,
      webhookEvent: "comment_created",
      comment: { id: "9", body: "hi" },
      issue: { id: "1", key: "ABC-1" },
    },
    { timestamp: 5, webhookEvent: "comment_updated", comment: { id: "9" } },
    { timestamp: 6, webhookEvent: "attachment_created", attachment: { id: 10, filename: "a.txt" } },
  ];

  it.each(deliveries)("accepts a correctly signed $webhookEvent delivery", async (delivery) => {
    const rawBody = JSON.stringify(delivery);
    const parsed = await verifyJiraWebhook({
      rawBody,
      headers: { "X-Hub-Signature": sign(rawBody) },
      secret: SECRET,
    });
    expect(parsed.webhookEvent).toBe(delivery.webhookEvent);
    if (parsed.webhookEvent === "attachment_created") expect(parsed.attachment.id).toBe("10");
  });

  it("accepts bytes and a Headers object", async () => {
    const rawBody = JSON.stringify(deliveries[0]);
    const headers = new Headers({ "x-hub-signature": sign(rawBody) });
    const parsed = await verifyJiraWebhook({
      rawBody: new TextEncoder().encode(rawBody),
      headers,
      secret: SECRET,
    });
    expect(parsed.webhookEvent).toBe("jira:issue_created");
  });

  it("rejects a wrong, missing or malformed signature without leaking the secret", async () => {
    const rawBody = JSON.stringify(deliveries[0]);
    const cases = [
      { "X-Hub-Signature": sign(rawBody, "other-secret") },
      { "X-Hub-Signature": sign(`${rawBody} `) },
      {},
      { "X-Hub-Signature": "sha256=zz" },
      { "X-Hub-Signature": "sha1=abc" },
    ];
    for (const headers of cases) {
      const error = await verifyJiraWebhook({ rawBody, headers, secret: SECRET }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraWebhookSignatureError);
      expect(JSON.stringify(error) + String(error)).not.toContain(SECRET);
    }
  });

  it("rejects signed bodies that are not JSON or not a known delivery, naming the path", async () => {
    for (const rawBody of [
      "not json",
      JSON.stringify({ timestamp: 1, webhookEvent: "jira:issue_created", issue: { id: 1 } }),
    ]) {
      const error = await verifyJiraWebhook({
        rawBody,
        headers: { "X-Hub-Signature": sign(rawBody) },
        secret: SECRET,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraWebhookPayloadError);
    }
    const rawBody = JSON.stringify({ timestamp: 1, webhookEvent: "sprint_started" });
    const error = await verifyJiraWebhook({
      rawBody,
      headers: { "X-Hub-Signature": sign(rawBody) },
      secret: SECRET,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(JiraWebhookPayloadError);
    expect((error as Error).message).toContain("webhookEvent");
  });
});

describe("attachment_created deliveries", () => {
  it("accepts the admin webhook's issue-less payload and says it names no issue", () => {
    const parsed = parseJiraWebhook(
      JSON.stringify({
        timestamp: 1764000000000,
        webhookEvent: "attachment_created",
        attachment: {
          self: "https://acme.atlassian.net/rest/api/2/attachment/10400",
          id: 10400,
          filename: "quote.pdf",
          size: 2048,
          mimeType: "application/pdf",
          content: "https://acme.atlassian.net/rest/api/2/attachment/content/10400",
        },
      }),
    );
    expect(parsed.webhookEvent).toBe("attachment_created");
    if (parsed.webhookEvent !== "attachment_created") return;
    expect(parsed.attachment).toMatchObject({ id: "10400", filename: "quote.pdf", size: 2048 });
    expect(jiraDeliveryIssueId(parsed)).toBeUndefined();
  });

  it("reads the issue from attachment.issueId (Forge's event) or an issue the host added", () => {
    const forge = parseJiraWebhook(
      JSON.stringify({
        timestamp: 1,
        webhookEvent: "attachment_created",
        attachment: { id: "10400", issueId: 10001, fileName: "quote.pdf", size: 2048 },
      }),
    );
    expect(jiraDeliveryIssueId(forge)).toBe("10001");
    const hosted = parseJiraWebhook(
      JSON.stringify({
        timestamp: 1,
        webhookEvent: "attachment_created",
        attachment: { id: "10400" },
        issue: { id: "10002", key: "ABC-2" },
      }),
    );
    expect(jiraDeliveryIssueId(hosted)).toBe("10002");
    const comment = parseJiraWebhook(
      JSON.stringify({ timestamp: 1, webhookEvent: "comment_updated", comment: { id: "9" } }),
    );
    expect(jiraDeliveryIssueId(comment)).toBeUndefined();
  });

  it("names the field at fault when attachment.issueId is not an id", () => {
    expect(() =>
      parseJiraWebhook(
        JSON.stringify({
          timestamp: 1,
          webhookEvent: "attachment_created",
          attachment: { id: "1", issueId: {} },
        }),
      ),
    ).toThrow(/attachment\.issueId/);
  });
});
