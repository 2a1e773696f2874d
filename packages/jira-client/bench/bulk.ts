import type { JiraClient, JiraIssueInput } from "@kobik/jira-client";

/** Issues per bulk call: Jira's maximum, and what the sync engine's backfill sends. */
export const BULK_SIZE = 50;

/** An issue the way the sync engine creates one from a CRM record: fields, ADF description, marker. */
function input(n: number): JiraIssueInput {
  const text = `Deal ${n}: ${"renewal terms, contacts and the next steps agreed on the call. ".repeat(6)}`;
  return {
    fields: {
      project: { key: "BEN" },
      issuetype: { name: "Task" },
      summary: `Benchmark deal ${n} with a realistic summary length`,
      description: {
        type: "doc",
        version: 1,
        content: [{ type: "paragraph", content: [{ type: "text", text }] }],
      },
      labels: ["crm", "zoho"],
      customfield_10010: `4876876000000${String(n).padStart(6, "0")}`,
    },
    properties: {
      "kobik.link": { itemId: "deals", crmRecordId: `4876876000000${String(n).padStart(6, "0")}` },
    },
  };
}

/** The bulk-create contenders: bare fetch sending the same JSON, and the client's `bulkCreate`. */
export function bulkContenders(
  url: string,
  authorization: string,
  client: JiraClient,
): Record<string, () => Promise<unknown>> {
  const inputs = Array.from({ length: BULK_SIZE }, (_, i) => input(i));
  // What the client sends: Jira's `IssueUpdateDetails` with properties as `EntityProperty[]`.
  const issueUpdates = inputs.map((i) => ({
    fields: i.fields,
    properties: Object.entries(i.properties ?? {}).map(([key, value]) => ({ key, value })),
  }));
  return {
    "bare fetch": async () =>
      (
        await fetch(`${url}/rest/api/3/issue/bulk`, {
          method: "POST",
          headers: { Authorization: authorization, "Content-Type": "application/json" },
          body: JSON.stringify({ issueUpdates }),
        })
      ).json(),
    "@kobik/jira-client": () => client.issues.bulkCreate(inputs),
  };
}
