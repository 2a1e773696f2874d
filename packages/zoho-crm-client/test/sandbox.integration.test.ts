import {
  createZohoCrmSimulator,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoCrmSimulator,
} from "@kobik/sandbox";
import {
  createZohoCrmClient,
  exchangeGrantCode,
  memoryTokenStore,
  revokeToken,
  type ZohoCrmClient,
  ZohoReconnectRequiredError,
  type ZohoRecord,
} from "@kobik/zoho-crm-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The client against the Zoho simulator over real HTTP on loopback: no msw, real sockets.
let zoho: ZohoCrmSimulator;

beforeAll(async () => {
  zoho = await createZohoCrmSimulator({
    records: { Leads: 2_150 },
    customFields: { Deals: [{ api_name: "Jira_Key", data_type: "text", unique: true }] },
  });
});
afterAll(() => zoho.close());

async function connect(
  scopes: readonly string[] = ZOHO_FULL_SCOPES,
  extra: { trigger?: [] | ["workflow"] } = {},
) {
  const token = await exchangeGrantCode({
    accountsUrl: zoho.accountsUrl(),
    clientId: ZOHO_SANDBOX_CLIENT.clientId,
    clientSecret: ZOHO_SANDBOX_CLIENT.clientSecret,
    code: zoho.mintGrantCode({ scopes }),
  });
  const tokenStore = memoryTokenStore(token);
  const client = createZohoCrmClient({
    auth: {
      kind: "app",
      clientId: ZOHO_SANDBOX_CLIENT.clientId,
      clientSecret: ZOHO_SANDBOX_CLIENT.clientSecret,
      tokenStore,
    },
    accountsUrl: zoho.accountsUrl(),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
  return { client, token, tokenStore };
}

async function collect(client: ZohoCrmClient, module: string): Promise<ZohoRecord[]> {
  const out: ZohoRecord[] = [];
  for await (const page of client.records.iterate({
    module,
    fields: ["Last_Name"],
    sortBy: "id",
    sortOrder: "asc",
  })) {
    out.push(...page.items);
  }
  return out;
}

describe("against the Zoho simulator", () => {
  it("uses the token's api_domain, reads org and metadata", async () => {
    const { client, token } = await connect();
    expect(token.apiDomain).toBe(zoho.url);
    expect((await client.org.get()).id).toEqual(expect.any(String));
    expect((await client.metadata.modules()).map((m) => m.api_name)).toContain("Deals");
    expect((await client.metadata.fields("Deals")).map((f) => f.api_name)).toContain("Jira_Key");
  });

  it("iterates past 2,000 records with page then page_token", async () => {
    const { client } = await connect();
    zoho.inspect.resetCalls();
    const records = await collect(client, "Leads");
    expect(records).toHaveLength(2_150);
    expect(new Set(records.map((r) => r.id)).size).toBe(2_150);
    expect(records.every((r) => typeof r.id === "string")).toBe(true);
  });

  it("writes with trigger [] (no workflows), reports per-record results, searches, deletes", async () => {
    const { client } = await connect();
    const inserted = await client.records.insert("Leads", [
      { Last_Name: "Lovelace", Email: "ada@kobik.test" },
      { Email: "nameless@kobik.test" },
    ]);
    expect(inserted.results[0]).toMatchObject({ status: "success", index: 0 });
    expect(inserted.results[1]).toMatchObject({ status: "error", index: 1, field: "Last_Name" });
    expect(zoho.inspect.workflowRuns()).toHaveLength(0);
    const id = inserted.results[0]!.status === "success" ? inserted.results[0]!.id : "";
    expect((await client.records.get("Leads", id)).Last_Name).toBe("Lovelace");
    const updated = await client.records.update("Leads", [{ id, Last_Name: "Byron" }]);
    expect(updated.succeeded).toBe(1);
    const found = await client.records.search("Leads", { email: "ada@kobik.test" });
    expect(found.items.map((r) => r.id)).toContain(id);
    expect((await client.records.delete("Leads", [id])).succeeded).toBe(1);
    const deleted = await client.records.deleted({ module: "Leads" });
    expect(deleted.items.map((r) => r.id)).toContain(id);
  });

  it("upserts on a unique field without duplicating", async () => {
    const { client } = await connect();
    const first = await client.records.upsert(
      "Deals",
      [{ Deal_Name: "Kobik", Stage: "Qualification", Closing_Date: "2026-12-31", Jira_Key: "KOB-7" }],
      {
        duplicateCheckFields: ["Jira_Key"],
      },
    );
    const again = await client.records.upsert(
      "Deals",
      [{ Deal_Name: "Kobik", Stage: "Closed Won", Closing_Date: "2026-12-31", Jira_Key: "KOB-7" }],
      {
        duplicateCheckFields: ["Jira_Key"],
      },
    );
    expect(first.results[0]).toMatchObject({ status: "success", action: "insert" });
    expect(again.results[0]).toMatchObject({ status: "success", action: "update" });
  });

  it("creates, lists and deletes notes and attachments", async () => {
    const { client } = await connect();
    const [leadId] = zoho.inspect.recordIds("Leads");
    const note = await client.notes.create({
      module: "Leads",
      recordId: leadId!,
      content: "from Jira",
      title: "KOB-1",
    });
    expect(note.status).toBe("success");
    const notes = await client.notes.list("Leads", leadId!);
    expect(notes.items.map((n) => n.Note_Content)).toContain("from Jira");
    const uploaded = await client.attachments.upload(
      { module: "Leads", recordId: leadId! },
      { kind: "file", data: new TextEncoder().encode("hello zoho"), fileName: "hello.txt" },
    );
    expect(uploaded.status).toBe("success");
    const attachmentId = uploaded.status === "success" ? uploaded.id : "";
    const file = await client.attachments.download({ module: "Leads", recordId: leadId! }, attachmentId);
    expect(await new Response(file.body).text()).toBe("hello zoho");
    expect(
      (await client.attachments.delete({ module: "Leads", recordId: leadId! }, attachmentId)).status,
    ).toBe("success");
    if (note.status === "success") expect((await client.notes.delete(note.id)).status).toBe("success");
  });

  it("lists users and manages watch channels", async () => {
    const { client } = await connect();
    const users = await client.users.list({ type: "ActiveUsers" });
    expect(users.items.length).toBeGreaterThan(0);
    const [enabled] = await client.notifications.enable([
      {
        channelId: "1000000068001",
        events: ["Leads.all"],
        notifyUrl: "https://hooks.kobik.test/zoho",
        token: "chan-token-123456",
      },
    ]);
    expect(enabled?.status).toBe("success");
    const [disabled] = await client.notifications.disable(["1000000068001"]);
    expect(disabled?.status).toBe("success");
  });

  it("refreshes once after the access tokens expire server-side", async () => {
    const { client, tokenStore, token } = await connect();
    zoho.faults.expireAccessTokens();
    zoho.inspect.resetCalls();
    await Promise.all(Array.from({ length: 20 }, () => client.org.get()));
    expect((await tokenStore.get())!.accessToken).not.toBe(token.accessToken);
    expect(client.calls.snapshot()["POST /oauth/v2/token"]).toBe(1);
  });

  it("a missing scope and a revoked grant ask for a reconnect", async () => {
    const narrow = await connect(["ZohoCRM.modules.ALL"]);
    const error = await narrow.client.users.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoReconnectRequiredError);
    expect((error as ZohoReconnectRequiredError).missingScope).toBe("ZohoCRM.users.ALL");

    const { client, token } = await connect();
    await revokeToken({ accountsUrl: zoho.accountsUrl(), token: token.refreshToken! });
    await expect(client.org.get()).rejects.toBeInstanceOf(ZohoReconnectRequiredError);
  });

  it("retries injected 5xx and 429 on reads", async () => {
    const { client } = await connect();
    zoho.faults.queue({ kind: "serverError", status: 503 }, { times: 1 });
    zoho.faults.queue({ kind: "rateLimited" }, { times: 1 });
    expect((await client.org.get()).id).toEqual(expect.any(String));
    expect(client.calls.snapshot()["GET /crm/v8/org"]).toBe(3);
  });
});
