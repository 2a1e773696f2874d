import { AutoLinkError, InvalidEventError, UnverifiedEventError } from "@kobik/sync-engine";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

async function linkedIssue(w: World, deal: string) {
  const link = await w.store.links.getByCrmRecord(w.itemId, deal);
  if (link === null) throw new Error("not linked");
  return { id: link.jira.issueId, key: link.jira.issueKey };
}

describe("push events", () => {
  it("turns a Jira comment_created event into a CRM note at once", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Pushy");
    await world.engine.runCycle(world.itemId);
    const issue = await linkedIssue(world, deal);
    later(world);
    const commentId = world.jiraSim.person.addComment(issue.key, "Pushed comment");
    const payload = {
      timestamp: world.clock.now(),
      webhookEvent: "comment_created",
      comment: { id: commentId },
      issue,
    };
    const pushed = await world.engine.handleJiraEvent(JSON.stringify(payload), { signatureVerified: true });
    expect(pushed.results).toHaveLength(1);
    expect(pushed.results[0]?.trigger).toBe("push");
    expect(pushed.results[0]?.counts.notes).toBe(1);
    expect(
      world.zohoSim.inspect
        .notes("Deals", deal)
        .map((n) => n.Note_Content)
        .join(),
    ).toContain("Pushed comment");
  });

  it("turns a Zoho notification into the same per-link sync", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Notified");
    await world.engine.runCycle(world.itemId);
    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Amount: 777 });
    const body = {
      server_time: world.clock.now(),
      module: "Deals",
      operation: "update",
      channel_id: "1000068001",
      token: "kobik-channel-token-0001",
      ids: [deal],
    };
    const pushed = await world.engine.handleZohoNotification(body);
    expect(pushed.results[0]?.counts.updated).toBe(1);
    const issue = world.jiraSim.inspect.issue(await issueKeyOf(world, deal)) as {
      fields: Record<string, unknown>;
    };
    expect(issue.fields.customfield_10052).toBe(777);
  });

  it("reads the records a Zoho notification names in one batched call (30 ids, 1 records call)", async () => {
    world = await startWorld();
    const deals = Array.from({ length: 30 }, (_, i) => createDeal(world, `Batch ${i}`));
    await world.engine.runCycle(world.itemId);
    later(world);
    for (const [i, deal] of deals.entries())
      world.zohoSim.person.editRecord("Deals", deal, { Amount: 100 + i });
    world.zohoSim.inspect.resetCalls();
    const pushed = await world.engine.handleZohoNotification({
      server_time: world.clock.now(),
      module: "Deals",
      operation: "update",
      channel_id: "1000068001",
      token: "kobik-channel-token-0001",
      ids: deals,
    });
    expect(pushed.results[0]?.counts.updated).toBe(30);
    const calls = world.zohoSim.inspect.calls();
    expect(calls["records.list"]).toBe(1);
    expect(calls["records.get"]).toBeUndefined();
  });

  it("unlinks on jira:issue_deleted and keeps the CRM record", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Deleted issue");
    await world.engine.runCycle(world.itemId);
    const issue = await linkedIssue(world, deal);
    const payload = { timestamp: world.clock.now(), webhookEvent: "jira:issue_deleted", issue };
    const pushed = await world.engine.handleJiraEvent(payload, { signatureVerified: true });
    expect(pushed.unlinked).toEqual([{ itemId: world.itemId, jiraIssueKey: issue.key, crmRecordId: deal }]);
    expect(await world.store.links.getByCrmRecord(world.itemId, deal)).toBeNull();
    expect(world.zohoSim.inspect.record("Deals", deal)).toBeDefined();
  });

  it("refuses malformed and unverified events with typed errors and writes nothing", async () => {
    world = await startWorld();
    const engine = world.engine;
    world.jiraSim.inspect.resetCalls();
    world.zohoSim.inspect.resetCalls();
    const verified = { signatureVerified: true };
    await expect(
      engine.handleJiraEvent({ webhookEvent: "comment_created" }, { signatureVerified: false }),
    ).rejects.toBeInstanceOf(UnverifiedEventError);
    await expect(engine.handleJiraEvent("{not json", verified)).rejects.toMatchObject({
      code: "INVALID_EVENT",
      field: "(body)",
    });
    await expect(
      engine.handleJiraEvent({ webhookEvent: "jira:issue_updated", timestamp: 1 }, verified),
    ).rejects.toMatchObject({
      code: "INVALID_EVENT",
      field: "issue",
    });
    await expect(
      engine.handleJiraEvent(
        { webhookEvent: "jira:issue_updated", timestamp: 1, issue: { id: "KOB-1", key: "KOB-1" } },
        verified,
      ),
    ).rejects.toMatchObject({ field: "issue.id" });
    await expect(
      engine.handleJiraEvent(
        { webhookEvent: "attachment_created", timestamp: 1, attachment: { id: 5, issueId: "KOB-1" } },
        verified,
      ),
    ).rejects.toSatisfy((e) => e instanceof InvalidEventError && e.field === "issue.id");
    const zohoBody = { server_time: 1, module: "Deals", operation: "update", channel_id: "1", ids: ["1"] };
    await expect(engine.handleZohoNotification({ ...zohoBody, token: "wrong-token" })).rejects.toMatchObject({
      field: "token",
    });
    await expect(engine.handleZohoNotification({ ...zohoBody, ids: "1" })).rejects.toMatchObject({
      code: "INVALID_EVENT",
    });

    expect((await world.store.runs.listRecent(world.itemId, { limit: 10 })).items).toEqual([]);
    expect((await world.store.audit.list({ by: "item", itemId: world.itemId }, { limit: 10 })).items).toEqual(
      [],
    );
    expect(world.jiraSim.inspect.calls()).toEqual({});
    expect(world.zohoSim.inspect.calls()).toEqual({});
  });
});

