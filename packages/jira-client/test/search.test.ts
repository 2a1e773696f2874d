import { JiraInputError, JiraMalformedResponseError, jql } from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, all, sequence, testClient, useServer } from "./helpers.js";

const server = useServer();

function issue(n: number) {
  return { id: String(10_000 + n), key: `ABC-${n}` };
}

describe("search", () => {
  it("streams issues across pages by nextPageToken and stops on the last page", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      http.post(`${API}/search/jql`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (body.nextPageToken === undefined)
          return HttpResponse.json({ issues: [issue(1), issue(2)], nextPageToken: "t2" });
        if (body.nextPageToken === "t2")
          return HttpResponse.json({ issues: [issue(3)], nextPageToken: "t3" });
        return HttpResponse.json({ issues: [], isLast: true });
      }),
    );
    const { jira } = testClient();
    const query = jql().project("ABC").orderBy("updated", "ASC");
    const issues = await all(jira.search.issues({ jql: query, fields: ["summary"], maxResults: 2 }));
    expect(issues.map((i) => i.key)).toEqual(["ABC-1", "ABC-2", "ABC-3"]);
    expect(bodies).toEqual([
      { jql: 'project = "ABC" ORDER BY updated ASC', fields: ["summary"], maxResults: 2 },
      {
        jql: 'project = "ABC" ORDER BY updated ASC',
        fields: ["summary"],
        maxResults: 2,
        nextPageToken: "t2",
      },
      {
        jql: 'project = "ABC" ORDER BY updated ASC',
        fields: ["summary"],
        maxResults: 2,
        nextPageToken: "t3",
      },
    ]);
    expect(jira.calls.snapshot()).toEqual({ "POST /rest/api/3/search/jql": 3 });
  });

  it("treats a null nextPageToken as the end, and exposes pages with their token for checkpoints", async () => {
    server.use(
      http.post(`${API}/search/jql`, () => HttpResponse.json({ issues: [issue(1)], nextPageToken: null })),
    );
    const { jira } = testClient();
    const pages = await all(jira.search.pages({ jql: "project = ABC" }));
    expect(pages).toEqual([{ issues: [issue(1)], nextPageToken: undefined }]);
  });

  it("sends reconcileIssues as numbers and resumes from a checkpointed token", async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/search/jql`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ issues: [], isLast: true });
      }),
    );
    const { jira } = testClient();
    await jira.search.page({
      jql: "project = ABC",
      reconcileIssues: ["10001", 10002],
      nextPageToken: "cp",
      expand: ["names"],
    });
    expect(body).toEqual({
      jql: "project = ABC",
      reconcileIssues: [10001, 10002],
      nextPageToken: "cp",
      expand: "names",
    });
  });

  it("retries the read-only POST after a 503 (it is marked idempotent)", async () => {
    server.use(
      http.post(
        `${API}/search/jql`,
        sequence(
          () => new HttpResponse(null, { status: 503 }),
          () => HttpResponse.json({ issues: [issue(1)], isLast: true }),
        ),
      ),
    );
    const { jira } = testClient();
    expect((await jira.search.page({ jql: "project = ABC" })).issues).toHaveLength(1);
    expect(jira.calls.total()).toBe(2);
  });

  it("rejects bad parameters before sending, naming the field", async () => {
    const { jira } = testClient();
    const ids = Array.from({ length: 51 }, (_, i) => i + 1);
    await expect(jira.search.page({ jql: "" })).rejects.toMatchObject({ field: "jql" });
    await expect(jira.search.page({ jql: "x", reconcileIssues: ids })).rejects.toMatchObject({
      field: "reconcileIssues",
    });
    await expect(jira.search.page({ jql: "x", reconcileIssues: ["ABC-1"] })).rejects.toMatchObject({
      field: "reconcileIssues[0]",
    });
    await expect(
      jira.search.page({ jql: "x", properties: ["a", "b", "c", "d", "e", "f"] }),
    ).rejects.toBeInstanceOf(JiraInputError);
    expect(jira.calls.total()).toBe(0);
  });

  it("reports a page without an issues array, and a repeated token, as malformed", async () => {
    server.use(http.post(`${API}/search/jql`, () => HttpResponse.json({ nextPageToken: "x" })));
    const { jira } = testClient();
    await expect(jira.search.page({ jql: "project = ABC" })).rejects.toBeInstanceOf(
      JiraMalformedResponseError,
    );
    server.use(
      http.post(`${API}/search/jql`, () => HttpResponse.json({ issues: [issue(1)], nextPageToken: "same" })),
    );
    await expect(all(jira.search.issues({ jql: "project = ABC" }))).rejects.toBeInstanceOf(
      JiraMalformedResponseError,
    );
  });
});
