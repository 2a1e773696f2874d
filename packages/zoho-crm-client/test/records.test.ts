import { type BulkWriteResult, ZohoInputError, ZohoNotFoundError } from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { CRM, makeRecords, testClient, useServer, zohoError } from "./helpers.js";

const server = useServer();

describe("records.list", () => {
  it("sends fields, sort and paging, and keeps 64-bit ids as strings", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${CRM}/Leads`, ({ request }) => {
        url = new URL(request.url);
        return new HttpResponse(
          '{"data":[{"id":"4876876000000327001","Last_Name":"Lovelace"}],"info":{"more_records":false,"count":1,"page":1,"per_page":50}}',
          {
            headers: { "Content-Type": "application/json" },
          },
        );
      }),
    );
    const { client } = testClient();
    const page = await client.records.list({
      module: "Leads",
      fields: ["Last_Name", "Email"],
      sortBy: "Modified_Time",
      sortOrder: "asc",
      perPage: 50,
    });
    expect(Object.fromEntries(url!.searchParams)).toEqual({
      fields: "Last_Name,Email",
      per_page: "50",
      sort_by: "Modified_Time",
      sort_order: "asc",
    });
    expect(page.items[0]!.id).toBe("4876876000000327001");
    expect(page.info).toMatchObject({ moreRecords: false, count: 1, notModified: false });
  });

  it.each([
    [{ fields: [] }, "fields"],
    [{ fields: Array.from({ length: 51 }, (_, i) => `F${i}`) }, "fields"],
    [{ fields: ["a b"] }, "fields[0]"],
    [{ fields: ["Email"], perPage: 201 }, "perPage"],
    [{ fields: ["Email"], page: 11 }, "page"],
    [{ fields: ["Email"], page: 2, pageToken: "t" }, "pageToken"],
    [{ fields: ["Email"], sortBy: "Last_Name" }, "sortBy"],
    [{ fields: ["Email"], modifiedSince: "yesterday" }, "modifiedSince"],
  ])("rejects %j before any request, naming %s", async (bad, field) => {
    const { client } = testClient();
    const error = await client.records
      .list({ module: "Leads", ...(bad as { fields: string[] }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoInputError);
    expect((error as ZohoInputError).field).toBe(field);
    expect(client.calls.total()).toBe(0);
  });

  it("sends If-Modified-Since with an offset and turns 304 into an empty, not-modified page", async () => {
    let header: string | null = null;
    server.use(
      http.get(`${CRM}/Leads`, ({ request }) => {
        header = request.headers.get("If-Modified-Since");
        return new HttpResponse(null, { status: 304 });
      }),
    );
    const { client } = testClient();
    const page = await client.records.list({
      module: "Leads",
      fields: ["Email"],
      modifiedSince: new Date("2026-11-01T08:30:00Z"),
    });
    expect(header).toBe("2026-11-01T08:30:00+00:00");
    expect(page.items).toEqual([]);
    expect(page.info.notModified).toBe(true);
  });

  it("turns 204 (Zoho's empty list) into an empty page", async () => {
    server.use(http.get(`${CRM}/Leads`, () => new HttpResponse(null, { status: 204 })));
    const { client } = testClient();
    const page = await client.records.list({ module: "Leads", fields: ["Email"] });
    expect(page).toMatchObject({ items: [], info: { moreRecords: false, count: 0, notModified: false } });
  });
});

describe("records.iterate", () => {
  it("pages with page up to 2,000 rows, then follows page_token, streaming 2,450 records", async () => {
    const total = 2450;
    const requests: Record<string, string>[] = [];
    server.use(
      http.get(`${CRM}/Deals`, ({ request }) => {
        const q = Object.fromEntries(new URL(request.url).searchParams);
        requests.push(q);
        const perPage = Number(q.per_page);
        const offset = q.page_token ? Number(q.page_token.slice(3)) : (Number(q.page) - 1) * perPage;
        const data = makeRecords(Math.min(perPage, total - offset), offset);
        const next = offset + data.length;
        return HttpResponse.json({
          data,
          info: {
            more_records: next < total,
            per_page: perPage,
            count: data.length,
            next_page_token: `tok${next}`,
          },
        });
      }),
    );
    const { client } = testClient();
    const seen = new Set<string>();
    let pages = 0;
    for await (const page of client.records.iterate({
      module: "Deals",
      fields: ["Deal_Name"],
      sortBy: "id",
    })) {
      pages++;
      for (const r of page.items) seen.add(r.id);
    }
    expect(seen.size).toBe(total);
    expect(pages).toBe(13);
    expect(requests.slice(0, 10).map((q) => q.page)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(requests[10]).toMatchObject({ page_token: "tok2000", per_page: "200" });
    expect(requests[10]!.page).toBeUndefined();
    expect(requests[12]).toMatchObject({ page_token: "tok2400" });
  });

  it("stops at an empty (204) first page", async () => {
    server.use(http.get(`${CRM}/Deals`, () => new HttpResponse(null, { status: 204 })));
    const { client } = testClient();
    const pages = [];
    for await (const page of client.records.iterate({ module: "Deals", fields: ["Deal_Name"] }))
      pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items).toEqual([]);
  });
});

describe("records.get and search", () => {
  it("gets one record by string id; a 204 is not-found", async () => {
    server.use(
      http.get(`${CRM}/Leads/:id`, ({ params }) =>
        params.id === "4876876000000327001"
          ? HttpResponse.json({ data: [{ id: "4876876000000327001", Email: "a@b.c" }] })
          : new HttpResponse(null, { status: 204 }),
      ),
    );
    const { client } = testClient();
    expect(await client.records.get("Leads", "4876876000000327001")).toEqual({
      id: "4876876000000327001",
      Email: "a@b.c",
    });
    await expect(client.records.get("Leads", "4876876000000327999")).rejects.toBeInstanceOf(
      ZohoNotFoundError,
    );
    await expect(client.records.get("Leads", "12e3")).rejects.toMatchObject({ field: "id" });
  });

  it("searches by exactly one of criteria, word, email, phone", async () => {
    const queries: Record<string, string>[] = [];
    server.use(
      http.get(`${CRM}/Contacts/search`, ({ request }) => {
        queries.push(Object.fromEntries(new URL(request.url).searchParams));
        return queries.length === 1
          ? HttpResponse.json({ data: makeRecords(1), info: { more_records: false } })
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const { client } = testClient();
    const found = await client.records.search(
      "Contacts",
      { criteria: "(Email:equals:a@b.c)" },
      { fields: ["Email"] },
    );
    expect(found.items).toHaveLength(1);
    expect((await client.records.search("Contacts", { phone: "+4930123" })).items).toEqual([]);
    expect(queries).toEqual([{ criteria: "(Email:equals:a@b.c)", fields: "Email" }, { phone: "+4930123" }]);
    const both = { word: "x", email: "a@b.c" } as unknown as { word: string };
    await expect(client.records.search("Contacts", both)).rejects.toMatchObject({ field: "by" });
  });
});

describe("records.getMany", () => {
  it("reads ids in chunks of 100 with fields; missing ids are absent, a 204 chunk adds nothing", async () => {
    const queries: URLSearchParams[] = [];
    const existing = new Set(
      makeRecords(250)
        .map((r) => r.id)
        .filter((_, i) => i % 2 === 0 && i < 200),
    );
    server.use(
      http.get(`${CRM}/Leads`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        const found = q
          .get("ids")!
          .split(",")
          .filter((id) => existing.has(id))
          .map((id) => ({ id, Last_Name: `L${id}` }));
        if (found.length === 0) return new HttpResponse(null, { status: 204 });
        return HttpResponse.json({ data: found, info: { more_records: false, count: found.length } });
      }),
    );
    const { client } = testClient();
    const ids = makeRecords(250).map((r) => r.id);
    const records = await client.records.getMany("Leads", [...ids, ids[0]!], { fields: ["Last_Name"] });
    expect(queries.map((q) => q.get("ids")!.split(",").length).sort()).toEqual([100, 100, 50]);
    expect(queries.every((q) => q.get("fields") === "Last_Name")).toBe(true);
    expect(records.map((r) => r.id).sort()).toEqual([...existing].sort());
    expect(typeof records[0]!.id).toBe("string");
    expect(client.calls.total()).toBe(3);
  });

  it("costs no request for no ids", async () => {
    const { client } = testClient();
    expect(await client.records.getMany("Leads", [], { fields: ["Last_Name"] })).toEqual([]);
    expect(client.calls.total()).toBe(0);
  });

  it.each([
    [["123", 4876876] as unknown as string[], ["Last_Name"], "ids[1]"],
    ["123" as unknown as string[], ["Last_Name"], "ids"],
    [["123"], [] as string[], "fields"],
    [["123"], undefined as unknown as string[], "fields"],
  ])("rejects ids %j / fields %j before any request, naming %s", async (ids, fields, field) => {
    const { client } = testClient();
    const error = await client.records.getMany("Leads", ids, { fields }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoInputError);
    expect((error as ZohoInputError).field).toBe(field);
    expect(client.calls.total()).toBe(0);
  });
});

describe("records writes", () => {
  function writeEndpoint(
    method: "post" | "put",
    path: string,
    fail?: (record: Record<string, unknown>) => boolean,
  ) {
    const bodies: Array<{
      data: Record<string, unknown>[];
      trigger?: string[];
      duplicate_check_fields?: string[];
    }> = [];
    server.use(
      http[method](`${CRM}${path}`, async ({ request }) => {
        const body = (await request.json()) as (typeof bodies)[number];
        bodies.push(body);
        const data = body.data.map((record, i) =>
          fail?.(record)
            ? {
                code: "MANDATORY_NOT_FOUND",
                status: "error",
                message: "required field not found",
                details: { api_name: "Last_Name", json_path: `$.data[${i}].Last_Name` },
              }
            : {
                code: "SUCCESS",
                status: "success",
                message: "record added",
                details: { id: String(9000000000000000000n + BigInt(bodies.length * 1000 + i)) },
                action: "insert",
                duplicate_field: null,
              },
        );
        return HttpResponse.json({ data }, { status: 201 });
      }),
    );
    return bodies;
  }

  it("inserts 250 records in batches of 100 with trigger [] and keeps per-record failures", async () => {
    const bodies = writeEndpoint("post", "/Leads", (r) => r.Last_Name === undefined);
    const records = Array.from({ length: 250 }, (_, i) =>
      i % 50 === 7 ? { Email: `x${i}@y.z` } : { Last_Name: `L${i}` },
    );
    const { client } = testClient();
    const result = await client.records.insert("Leads", records);
    expect(bodies.map((b) => b.data.length)).toEqual([100, 100, 50]);
    expect(bodies.every((b) => Array.isArray(b.trigger) && b.trigger.length === 0)).toBe(true);
    expect(result.results).toHaveLength(250);
    expect(result.failed).toBe(5);
    expect(result.succeeded).toBe(245);
    const failure = result.results[7]!;
    expect(failure).toEqual({
      status: "error",
      index: 7,
      code: "MANDATORY_NOT_FOUND",
      message: "required field not found",
      field: "Last_Name",
      details: { api_name: "Last_Name", json_path: "$.data[7].Last_Name" },
    });
    expect(result.results[0]).toMatchObject({
      status: "success",
      index: 0,
      id: "9000000000000001000",
      action: "insert",
    });
  });

  it("sends a configured trigger, per client and per call", async () => {
    const bodies = writeEndpoint("post", "/Leads");
    const { client } = testClient({ trigger: ["workflow"] });
    await client.records.insert("Leads", [{ Last_Name: "A" }]);
    await client.records.insert("Leads", [{ Last_Name: "B" }], { trigger: ["approval", "blueprint"] });
    expect(bodies.map((b) => b.trigger)).toEqual([["workflow"], ["approval", "blueprint"]]);
  });

  it("does not repeat an insert after a 5xx: the batch is request_failed, later batches not_sent", async () => {
    let calls = 0;
    server.use(
      http.post(`${CRM}/Leads`, () => {
        calls++;
        return zohoError(500, "INTERNAL_ERROR");
      }),
    );
    const { client } = testClient();
    const result: BulkWriteResult = await client.records.insert(
      "Leads",
      makeRecords(150).map(({ Last_Name }) => ({ Last_Name })),
    );
    expect(calls).toBe(1);
    expect(result.results[0]).toMatchObject({
      status: "request_failed",
      index: 0,
      error: { code: "INTERNAL_ERROR" },
    });
    expect(result.results[99]!.status).toBe("request_failed");
    expect(result.results[100]).toEqual({ status: "not_sent", index: 100 });
    expect(result).toMatchObject({ succeeded: 0, failed: 150 });
  });

  it("keeps per-record results when Zoho answers 400 because every record failed", async () => {
    server.use(
      http.put(`${CRM}/Leads`, () =>
        HttpResponse.json(
          {
            data: [
              {
                code: "INVALID_DATA",
                status: "error",
                message: "invalid data",
                details: { api_name: "Email" },
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { client } = testClient();
    const result = await client.records.update("Leads", [{ id: "4876876000000327001", Email: "nope" }]);
    expect(result.results).toEqual([
      {
        status: "error",
        index: 0,
        code: "INVALID_DATA",
        message: "invalid data",
        field: "Email",
        details: { api_name: "Email" },
      },
    ]);
  });

  it("update requires a string id per record, before any request", async () => {
    const { client } = testClient();
    await expect(client.records.update("Leads", [{ id: "1234" }, { Email: "a" }])).rejects.toMatchObject({
      field: "records[1].id",
    });
    await expect(
      client.records.update("Leads", [{ id: Number("4876876000000327001") }]),
    ).rejects.toMatchObject({
      field: "records[0].id",
    });
    expect(client.calls.total()).toBe(0);
  });

  it("upsert sends duplicate_check_fields and is retried after a 5xx (it is idempotent)", async () => {
    let calls = 0;
    const bodies: unknown[] = [];
    server.use(
      http.post(`${CRM}/Deals/upsert`, async ({ request }) => {
        calls++;
        bodies.push(await request.json());
        if (calls === 1) return zohoError(502, "INTERNAL_ERROR");
        return HttpResponse.json({
          data: [
            {
              code: "SUCCESS",
              status: "success",
              message: "record updated",
              details: { id: "111222333444555666" },
              action: "update",
              duplicate_field: "Jira_Key",
            },
          ],
        });
      }),
    );
    const { client } = testClient();
    const result = await client.records.upsert("Deals", [{ Jira_Key: "KOB-1", Stage: "Won" }], {
      duplicateCheckFields: ["Jira_Key"],
    });
    expect(calls).toBe(2);
    expect(bodies[1]).toEqual({
      data: [{ Jira_Key: "KOB-1", Stage: "Won" }],
      trigger: [],
      duplicate_check_fields: ["Jira_Key"],
    });
    expect(result.results[0]).toMatchObject({
      status: "success",
      action: "update",
      duplicateField: "Jira_Key",
      id: "111222333444555666",
    });
  });

  it("deletes ids in batches of 100 without workflow triggers", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.delete(`${CRM}/Leads`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        const ids = q.get("ids")!.split(",");
        return HttpResponse.json({
          data: ids.map((id) => ({
            code: "SUCCESS",
            status: "success",
            message: "record deleted",
            details: { id },
          })),
        });
      }),
    );
    const { client } = testClient();
    const ids = makeRecords(120).map((r) => r.id);
    const result = await client.records.delete("Leads", ids);
    expect(queries.map((q) => q.get("ids")!.split(",").length)).toEqual([100, 20]);
    expect(queries[0]!.get("wf_trigger")).toBe("false");
    expect(result.results.map((r) => (r.status === "success" ? r.id : ""))).toEqual(ids);
  });

  it("lists deleted records since a time; 304 and 204 are empty", async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${CRM}/Leads/deleted`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get("type"));
        if (seen.length === 1) {
          return HttpResponse.json({
            data: [
              {
                id: "4876876000000327001",
                display_name: "Ada",
                type: "recycle",
                deleted_time: "2026-11-21T10:00:00+00:00",
              },
            ],
            info: { more_records: false, count: 1 },
          });
        }
        return new HttpResponse(null, { status: seen.length === 2 ? 304 : 204 });
      }),
    );
    const { client } = testClient();
    const page = await client.records.deleted({
      module: "Leads",
      modifiedSince: "2026-11-20T00:00:00+00:00",
    });
    expect(page.items[0]).toMatchObject({ id: "4876876000000327001", type: "recycle" });
    expect((await client.records.deleted({ module: "Leads", type: "permanent" })).info.notModified).toBe(
      true,
    );
    expect((await client.records.deleted({ module: "Leads" })).items).toEqual([]);
    expect(seen).toEqual(["all", "permanent", "all"]);
  });
});
