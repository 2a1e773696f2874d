import { autoCreateKey, planAutoCreate, planLinkSync } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { crmRecord, jiraIssue, linkOf, NOW, prepared, twoWayItem } from "./fixtures.js";

const item = (features = { autoCreate: true }) =>
  prepared(
    twoWayItem({
      features,
      fieldMappings: [
        { crmField: "Description", jiraField: "summary" },
        { crmField: "Amount", jiraField: "customfield_10010", direction: "both" },
        { jiraField: "labels", hardCoded: ["crm"] },
        { crmField: "Type", jiraField: "customfield_10015", direction: "jira-to-crm" },
      ],
    }),
  );
const record = crmRecord({ Description: "y".repeat(300), Amount: 99.5, Type: "New Business" });

describe("planAutoCreate", () => {
  it("plans a Jira create with every CRM -> Jira mapping, an idempotency key and a link marker", () => {
    const plan = planAutoCreate({ item: item(), crm: record });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const { operation } = plan;
    expect(operation.idempotencyKey).toBe("kobik:deals-to-bugs:Deals:5001");
    expect(operation.idempotencyKey).toBe(autoCreateKey("deals-to-bugs", "Deals", "5001"));
    expect(operation.fields).toMatchObject({
      project: { key: "SUP" },
      issuetype: { name: "Bug" },
      customfield_10010: 99.5,
      labels: ["crm"],
    });
    expect(Array.from(operation.fields.summary as string)).toHaveLength(255);
    expect(operation.fields).not.toHaveProperty("customfield_10015");
    expect(operation.marker).toEqual({
      propertyKey: "kobik.link",
      value: {
        itemId: "deals-to-bugs",
        module: "Deals",
        recordId: "5001",
        idempotencyKey: "kobik:deals-to-bugs:Deals:5001",
      },
      jql: 'issue.property[kobik.link].idempotencyKey = "kobik:deals-to-bugs:Deals:5001"',
    });
  });

  it("gives a base under which the first link sync plans nothing for the created issue", () => {
    const plan = planAutoCreate({ item: item(), crm: record });
    if (!plan.ok) throw new Error("expected a plan");
    const created = jiraIssue(
      { ...plan.operation.fields, customfield_10015: null },
      "2026-03-01T06:00:00.000+0000",
    );
    const sync = planLinkSync({
      item: item(),
      link: linkOf(plan.nextBase, "auto"),
      crm: record,
      jira: created,
      now: NOW,
    });
    expect(sync.operations).toEqual([]);
  });

  it("is the same plan every time for the same record", () => {
    expect(JSON.stringify(planAutoCreate({ item: item(), crm: record }))).toBe(
      JSON.stringify(planAutoCreate({ item: item(), crm: record })),
    );
  });

  it("says why there is nothing to create", () => {
    expect(planAutoCreate({ item: item({ autoCreate: false }), crm: record })).toEqual({
      ok: false,
      reason: "auto-create-off",
    });
  });
});
