// The client against the sandbox's Jira simulator over real HTTP on loopback: no msw, so this
// checks the wire format (multipart, query strings, status codes) end to end.
import {
  createJiraClient,
  JiraAuthError,
  type JiraClient,
  JiraNoTransitionError,
  JiraNotFoundError,
  JiraUnsupportedAuthError,
  jql,
} from "@kobik/jira-client";
import { createJiraSimulator, JIRA_SANDBOX_CREDENTIALS, type JiraSimulator } from "@kobik/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { all } from "./helpers.js";

let sim: JiraSimulator;
let jira: JiraClient;
const noWait = { random: () => 0, sleep: async () => {} };

beforeAll(async () => {
  sim = await createJiraSimulator({ issuesPerProject: 120 });
  jira = createJiraClient({
    auth: { kind: "basic", ...JIRA_SANDBOX_CREDENTIALS },
    baseUrl: sim.url!,
    ...noWait,
  });
});
afterAll(async () => {
  await sim.close();
});

describe("against the Jira simulator over loopback", () => {
  it("streams a project's issues across pages", async () => {
    const keys: string[] = [];
    for await (const issue of jira.search.issues({
      jql: jql().project("KOB").orderBy("key"),
      fields: ["summary"],
      maxResults: 50,
    })) {
      keys.push(issue.key);
    }
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
    expect(jira.calls.snapshot()["POST /rest/api/3/search/jql"]).toBeGreaterThanOrEqual(3);
  });

  it("creates with a property, edits, transitions, comments and reads it all back", async () => {
    const types = await jira.metadata.createIssueTypes("KOB");
    const task = types.find((t) => t.name === "Task") ?? types[0]!;
    const created = await jira.issues.create({
      fields: { project: { key: "KOB" }, issuetype: { id: task.id }, summary: "Integration issue" },
      properties: { "kobik.link": { zohoId: "z-1" } },
    });
    await jira.issues.edit(created.key, { fields: { summary: "Integration issue (edited)" } });
    const issue = await jira.issues.get(created.key, {
      fields: ["summary", "status"],
      properties: ["kobik.link"],
    });
    expect(issue.fields?.summary).toBe("Integration issue (edited)");
    expect(await jira.properties.get(created.key, "kobik.link")).toEqual({ zohoId: "z-1" });

    const used = await jira.transitions.transitionTo(created.key, "in progress");
    expect(used.to.name).toBe("In Progress");
    const stuck = await jira.transitions.transitionTo(created.key, "Archived").catch((e: unknown) => e);
    expect(stuck).toBeInstanceOf(JiraNoTransitionError);
    expect((stuck as JiraNoTransitionError).availableTargets.length).toBeGreaterThan(0);

    const comment = await jira.comments.add(created.key, "Synced **from** Zoho\n\n- one\n- two");
    await jira.comments.update(created.key, comment.id, "Edited");
    const comments = await all(jira.comments.list(created.key));
    expect(comments.map((c) => c.id)).toContain(comment.id);
    await jira.comments.delete(created.key, comment.id);

    await jira.properties.set(created.key, "kobik.hash", "abc");
    expect(await jira.properties.keys(created.key)).toEqual(
      expect.arrayContaining(["kobik.link", "kobik.hash"]),
    );
    await jira.properties.delete(created.key, "kobik.hash");

    const stored = await jira.attachments.upload(created.key, [
      { filename: "notes.txt", data: new TextEncoder().encode("hello jira"), contentType: "text/plain" },
    ]);
    expect((await jira.attachments.list(created.key)).map((a) => a.filename)).toContain("notes.txt");
    const download = await jira.attachments.download(stored[0]!.id);
    expect(await new Response(download.stream).text()).toBe("hello jira");
    await jira.attachments.delete(stored[0]!.id);

    await jira.issues.delete(created.key);
    await expect(jira.issues.get(created.key)).rejects.toBeInstanceOf(JiraNotFoundError);
  });

  it("bulk-creates with a per-element failure surfaced", async () => {
    const results = await jira.issues.bulkCreate([
      { fields: { project: { key: "KOB" }, issuetype: { name: "Task" }, summary: "bulk ok" } },
      { fields: { project: { key: "NOPE" }, issuetype: { name: "Task" }, summary: "bulk bad" } },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  it("retries through injected 503 and 429 faults on reads", async () => {
    sim.faults.queue({ kind: "serverError", status: 503 }, { times: 1 });
    sim.faults.queue({ kind: "rateLimited" }, { times: 1 });
    expect((await jira.metadata.fields()).length).toBeGreaterThan(0);
  });

  it("maps a bad token to JiraAuthError and refuses webhooks for basic auth", async () => {
    const wrong = createJiraClient({
      auth: { kind: "basic", email: JIRA_SANDBOX_CREDENTIALS.email, apiToken: "not-the-token" },
      baseUrl: sim.url!,
    });
    await expect(wrong.metadata.issueTypes()).rejects.toBeInstanceOf(JiraAuthError);
    await expect(jira.webhooks.register("https://hooks.example.com", [])).rejects.toBeInstanceOf(
      JiraUnsupportedAuthError,
    );
  });

  it("registers, lists, refreshes and deletes dynamic webhooks with an OAuth token", async () => {
    const token = sim.issueBearerToken({
      scopes: ["read:jira-work", "write:jira-work", "manage:jira-webhook"],
    });
    const app = createJiraClient({
      auth: { kind: "oauth", cloudId: "unused-with-baseUrl", getAccessToken: () => token },
      baseUrl: sim.url!,
    });
    const [registered] = await app.webhooks.register("https://hooks.example.com/jira", [
      { events: ["jira:issue_created"], jqlFilter: "project = KOB" },
    ]);
    expect(registered?.ok).toBe(true);
    const id = registered?.ok ? registered.id : -1;
    expect((await all(app.webhooks.list())).map((w) => w.id)).toContain(id);
    expect(await app.webhooks.refresh([id])).toBeInstanceOf(Date);
    await app.webhooks.delete([id]);
    expect((await all(app.webhooks.list())).map((w) => w.id)).not.toContain(id);
  });
});
