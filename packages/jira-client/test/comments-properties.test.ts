import {
  JiraInputError,
  JiraNotFoundError,
  JiraPayloadTooLargeError,
  markdownToAdf,
  textToAdf,
} from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, all, testClient, useServer } from "./helpers.js";

const server = useServer();

describe("comments", () => {
  it("lists every comment across startAt pages, oldest first", async () => {
    const starts: string[] = [];
    server.use(
      http.get(`${API}/issue/ABC-1/comment`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        starts.push(`${params.get("startAt")}/${params.get("orderBy")}`);
        const startAt = Number(params.get("startAt"));
        const comments = [startAt, startAt + 1].filter((n) => n < 3).map((n) => ({ id: String(n) }));
        return HttpResponse.json({ startAt, maxResults: 2, total: 3, comments });
      }),
    );
    const { jira } = testClient();
    const comments = await all(jira.comments.list("ABC-1", { pageSize: 2 }));
    expect(comments.map((c) => c.id)).toEqual(["0", "1", "2"]);
    expect(starts).toEqual(["0/created", "2/created"]);
  });

  it("ends the walk on a short page when Jira omits total", async () => {
    server.use(
      http.get(`${API}/issue/ABC-1/comment`, () =>
        HttpResponse.json({ startAt: 0, maxResults: 100, comments: [{ id: "1" }] }),
      ),
    );
    const { jira } = testClient();
    expect(await all(jira.comments.list("ABC-1"))).toEqual([{ id: "1" }]);
  });

  it("adds a markdown body as ADF, updates with notifyUsers, gets and deletes", async () => {
    const seen: unknown[] = [];
    server.use(
      http.post(`${API}/issue/ABC-1/comment`, async ({ request }) => {
        seen.push(await request.json());
        return HttpResponse.json({ id: "100" }, { status: 201 });
      }),
      http.put(`${API}/issue/ABC-1/comment/100`, async ({ request }) => {
        seen.push(new URL(request.url).search, await request.json());
        return HttpResponse.json({ id: "100" });
      }),
      http.get(`${API}/issue/ABC-1/comment/100`, () =>
        HttpResponse.json({ id: "100", body: textToAdf("hi") }),
      ),
      http.delete(`${API}/issue/ABC-1/comment/100`, () => new HttpResponse(null, { status: 204 })),
    );
    const { jira } = testClient();
    await jira.comments.add("ABC-1", "Call **today**", { visibility: { type: "role", value: "Developers" } });
    await jira.comments.update("ABC-1", "100", textToAdf("plain"), { notifyUsers: false });
    expect((await jira.comments.get("ABC-1", "100")).body).toEqual(textToAdf("hi"));
    await jira.comments.delete("ABC-1", "100");
    expect(seen).toEqual([
      { body: markdownToAdf("Call **today**"), visibility: { type: "role", value: "Developers" } },
      "?notifyUsers=false",
      { body: textToAdf("plain") },
    ]);
  });

  it("maps the per-issue comment limit (413) and rejects a non-ADF body", async () => {
    server.use(
      http.post(`${API}/issue/ABC-1/comment`, () =>
        HttpResponse.json({ errorMessages: ["limit"] }, { status: 413 }),
      ),
    );
    const { jira } = testClient();
    await expect(jira.comments.add("ABC-1", "x")).rejects.toBeInstanceOf(JiraPayloadTooLargeError);
    await expect(jira.comments.add("ABC-1", { type: "paragraph" } as never)).rejects.toMatchObject({
      field: "body",
    });
  });
});

describe("properties", () => {
  it("sets (created/updated), gets, lists and deletes a property", async () => {
    let stored: unknown;
    server.use(
      http.put(`${API}/issue/ABC-1/properties/kobik.link`, async ({ request }) => {
        const created = stored === undefined;
        stored = await request.json();
        return new HttpResponse(null, { status: created ? 201 : 200 });
      }),
      http.get(`${API}/issue/ABC-1/properties/kobik.link`, () =>
        HttpResponse.json({ key: "kobik.link", value: stored }),
      ),
      http.get(`${API}/issue/ABC-1/properties`, () =>
        HttpResponse.json({ keys: [{ key: "kobik.link", self: "x" }] }),
      ),
      http.delete(`${API}/issue/ABC-1/properties/kobik.link`, () => new HttpResponse(null, { status: 204 })),
    );
    const { jira } = testClient();
    expect(await jira.properties.set("ABC-1", "kobik.link", { zohoId: "1" })).toBe("created");
    expect(await jira.properties.set("ABC-1", "kobik.link", { zohoId: "2" })).toBe("updated");
    expect(await jira.properties.get("ABC-1", "kobik.link")).toEqual({ zohoId: "2" });
    expect(await jira.properties.keys("ABC-1")).toEqual(["kobik.link"]);
    await jira.properties.delete("ABC-1", "kobik.link");
    expect(jira.calls.snapshot()).toMatchObject({
      "PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}": 2,
    });
  });

  it("checks value size (32768, counted in UTF-8 bytes) and key length before sending", async () => {
    const { jira } = testClient();
    const fits = "x".repeat(32_766); // plus two quotes = 32768
    const multibyte = "é".repeat(16_384); // 16384 characters, 32770 bytes with quotes
    server.use(http.put(`${API}/issue/ABC-1/properties/k`, () => new HttpResponse(null, { status: 201 })));
    expect(await jira.properties.set("ABC-1", "k", fits)).toBe("created");
    await expect(jira.properties.set("ABC-1", "k", `${fits}y`)).rejects.toMatchObject({
      field: "property.value",
    });
    await expect(jira.properties.set("ABC-1", "k", multibyte)).rejects.toMatchObject({
      field: "property.value",
    });
    await expect(jira.properties.set("ABC-1", "k".repeat(256), 1)).rejects.toMatchObject({
      field: "property.key",
    });
    await expect(jira.properties.set("ABC-1", "k", undefined)).rejects.toBeInstanceOf(JiraInputError);
    expect(jira.calls.total()).toBe(1);
  });

  it("counts three-byte characters near a third of the cap in bytes", async () => {
    const { jira } = testClient();
    server.use(http.put(`${API}/issue/ABC-1/properties/k`, () => new HttpResponse(null, { status: 201 })));
    // 10,923 characters with quotes: too long to skip counting; 32,765 bytes, so it fits.
    expect(await jira.properties.set("ABC-1", "k", "€".repeat(10_921))).toBe("created");
    // 10,925 characters, 32,771 bytes.
    await expect(jira.properties.set("ABC-1", "k", "€".repeat(10_923))).rejects.toMatchObject({
      field: "property.value",
      message: expect.stringContaining("32771 bytes"),
    });
  });

  it("reports a missing property as JiraNotFoundError", async () => {
    server.use(
      http.get(`${API}/issue/ABC-1/properties/none`, () =>
        HttpResponse.json(
          { errorMessages: ["The property with key 'none' does not exist."] },
          { status: 404 },
        ),
      ),
    );
    const { jira } = testClient();
    await expect(jira.properties.get("ABC-1", "none")).rejects.toBeInstanceOf(JiraNotFoundError);
  });
});
