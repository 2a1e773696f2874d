// The README's example, run as a test so it stays true.

import {
  emptyLinkBase,
  finalizeBase,
  parseSmartConnectedItem,
  planLinkSync,
  prepareItem,
} from "@kobik/sync-core";
import { expect, it } from "vitest";

it("runs the README example", () => {
  const parsed = parseSmartConnectedItem(
    {
      id: "deals-to-bugs",
      name: "Deals to bugs",
      mode: "two-way",
      jira: { projectKey: "SUP", issueType: "Bug" },
      crm: { module: "Deals" },
      fieldMappings: [
        { crmField: "Deal_Name", jiraField: "summary" },
        { crmField: "Amount", jiraField: "customfield_10010", direction: "both" },
      ],
    },
    { authMode: "app" },
  );
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));

  const prepared = prepareItem(parsed.value, {
    crm: [
      { api_name: "Deal_Name", data_type: "text" },
      { api_name: "Amount", data_type: "currency" },
    ],
    jira: [
      { id: "summary", schema: { type: "string", system: "summary" } },
      { id: "customfield_10010", schema: { type: "number" } },
    ],
  });
  if (!prepared.ok) throw new Error(prepared.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));

  const link = {
    itemId: "deals-to-bugs",
    jira: { issueId: "10001", issueKey: "SUP-1" },
    crm: { module: "Deals", recordId: "4876876000000327001" },
    origin: "manual" as const,
    base: emptyLinkBase(),
  };
  const plan = planLinkSync({
    item: prepared.value,
    link,
    crm: {
      id: "4876876000000327001",
      Modified_Time: "2026-03-01T10:00:00+05:30",
      Deal_Name: "Acme renewal",
      Amount: 1250.5,
    },
    jira: {
      id: "10001",
      key: "SUP-1",
      fields: { summary: "Acme", customfield_10010: null },
      updated: "2026-03-01T04:00:00.000+0000",
    },
    now: "2026-03-01T12:00:00.000Z",
  });
  // -> one jira.updateFields: { summary: "Acme renewal", customfield_10010: 1250.5 }
  const nextBase = finalizeBase(plan, {}); // after the writes succeeded: save it on the link

  expect(plan.operations).toEqual([
    expect.objectContaining({
      kind: "jira.updateFields",
      fields: { summary: "Acme renewal", customfield_10010: 1250.5 },
    }),
  ]);
  expect(nextBase.fields.summary).toEqual({
    crm: { kind: "text", value: "Acme renewal" },
    jira: { kind: "text", value: "Acme renewal" },
  });
});
