import {
  constantTimeEqual,
  parseZohoNotification,
  ZohoInputError,
  ZohoNotificationError,
} from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { CRM, NOW, testClient, useServer } from "./helpers.js";

const server = useServer();
const TOKEN = "chan-secret-0123456789";
const channel = {
  channelId: "1000000068001",
  events: ["Deals.all", "Contacts.edit"],
  notifyUrl: "https://hooks.example.test/zoho?conn=42",
  token: TOKEN,
  expiresAt: new Date(NOW + 24 * 3600 * 1000),
  returnAffectedFieldValues: true,
};
const watchOk = () =>
  HttpResponse.json({
    watch: [
      { code: "SUCCESS", status: "success", message: "Successfully subscribed", details: { events: [] } },
    ],
  });

describe("watch channels", () => {
  it("enables a channel with Zoho's keys", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${CRM}/actions/watch`, async ({ request }) => {
        bodies.push(await request.json());
        return watchOk();
      }),
    );
    const { client } = testClient();
    const [outcome] = await client.notifications.enable([channel]);
    expect(outcome).toMatchObject({ status: "success", code: "SUCCESS" });
    expect(bodies[0]).toEqual({
      watch: [
        {
          channel_id: 1000000068001,
          events: ["Deals.all", "Contacts.edit"],
          notify_url: "https://hooks.example.test/zoho?conn=42",
          token: TOKEN,
          channel_expiry: "2026-11-23T10:00:00+00:00",
          return_affected_field_values: true,
        },
      ],
    });
  });

  it("updates with PATCH (optionally removing events) and disables by channel ids", async () => {
    const seen: unknown[] = [];
    server.use(
      http.patch(`${CRM}/actions/watch`, async ({ request }) => {
        seen.push(await request.json());
        return watchOk();
      }),
      http.delete(`${CRM}/actions/watch`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get("channel_ids"));
        return watchOk();
      }),
    );
    const { client } = testClient();
    await client.notifications.update([{ ...channel, events: ["Contacts.edit"] }], { removeEvents: true });
    await client.notifications.disable(["1000000068001"]);
    expect(seen[0]).toMatchObject({ watch: [{ events: ["Contacts.edit"], _delete_events: true }] });
    expect(seen[1]).toBe("1000000068001");
  });

  it("lists active channels for a module; 204 is none", async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${CRM}/actions/watch`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get("module"));
        return seen.length === 1
          ? HttpResponse.json({
              watch: [{ channel_id: 1000000068001, events: ["Deals.all"], channel_expiry: "x" }],
            })
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const { client } = testClient();
    expect(await client.notifications.list({ module: "Deals" })).toEqual([
      { channel_id: 1000000068001, events: ["Deals.all"], channel_expiry: "x" },
    ]);
    expect(await client.notifications.list()).toEqual([]);
    expect(seen).toEqual(["Deals", null]);
  });

  it.each([
    [{ token: "x".repeat(51) }, "channels[0].token"],
    [{ events: ["Deals.changed"] }, "channels[0].events[0]"],
    [{ channelId: "99999999999999999999" }, "channels[0].channelId"],
    [{ expiresAt: new Date(NOW + 8 * 24 * 3600 * 1000) }, "channels[0].expiresAt"],
    [{ notifyUrl: "ftp://x" }, "channels[0].notifyUrl"],
  ])("rejects %j before any request", async (bad, field) => {
    const { client } = testClient();
    const error = await client.notifications.enable([{ ...channel, ...bad }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoInputError);
    expect((error as ZohoInputError).field).toBe(field);
  });
});

describe("parseZohoNotification", () => {
  const payload = {
    server_time: NOW,
    module: "Deals",
    resource_uri: "https://www.zohoapis.com/crm/v8/Deals",
    ids: ["4876876000000327001"],
    affected_fields: [{ "4876876000000327001": ["Stage", "Amount"] }],
    query_params: { conn: "42" },
    operation: "edit",
    channel_id: 1000000068001,
    token: TOKEN,
  };

  it("verifies the token and channel and normalizes the payload (from text or object)", () => {
    const parsed = parseZohoNotification(JSON.stringify(payload), {
      expectedToken: TOKEN,
      channelIds: ["1000000068001"],
    });
    expect(parsed).toEqual({
      channelId: "1000000068001",
      module: "Deals",
      operation: "update",
      ids: ["4876876000000327001"],
      serverTime: new Date(NOW),
      resourceUri: "https://www.zohoapis.com/crm/v8/Deals",
      affectedFields: { "4876876000000327001": ["Stage", "Amount"] },
      affectedValues: undefined,
      queryParams: { conn: "42" },
    });
    expect(
      parseZohoNotification({ ...payload, operation: "insert" }, { expectedToken: TOKEN }).operation,
    ).toBe("insert");
  });

  it("rejects a wrong or missing token without echoing either token", () => {
    for (const token of ["chan-secret-0123456780", undefined]) {
      const error = (() => {
        try {
          parseZohoNotification({ ...payload, token }, { expectedToken: TOKEN });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ZohoNotificationError);
      expect(error).toMatchObject({ code: "TOKEN_MISMATCH" });
      expect(JSON.stringify(error)).not.toContain("chan-secret");
    }
  });

  it("rejects unknown channels and malformed bodies", () => {
    expect(() => parseZohoNotification(payload, { expectedToken: TOKEN, channelIds: ["1"] })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_CHANNEL" }),
    );
    expect(() => parseZohoNotification("{oops", { expectedToken: TOKEN })).toThrow(
      expect.objectContaining({ code: "INVALID_NOTIFICATION" }),
    );
    expect(() => parseZohoNotification({ ...payload, ids: "1" }, { expectedToken: TOKEN })).toThrow(
      /malformed.*ids/,
    );
  });

  it("compares strings by content only", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});