describe("link operations", () => {
  it("searches, links by id, previews, refreshes and unlinks a manual link", async () => {
    world = await startWorld({
      item: {
        id: "deal-panel",
        name: "Deal panel",
        mode: "display",
        jira: { projectKey: "KOB", issueType: "Task" },
        crm: { module: "Deals" },
        displayFields: ["Deal_Name", "Amount", "Stage"],
      },
    });
    const deal = createDeal(world, "Panel Partners", { Amount: 1234.5 });
    const found = await world.engine.searchCrmRecords(world.itemId, "Panel");
    expect(found.map((r) => r.recordId)).toContain(deal);
    expect(found.find((r) => r.recordId === deal)?.title).toBe("Panel Partners");

    const issueId = await createIssue(world, "Support ticket");
    const preview = await world.engine.linkRecord(world.itemId, issueId, deal);
    expect(preview.origin).toBe("manual");
    expect(preview.fields.map((f) => [f.apiName, f.text])).toEqual([
      ["Deal_Name", "Panel Partners"],
      ["Amount", "1234.5"],
      ["Stage", "Qualification"],
    ]);
    await expect(world.engine.linkRecord(world.itemId, issueId, deal)).rejects.toMatchObject({
      code: "ALREADY_LINKED",
    });

    world.zohoSim.person.editRecord("Deals", deal, { Stage: "Closed Won" });
    const refreshed = await world.engine.refresh(world.itemId, preview.jiraIssueKey);
    expect(refreshed.fields.find((f) => f.apiName === "Stage")?.text).toBe("Closed Won");

    await world.engine.unlink(world.itemId, preview.jiraIssueKey);
    await expect(world.engine.preview(world.itemId, preview.jiraIssueKey)).rejects.toMatchObject({
      code: "LINK_NOT_FOUND",
    });
  });

  it("refuses to unlink an auto-managed link", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Auto only");
    await world.engine.runCycle(world.itemId);
    await expect(world.engine.unlink(world.itemId, await issueKeyOf(world, deal))).rejects.toBeInstanceOf(
      AutoLinkError,
    );
  });

  it("unlinks records seen in Zoho's deleted-records feed and keeps their issues", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Short-lived");
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);
    later(world);
    world.zohoSim.person.deleteRecord("Deals", deal);
    later(world);
    const result = await world.engine.runCycle(world.itemId);
    expect(await world.store.links.getByCrmRecord(world.itemId, deal)).toBeNull();
    expect(world.jiraSim.inspect.issue(key)).toBeDefined();
    const audit = await world.store.audit.list({ by: "run", runId: result.runId! }, { limit: 50 });
    expect(audit.items.map((e) => e.action)).toContain("link.deleted");
  });
});

async function createIssue(w: World, summary: string): Promise<string> {
  const created = await w.jira.issues.create({
    fields: { project: { key: "KOB" }, issuetype: { name: "Task" }, summary },
  });
  return String(created.id);
}
