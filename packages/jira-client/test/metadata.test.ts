import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, all, testClient, useServer } from "./helpers.js";

const server = useServer();

describe("metadata", () => {
  it("reads fields with custom ids and schema types", async () => {
    const fields = [
      { id: "summary", name: "Summary", custom: false, schema: { type: "string", system: "summary" } },
      {
        id: "customfield_10010",
        name: "Zoho ID",
        custom: true,
        schema: {
          type: "string",
          custom: "com.atlassian.jira.plugin.system.customfieldtypes:textfield",
          customId: 10010,
        },
      },
    ];
    server.use(http.get(`${API}/field`, () => HttpResponse.json(fields)));
    const { jira } = testClient();
    expect(await jira.metadata.fields()).toEqual(fields);
  });

  it("pages create metadata (issue types, then fields of one type) until total", async () => {
    server.use(
      http.get(`${API}/issue/createmeta/ABC/issuetypes`, () =>
        HttpResponse.json({
          startAt: 0,
          maxResults: 200,
          total: 1,
          issueTypes: [{ id: "10001", name: "Task" }],
        }),
      ),
      http.get(`${API}/issue/createmeta/ABC/issuetypes/10001`, ({ request }) => {
        const startAt = Number(new URL(request.url).searchParams.get("startAt"));
        const fields =
          startAt === 0
            ? [{ fieldId: "summary", name: "Summary", required: true }]
            : [{ fieldId: "labels", name: "Labels", required: false }];
        return HttpResponse.json({ startAt, maxResults: 1, total: 2, fields });
      }),
    );
    const { jira } = testClient();
    expect(await jira.metadata.createIssueTypes("ABC")).toEqual([{ id: "10001", name: "Task" }]);
    expect((await jira.metadata.createFields("ABC", "10001")).map((f) => f.fieldId)).toEqual([
      "summary",
      "labels",
    ]);
  });

  it("streams projects until isLast, filtered by keys", async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${API}/project/search`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(params.toString());
        const first = params.get("startAt") === "0";
        return HttpResponse.json({
          isLast: !first,
          values: [first ? { id: "1", key: "ABC", name: "Alpha" } : { id: "2", key: "DEF", name: "Delta" }],
        });
      }),
    );
    const { jira } = testClient();
    const projects = await all(jira.metadata.projects({ keys: ["ABC", "DEF"] }));
    expect(projects.map((p) => p.key)).toEqual(["ABC", "DEF"]);
    expect(queries).toEqual([
      "startAt=0&maxResults=100&keys=ABC%2CDEF",
      "startAt=1&maxResults=100&keys=ABC%2CDEF",
    ]);
  });

  it("reads issue types and per-type statuses", async () => {
    server.use(
      http.get(`${API}/issuetype`, () => HttpResponse.json([{ id: "1", name: "Task" }])),
      http.get(`${API}/project/ABC/statuses`, () =>
        HttpResponse.json([{ id: "1", name: "Task", statuses: [{ id: "3", name: "In Progress" }] }]),
      ),
    );
    const { jira } = testClient();
    expect(await jira.metadata.issueTypes()).toEqual([{ id: "1", name: "Task" }]);
    expect((await jira.metadata.statuses("ABC"))[0]?.statuses[0]?.name).toBe("In Progress");
  });

  it("searches users by email, exact matches first, and validates the email", async () => {
    let query: string | null = null;
    server.use(
      http.get(`${API}/user/search`, ({ request }) => {
        query = new URL(request.url).searchParams.get("query");
        return HttpResponse.json([
          { accountId: "a", emailAddress: "ann.smith@example.com" },
          { accountId: "b", emailAddress: "Ann@example.com" },
        ]);
      }),
    );
    const { jira } = testClient();
    const users = await jira.metadata.usersByEmail("ann@example.com");
    expect(query).toBe("ann@example.com");
    expect(users.map((u) => u.accountId)).toEqual(["b", "a"]);
    await expect(jira.metadata.usersByEmail("ann")).rejects.toMatchObject({ field: "email" });
  });
});
