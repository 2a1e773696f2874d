import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { body, type Loose, zohoWithToken } from "./zoho-helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function receiver() {
  const received: Loose[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push(JSON.parse(text));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?tenant=t1`, received };
}

describe("Zoho Notification API", () => {
  it("POSTs ids, operation and the channel token for API writes and person edits", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    const hook = await receiver();
    const enable = await api("/actions/watch", {
      method: "POST",
      body: JSON.stringify({
        watch: [
          {
            channel_id: 1000000068001,
            events: ["Leads.all"],
            notify_url: hook.url,
            token: "s3cret-token",
            return_affected_field_values: true,
          },
        ],
      }),
    });
    expect(enable.status).toBe(201);
    expect((await body(enable)).watch[0].details.events[0]).toMatchObject({
      channel_expiry: "2026-11-22T11:00:00+00:00",
      resource_name: "Leads",
      channel_id: 1000000068001,
    });
    const created = await body(
      await api("/Leads", {
        method: "POST",
        body: JSON.stringify({ data: [{ Last_Name: "Api" }], trigger: [] }),
      }),
    );
    const id = created.data[0].details.id;
    zoho.person.editRecord("Leads", id, { Company: "Ünïcode GmbH" });
    await zoho.idle();
    expect(hook.received).toEqual([
      expect.objectContaining({
        module: "Leads",
        operation: "insert",
        ids: [id],
        token: "s3cret-token",
        channel_id: 1000000068001,
        query_params: { tenant: "t1" },
      }),
      expect.objectContaining({ operation: "update", ids: [id], affected_fields: [{ [id]: ["Company"] }] }),
    ]);
  });

  it("stops notifying once channel_expiry passes; expiry beyond one week falls back to one hour", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    const hook = await receiver();
    const far = await api("/actions/watch", {
      method: "POST",
      body: JSON.stringify({
        watch: [
          {
            channel_id: 7,
            events: ["Deals.create"],
            notify_url: hook.url,
            channel_expiry: "2026-12-30T00:00:00+00:00",
          },
        ],
      }),
    });
    expect((await body(far)).watch[0].details.events[0].channel_expiry).toBe("2026-11-22T11:00:00+00:00");
    zoho.clock.advance(3600_000);
    zoho.person.createRecord("Accounts", { Account_Name: "A" });
    zoho.person.createRecord("Deals", { Deal_Name: "D", Stage: "Qualification", Closing_Date: "2026-12-01" });
    await zoho.idle();
    expect(hook.received).toEqual([]);
  });

  it("refuses a token longer than 50 characters", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    const res = await api("/actions/watch", {
      method: "POST",
      body: JSON.stringify({
        watch: [
          {
            channel_id: 1,
            events: ["Leads.all"],
            notify_url: "https://example.com/h",
            token: "x".repeat(51),
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect((await body(res)).watch[0]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "token" },
    });
  });
});
