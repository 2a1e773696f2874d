import { createHmac } from "node:crypto";
import { createJiraSimulator, JIRA_SANDBOX_WEBHOOK_SECRET, type JiraSimulator } from "@kobik/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { body } from "./zoho-helpers.js";

let jira: JiraSimulator | undefined;
afterEach(async () => {
  await jira?.close();
  jira = undefined;
});

async function setup(options: Parameters<typeof createJiraSimulator>[0] = {}) {
  jira = await createJiraSimulator({
    clock: { kind: "manual", start: "2026-11-22T10:15:30.123Z" },
    ...options,
  });
  const sim = jira;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.url}/rest/api/3${path}`, {
      ...init,
      headers: {
        authorization: sim.basicAuth(),
        "content-type": "application/json",
        ...(init.headers as Record<string, string>),
      },
    });
  const create = async (fields: Record<string, unknown>) =>
    call("/issue", {
      method: "POST",
      body: JSON.stringify({ fields: { project: { key: "KOB" }, issuetype: { name: "Task" }, ...fields } }),
    });
  return { sim, call, create };
}

const doc = (text: string) => ({
  type: "doc",
  version: 1,
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

describe("Jira issues", () => {
  it("creates issues with keys per project and Jira timestamps", async () => {
    const { call, create } = await setup();
    const created = await body(
      await create({ summary: "Renew contract — Zürich", description: doc("Hello") }),
    );
    expect(created).toMatchObject({ id: expect.stringMatching(/^\d+$/), key: "KOB-1" });
    const issue = await body(await call("/issue/kob-1"));
    expect(issue.fields.updated).toBe("2026-11-22T10:15:30.123+0000");
    expect(issue.fields.status.name).toBe("To Do");
  });

  it("rejects a summary over 255 characters with errors.summary", async () => {
    const { create } = await setup();
    const res = await create({ summary: "x".repeat(256) });
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({
      errorMessages: [],
      errors: { summary: expect.stringContaining("255") },
    });
  });

  it("validates descriptions and comments as ADF", async () => {
    const { call, create } = await setup();
    expect(
      (await body(await create({ summary: "s", description: "plain text" }))).errors.description,
    ).toMatch(/Atlassian Document/);
    expect(
      (
        await create({
          summary: "s",
          description: {
            type: "doc",
            version: 1,
            content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }],
          },
        })
      ).status,
    ).toBe(400);
    await create({ summary: "ok" });
    const bad = await call("/issue/KOB-1/comment", { method: "POST", body: JSON.stringify({ body: "hi" }) });
    expect(bad.status).toBe(400);
    const good = await call("/issue/KOB-1/comment", {
      method: "POST",
      body: JSON.stringify({ body: doc("hi") }),
    });
    expect(good.status).toBe(201);
  });

  it("bulk-creates up to 50 with 201 and per-element errors", async () => {
    const { call } = await setup();
    const issueUpdates = [
      { fields: { project: { key: "KOB" }, issuetype: { name: "Bug" }, summary: "a" } },
      { fields: { project: { key: "NOPE" }, issuetype: { name: "Bug" }, summary: "b" } },
    ];
    const res = await call("/issue/bulk", { method: "POST", body: JSON.stringify({ issueUpdates }) });
    expect(res.status).toBe(201);
    const json = await body(res);
    expect(json.issues).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({
      failedElementNumber: 1,
      status: 400,
      elementErrors: { errors: { project: expect.any(String) } },
    });
    const tooMany = Array.from({ length: 51 }, () => issueUpdates[0]);
    expect(
      (await call("/issue/bulk", { method: "POST", body: JSON.stringify({ issueUpdates: tooMany }) })).status,
    ).toBe(400);
  });

  it("lists only transitions available from the current status and ignores status in edits", async () => {
    const { call, create } = await setup();
    await create({ summary: "t" });
    const list = await body(await call("/issue/KOB-1/transitions"));
    expect(list.transitions.map((t: { name: string }) => t.name)).toEqual(["Start work"]);
    expect(
      (
        await call("/issue/KOB-1/transitions", {
          method: "POST",
          body: JSON.stringify({ transition: { id: "41" } }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call("/issue/KOB-1/transitions", {
          method: "POST",
          body: JSON.stringify({ transition: { id: "21" } }),
        })
      ).status,
    ).toBe(204);
    const edit = await call("/issue/KOB-1", {
      method: "PUT",
      body: JSON.stringify({ fields: { summary: "t2" }, transition: { id: "41" } }),
    });
    expect(edit.status).toBe(204);
    expect((await body(await call("/issue/KOB-1"))).fields.status.name).toBe("In Progress");
  });

  it("limits writes per issue to 20 per 2 seconds with Retry-After", async () => {
    const { sim, call, create } = await setup();
    await create({ summary: "busy" });
    for (let i = 0; i < 20; i++)
      expect(
        (
          await call("/issue/KOB-1", {
            method: "PUT",
            body: JSON.stringify({ fields: { summary: `s${i}` } }),
          })
        ).status,
      ).toBe(204);
    const limited = await call("/issue/KOB-1", {
      method: "PUT",
      body: JSON.stringify({ fields: { summary: "one more" } }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("ratelimit-reason")).toBe("jira-per-issue-on-write");
    sim.clock.advance(2001);
    expect(
      (await call("/issue/KOB-1", { method: "PUT", body: JSON.stringify({ fields: { summary: "later" } }) }))
        .status,
    ).toBe(204);
  });

  it("stores entity properties up to 32768 characters", async () => {
    const { call, create } = await setup();
    await create({ summary: "p" });
    expect(
      (await call("/issue/KOB-1/properties/zoho", { method: "PUT", body: JSON.stringify({ recordId: "1" }) }))
        .status,
    ).toBe(201);
    expect(
      (await call("/issue/KOB-1/properties/zoho", { method: "PUT", body: JSON.stringify({ recordId: "2" }) }))
        .status,
    ).toBe(200);
    expect(await body(await call("/issue/KOB-1/properties/zoho"))).toEqual({
      key: "zoho",
      value: { recordId: "2" },
    });
    const big = await call("/issue/KOB-1/properties/big", {
      method: "PUT",
      body: JSON.stringify("x".repeat(32767)),
    });
    expect(big.status).toBe(400);
  });
});

describe("Jira attachments", () => {
  it("needs X-Atlassian-Token: no-check and the field name `file`", async () => {
    const { sim, call, create } = await setup();
    await create({ summary: "a" });
    const form = () => {
      const f = new FormData();
      f.append("file", new Blob(["héllo"], { type: "text/plain" }), "note.txt");
      return f;
    };
    const url = `${sim.url}/rest/api/3/issue/KOB-1/attachments`;
    const blocked = await fetch(url, {
      method: "POST",
      body: form(),
      headers: { authorization: sim.basicAuth() },
    });
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toBe("XSRF check failed");
    const ok = await fetch(url, {
      method: "POST",
      body: form(),
      headers: { authorization: sim.basicAuth(), "x-atlassian-token": "no-check" },
    });
    const [att] = (await body(ok)) as unknown as { id: string; size: number }[];
    expect(att!.size).toBe(6);
    const redirect = await call(`/attachment/content/${att!.id}`, { redirect: "manual" });
    expect(redirect.status).toBe(303);
    const direct = await call(`/attachment/content/${att!.id}?redirect=false`);
    expect(await direct.text()).toBe("héllo");
  });

  it("refuses files above /attachment/meta uploadLimit with 413", async () => {
    const { sim, call, create } = await setup({ uploadLimit: 4 });
    await create({ summary: "a" });
    expect(await body(await call("/attachment/meta"))).toEqual({ enabled: true, uploadLimit: 4 });
    const f = new FormData();
    f.append("file", new Blob(["12345"]), "five.bin");
    const res = await fetch(`${sim.url}/rest/api/3/issue/KOB-1/attachments`, {
      method: "POST",
      body: f,
      headers: { authorization: sim.basicAuth(), "x-atlassian-token": "no-check" },
    });
    expect(res.status).toBe(413);
  });
});

describe("Jira enhanced JQL search", () => {
  it("refuses unbounded JQL with 400", async () => {
    const { call } = await setup();
    const res = await call(`/search/jql?jql=${encodeURIComponent("order by key desc")}`);
    expect(res.status).toBe(400);
    expect((await body(res)).errorMessages[0]).toMatch(/Unbounded JQL/);
  });

  it("reports parse errors and unknown values like Jira", async () => {
    const { call } = await setup();
    expect(
      (await body(await call(`/search/jql?jql=${encodeURIComponent("project KOB")}`))).errorMessages[0],
    ).toMatch(/Expecting operator/);
    expect(
      (await body(await call(`/search/jql?jql=${encodeURIComponent("project = NOPE")}`))).errorMessages[0],
    ).toBe("The value 'NOPE' does not exist for the field 'project'.");
    const eight = "project = KOB ORDER BY key, id, created, updated, project, issuetype, status, summary";
    expect((await call(`/search/jql?jql=${encodeURIComponent(eight)}`)).status).toBe(400);
  });

  it("pages with nextPageToken, returns only ids by default", async () => {
    const { call } = await setup({ issuesPerProject: 120 });
    const ids = new Set<string>();
    let token: string | undefined;
    do {
      const res = await call("/search/jql", {
        method: "POST",
        body: JSON.stringify({
          jql: "project = KOB ORDER BY updated ASC",
          maxResults: 50,
          nextPageToken: token,
        }),
      });
      const json = await body(res);
      for (const issue of json.issues) {
        expect(Object.keys(issue)).toEqual(["id"]);
        ids.add(issue.id);
      }
      expect(json.total).toBeUndefined();
      token = json.nextPageToken;
      expect(json.isLast).toBe(token === undefined);
    } while (token !== undefined);
    expect(ids.size).toBe(120);
  });

  it("filters on updated at minute precision, relative dates, key and id lists", async () => {
    const { sim, call, create } = await setup();
    await create({ summary: "old" });
    sim.clock.advance(10 * 60_000);
    await create({ summary: "new" });
    const q = async (jql: string) =>
      (await body(await call(`/search/jql?fields=summary&jql=${encodeURIComponent(jql)}`))).issues.map(
        (i: { key: string }) => i.key,
      );
    expect(await q('project = KOB AND updated >= "2026-11-22 10:25"')).toEqual(["KOB-2"]);
    expect(await q("project = KOB AND updated >= -5m")).toEqual(["KOB-2"]);
    expect(await q("key in (KOB-1, KOB-2) ORDER BY key ASC")).toEqual(["KOB-1", "KOB-2"]);
    expect(await q("(issuetype = Task OR issuetype = Bug) AND summary ~ old")).toEqual(["KOB-1"]);
  });

  it("hides new issues until the search lag passes unless reconciled", async () => {
    const { sim, call, create } = await setup({ searchLagMs: 5000 });
    const { id } = await body(await create({ summary: "fresh" }));
    const search = async (reconcile = "") =>
      (await body(await call(`/search/jql?jql=project%3DKOB${reconcile}`))).issues.length;
    expect(await search()).toBe(0);
    expect(await search(`&reconcileIssues=${id}`)).toBe(1);
    sim.clock.advance(5000);
    expect(await search()).toBe(1);
  });
});

describe("Jira webhooks", () => {
  it("delivers HMAC-signed events to dynamic webhooks matching their JQL filter (signing scheme is a guess)", async () => {
    const received: { headers: Headers; text: string }[] = [];
    const { sim, call } = await setup({
      deliveries: {
        fetch: async (_url, init) => {
          received.push({ headers: new Headers(init?.headers), text: String(init?.body) });
          return new Response("ok");
        },
      },
    });
    const token = sim.issueBearerToken({
      scopes: ["read:jira-work", "write:jira-work", "manage:jira-webhook"],
    });
    const reg = await fetch(`${sim.url}/rest/api/3/webhook`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        url: "https://hooks.example.com/jira",
        webhooks: [{ events: ["jira:issue_created", "comment_created"], jqlFilter: "project = KOB" }],
      }),
    });
    expect((await body(reg)).webhookRegistrationResult).toEqual([{ createdWebhookId: 1 }]);
    const basic = await call("/webhook", {
      method: "POST",
      body: JSON.stringify({
        url: "https://x.example.com",
        webhooks: [{ events: ["jira:issue_created"], jqlFilter: "project = KOB" }],
      }),
    });
    expect(basic.status).toBe(403);
    await call("/issue", {
      method: "POST",
      body: JSON.stringify({
        fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "not matched" },
      }),
    });
    await call("/issue", {
      method: "POST",
      body: JSON.stringify({
        fields: { project: { key: "KOB" }, issuetype: { name: "Task" }, summary: "matched" },
      }),
    });
    sim.person.addComment("KOB-1", "Looks good ✅");
    await sim.idle();
    expect(received.map((r) => JSON.parse(r.text).webhookEvent)).toEqual([
      "jira:issue_created",
      "comment_created",
    ]);
    for (const r of received) {
      const expected = `sha256=${createHmac("sha256", JIRA_SANDBOX_WEBHOOK_SECRET).update(r.text).digest("hex")}`;
      expect(r.headers.get("x-hub-signature")).toBe(expected);
    }
    expect(JSON.parse(received[1]!.text).comment.body.content[0].content[0].text).toBe("Looks good ✅");
  });

  it("deletes an admin webhook by id, for administrators only (404 once gone)", async () => {
    const { sim } = await setup();
    const admin = (path: string, init: RequestInit = {}, email?: string) =>
      fetch(`${sim.url}/rest/webhooks/1.0/webhook${path}`, {
        ...init,
        headers: { authorization: sim.basicAuth(email), "content-type": "application/json" },
      });
    const created = await admin("", {
      method: "POST",
      body: JSON.stringify({
        name: "hook",
        url: "https://hooks.example.com/jira",
        events: ["jira:issue_created"],
      }),
    });
    expect(created.status).toBe(201);
    const self = (await body(created)).self as string;
    const id = self.split("/").at(-1)!;
    expect(sim.inspect.webhooks().map((h) => h.id)).toEqual([Number(id)]);

    const byWriter = await admin(`/${id}`, { method: "DELETE" }, "dev@kobik-sandbox.example.com");
    expect(byWriter.status).toBe(403);
    expect(sim.inspect.webhooks()).toHaveLength(1);

    const deleted = await admin(`/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(sim.inspect.webhooks()).toHaveLength(0);
    expect(await body(await admin(""))).toEqual([]);
    const again = await admin(`/${id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(sim.inspect.calls()["adminWebhook.delete"]).toBe(3);
  });

  it("refuses webhook JQL outside the supported subset", async () => {
    const { sim } = await setup();
    const token = sim.issueBearerToken({ scopes: ["manage:jira-webhook"] });
    const reg = await fetch(`${sim.url}/rest/api/3/webhook`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        url: "https://hooks.example.com/jira",
        webhooks: [{ events: ["jira:issue_updated"], jqlFilter: "updated > -1d" }],
      }),
    });
    expect((await body(reg)).webhookRegistrationResult[0].errors[0]).toMatch(/not supported/);
  });
});

describe("Jira auth", () => {
  it("answers 401 for bad basic auth and for a bearer token without the scope (scope message is a guess)", async () => {
    const { sim } = await setup();
    const bad = await fetch(`${sim.url}/rest/api/3/myself`, {
      headers: { authorization: `Basic ${Buffer.from("a@b.c:nope").toString("base64")}` },
    });
    expect(bad.status).toBe(401);
    expect(await body(bad)).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    const token = sim.issueBearerToken({ scopes: ["read:jira-user"] });
    const res = await fetch(`${sim.url}/rest/api/3/search/jql?jql=project%3DKOB`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ code: 401, message: "Unauthorized; scope does not match" });
  });

  it("answers 403 when a browse-only user writes", async () => {
    const { sim } = await setup();
    const res = await fetch(`${sim.url}/rest/api/3/issue`, {
      method: "POST",
      headers: {
        authorization: sim.basicAuth("viewer@kobik-sandbox.example.com"),
        "content-type": "application/json",
      },
      body: JSON.stringify({
        fields: { project: { key: "KOB" }, issuetype: { name: "Task" }, summary: "x" },
      }),
    });
    expect(res.status).toBe(403);
  });
});
