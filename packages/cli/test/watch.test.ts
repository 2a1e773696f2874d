import { DatabaseSync } from "node:sqlite";
import { adfToText } from "@kobik/jira-client";
import { afterEach, describe, expect, it } from "vitest";
import { finished, startKobik } from "./helpers/kobik.js";
import { eventually, freePort, type ProcessWorld, startProcessWorld } from "./helpers/world.js";

let world: ProcessWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

function issueFields(w: ProcessWorld, key: string): Record<string, unknown> {
  return (w.jira.inspect.issue(key)?.fields as Record<string, unknown> | undefined) ?? {};
}

describe("kobik watch --listen", () => {
  it("applies a CRM notification and a Jira webhook, refuses forged ones, and removes its channel and webhook on SIGTERM", async () => {
    world = await startProcessWorld({ deals: 3 });
    const w = world;
    expect((await w.run("sync")).code).toBe(0);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const child = startKobik(
      ["watch", "--every", "1h", "--listen", String(port), "--public-url", publicUrl],
      { cwd: w.dir, env: w.env },
    );
    const done = finished(child);
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    await eventually(() => stderr.includes("next cycle in 1h"), "the first scheduled cycle");
    expect(w.zoho.inspect.channels().length).toBe(1);
    expect(w.jira.inspect.webhooks().filter((h) => h.kind === "admin")).toHaveLength(1);

    const [deal] = w.zoho.inspect.recordIds("Deals");
    const raw = new DatabaseSync(`${w.dir}/.kobik/kobik.db`);
    const key = (
      raw.prepare("SELECT body FROM links WHERE record_id = ?").get(deal!) as { body: string } | undefined
    )?.body;
    raw.close();
    const issueKey = (JSON.parse(key!) as { jira: { issueKey: string } }).jira.issueKey;

    w.zoho.person.editRecord("Deals", deal!, { Description: "Pushed from CRM" });
    await eventually(
      () => adfToText(issueFields(w, issueKey).description as never) === "Pushed from CRM",
      "the CRM edit to reach Jira",
    );

    w.jira.person.editIssue(issueKey, { customfield_10052: 777 });
    await eventually(
      () => w.zoho.inspect.record("Deals", deal!)?.Amount === 777,
      "the Jira edit to reach CRM",
    );

    const forgedJira = await fetch(`${publicUrl}/jira/webhook`, {
      method: "POST",
      headers: { "x-hub-signature": `sha256=${"0".repeat(64)}`, "content-type": "application/json" },
      body: JSON.stringify({
        webhookEvent: "jira:issue_updated",
        issue: { id: "1", key: "KOB-1", fields: {} },
      }),
    });
    expect(forgedJira.status).toBe(401);
    const forgedZoho = await fetch(`${publicUrl}/zoho/notify`, {
      method: "POST",
      body: JSON.stringify({
        channel_id: "1",
        token: "guess",
        module: "Deals",
        operation: "update",
        ids: [deal],
      }),
    });
    expect(forgedZoho.status).toBe(401);

    child.kill("SIGTERM");
    const exit = await done;
    expect(exit.code).toBe(0);
    expect(stderr).toContain("Removed Zoho channel");
    expect(stderr).toContain("Removed Jira webhook");
    expect(w.zoho.inspect.channels()).toHaveLength(0);
    expect(w.jira.inspect.webhooks()).toHaveLength(0);
    const status = JSON.parse((await w.run("status", "--json")).stdout);
    expect(status.push).toMatchObject({ kind: "removed" });
  });

  it("refuses --listen without --public-url (exit 2)", async () => {
    world = await startProcessWorld({ deals: 0 });
    const r = await world.run("watch", "--listen", "0");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--public-url");
  });
});
