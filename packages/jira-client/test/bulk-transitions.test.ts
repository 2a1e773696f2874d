import { JiraNoTransitionError, JiraValidationError } from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, testClient, useServer } from "./helpers.js";

const server = useServer();

describe("issues.bulkCreate", () => {
  it("chunks by 50 and pairs every element with its result, failures included", async () => {
    const sizes: number[] = [];
    let next = 1;
    server.use(
      http.post(`${API}/issue/bulk`, async ({ request }) => {
        const { issueUpdates } = (await request.json()) as {
          issueUpdates: Array<{ fields: { summary: string } }>;
        };
        sizes.push(issueUpdates.length);
        const errors: unknown[] = [];
        const issues: unknown[] = [];
        issueUpdates.forEach((u, i) => {
          if (u.fields.summary === "bad") {
            errors.push({
              failedElementNumber: i,
              status: 400,
              elementErrors: { errors: { summary: "invalid" } },
            });
          } else issues.push({ id: String(next), key: `ABC-${next++}` });
        });
        return HttpResponse.json({ issues, errors }, { status: 201 });
      }),
    );
    const { jira } = testClient();
    const inputs = Array.from({ length: 120 }, (_, i) => ({
      fields: { summary: i === 3 || i === 75 ? "bad" : `s${i}` },
    }));
    const results = await jira.issues.bulkCreate(inputs);
    expect(sizes).toEqual([50, 50, 20]);
    expect(results).toHaveLength(120);
    expect(results.map((r) => r.index)).toEqual(inputs.map((_, i) => i));
    expect(results[3]).toEqual({
      ok: false,
      index: 3,
      status: 400,
      error: { errorMessages: [], errors: { summary: "invalid" } },
    });
    expect(results[75]).toMatchObject({ ok: false, index: 75 });
    expect(results[4]).toEqual({ ok: true, index: 4, issue: { id: "4", key: "ABC-4" } });
    expect(results.filter((r) => r.ok)).toHaveLength(118);
  });

  it("surfaces per-element errors when all failed (HTTP 400) instead of throwing", async () => {
    server.use(
      http.post(`${API}/issue/bulk`, () =>
        HttpResponse.json(
          {
            issues: [],
            errors: [
              { failedElementNumber: 0, status: 400, elementErrors: { errorMessages: ["no project"] } },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { jira } = testClient();
    expect(await jira.issues.bulkCreate([{ fields: {} }])).toEqual([
      { ok: false, index: 0, status: 400, error: { errorMessages: ["no project"], errors: {} } },
    ]);
  });

  it("throws a typed error for a 400 that is not a bulk answer", async () => {
    server.use(
      http.post(`${API}/issue/bulk`, () =>
        HttpResponse.json({ errorMessages: ["bad body"] }, { status: 400 }),
      ),
    );
    const { jira } = testClient();
    await expect(jira.issues.bulkCreate([{ fields: {} }])).rejects.toBeInstanceOf(JiraValidationError);
  });
});

describe("transitions", () => {
  const transitions = [
    { id: "11", name: "Start", to: { id: "3", name: "In Progress" } },
    { id: "31", name: "Finish", to: { id: "5", name: "Done" } },
  ];

  it("transitionTo finds the transition by target status, case-insensitively, and performs it", async () => {
    let posted: unknown;
    server.use(
      http.get(`${API}/issue/ABC-1/transitions`, () => HttpResponse.json({ transitions })),
      http.post(`${API}/issue/ABC-1/transitions`, async ({ request }) => {
        posted = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { jira } = testClient();
    const used = await jira.transitions.transitionTo("ABC-1", "done", {
      fields: { resolution: { name: "Fixed" } },
    });
    expect(used.id).toBe("31");
    expect(posted).toEqual({ transition: { id: "31" }, fields: { resolution: { name: "Fixed" } } });
  });

  it("transitionTo lists the reachable statuses when none leads to the target", async () => {
    server.use(http.get(`${API}/issue/ABC-1/transitions`, () => HttpResponse.json({ transitions })));
    const { jira } = testClient();
    const error = (await jira.transitions
      .transitionTo("ABC-1", "Archived")
      .catch((e: unknown) => e)) as JiraNoTransitionError;
    expect(error).toBeInstanceOf(JiraNoTransitionError);
    expect(error.availableTargets).toEqual(["In Progress", "Done"]);
    expect(error.message).toContain("In Progress, Done");
  });

  it("lists no transitions when Jira returns none (e.g. missing permission)", async () => {
    server.use(http.get(`${API}/issue/ABC-1/transitions`, () => HttpResponse.json({})));
    const { jira } = testClient();
    expect(await jira.transitions.list("ABC-1")).toEqual([]);
    await expect(jira.transitions.transitionTo("ABC-1", "Done")).rejects.toMatchObject({
      availableTargets: [],
    });
  });
});
