import type { SmartConnectedItemInput, SyncOperation } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { planFor, twoWayItem } from "./fixtures.js";

type Mappings = NonNullable<SmartConnectedItemInput["fieldMappings"]>;
const items = (fieldMappings: Mappings) => twoWayItem({ fieldMappings });

function jiraFieldsOf(operations: readonly SyncOperation[]) {
  const op = operations.find((o) => o.kind === "jira.updateFields");
  return op?.kind === "jira.updateFields" ? op : undefined;
}
function crmFieldsOf(operations: readonly SyncOperation[]) {
  const op = operations.find((o) => o.kind === "crm.updateRecord");
  return op?.kind === "crm.updateRecord" ? op : undefined;
}

describe("mapping values to Jira", () => {
  it("writes rich text as ADF and plain text fields as strings", () => {
    const plan = planFor(
      items([
        { crmField: "Description", jiraField: "description" },
        { crmField: "Deal_Name", jiraField: "customfield_10015" },
      ]),
      { Description: " Line 1\nLine 2 ", Deal_Name: "Acme" },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields).toEqual({
      description: {
        type: "doc",
        version: 1,
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Line 1" }] },
          { type: "paragraph", content: [{ type: "text", text: "Line 2" }] },
        ],
      },
      customfield_10015: "Acme",
    });
  });

  it("truncates text to Jira's summary limit instead of failing", () => {
    const plan = planFor(
      items([{ crmField: "Description", jiraField: "summary" }]),
      { Description: "x".repeat(300) },
      {},
    );
    const summary = jiraFieldsOf(plan.operations)?.fields.summary as string;
    expect(Array.from(summary)).toHaveLength(255);
    expect(summary.endsWith("…")).toBe(true);
  });

  it("applies a truncate transform", () => {
    const plan = planFor(
      items([
        {
          crmField: "Description",
          jiraField: "customfield_10015",
          transform: { kind: "truncate", maxLength: 5 },
        },
      ]),
      { Description: "abcdefgh" },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields.customfield_10015).toBe("abcd…");
  });

  it("maps picklist values through the value map, and warns with the value when one is missing", () => {
    const mapping = {
      crmField: "Stage",
      jiraField: "customfield_10012",
      valueMap: [{ crm: "Closed Won", jira: "Won" }],
    };
    const mapped = planFor(items([mapping]), { Stage: "Closed Won" }, {});
    expect(jiraFieldsOf(mapped.operations)?.fields.customfield_10012).toEqual({ value: "Won" });
    const missing = planFor(items([mapping]), { Stage: "Negotiation" }, {});
    expect(missing.operations).toEqual([]);
    expect(missing.warnings).toEqual([
      expect.objectContaining({ code: "unmapped-value", field: "customfield_10012", value: "Negotiation" }),
    ]);
  });

  it("renders templates from CRM fields", () => {
    const plan = planFor(
      items([
        {
          jiraField: "summary",
          transform: { kind: "template", template: "{{First_Name}} {{Last_Name}} ({{Amount}})" },
        },
      ]),
      { First_Name: "Ada", Last_Name: "Lovelace", Amount: 1250.5 },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields.summary).toBe("Ada Lovelace (1250.5)");
  });

  it("writes hard-coded values", () => {
    const plan = planFor(
      items([
        { jiraField: "labels", hardCoded: ["from-crm", "sales"] },
        { jiraField: "priority", hardCoded: "High" },
      ]),
      {},
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields).toEqual({
      labels: ["from-crm", "sales"],
      priority: { name: "High" },
    });
  });

  it("keeps decimals exact and writes numbers Jira can store", () => {
    const plan = planFor(
      items([{ crmField: "Amount", jiraField: "customfield_10010" }]),
      { Amount: 0.1 },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.changes[0]?.to).toEqual({ kind: "decimal", value: "0.1" });
    expect(jiraFieldsOf(plan.operations)?.fields.customfield_10010).toBe(0.1);
  });

  it("parses and rounds text into numbers with the number transform", () => {
    const plan = planFor(
      items([{ crmField: "Score", jiraField: "customfield_10016", transform: { kind: "number", scale: 1 } }]),
      { Score: "1,234.56" },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields.customfield_10016).toBe(1234.6);
  });

  it("writes users by email and lists the fields the engine must resolve to account ids", () => {
    const plan = planFor(
      items([{ crmField: "Owner", jiraField: "assignee" }]),
      { Owner: { id: "9", name: "Ana", email: "Ana@Example.com" } },
      {},
    );
    expect(jiraFieldsOf(plan.operations)).toMatchObject({
      fields: { assignee: { emailAddress: "ana@example.com" } },
      userFields: ["assignee"],
    });
  });

  it("turns a datetime into the calendar day at a given offset", () => {
    const mapping = {
      crmField: "Next_Call",
      jiraField: "duedate",
      transform: { kind: "date", utcOffset: "+05:30" },
    } as const;
    const plan = planFor(items([mapping]), { Next_Call: "2026-03-01T23:30:00+00:00" }, {});
    expect(jiraFieldsOf(plan.operations)?.fields.duedate).toBe("2026-03-02");
  });

  it("writes Jira datetimes in Jira's offset form and multi-selects as options", () => {
    const plan = planFor(
      items([
        { crmField: "Next_Call", jiraField: "customfield_10011" },
        { crmField: "Regions", jiraField: "customfield_10014" },
      ]),
      { Next_Call: "2026-03-01T10:00:00+05:30", Regions: ["EMEA", "APAC"] },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields).toEqual({
      customfield_10011: "2026-03-01T04:30:00.000+0000",
      customfield_10014: [{ value: "APAC" }, { value: "EMEA" }],
    });
  });
});

describe("mapping values to CRM", () => {
  const base = (crm: Record<string, unknown>, jira: Record<string, unknown>, mapping: Mappings[number]) => {
    const first = planFor(items([mapping]), crm, jira);
    return first.nextBase;
  };

  it("writes datetimes with an explicit offset at second precision", () => {
    const mapping = { crmField: "Next_Call", jiraField: "customfield_10011", direction: "both" } as const;
    const synced = base(
      { Next_Call: "2026-03-01T10:00:00+05:30" },
      { customfield_10011: "2026-03-01T04:30:00.000+0000" },
      mapping,
    );
    const plan = planFor(
      items([mapping]),
      { Next_Call: "2026-03-01T10:00:00+05:30" },
      { customfield_10011: "2026-03-05T08:00:00.250+0000" },
      { base: synced },
    );
    expect(crmFieldsOf(plan.operations)?.fields).toEqual({ Next_Call: "2026-03-05T08:00:00+00:00" });
    expect(plan.nextBase.fields.customfield_10011).toEqual({
      crm: { kind: "datetime", value: "2026-03-05T08:00:00.000Z" },
      jira: { kind: "datetime", value: "2026-03-05T08:00:00.250Z" },
    });
  });

  it("maps picklists back through the value map and ADF back to plain text", () => {
    const stage: Mappings[number] = {
      crmField: "Stage",
      jiraField: "customfield_10012",
      direction: "both",
      valueMap: [
        { crm: "Closed Won", jira: "Won" },
        { crm: "Negotiation", jira: "Talking" },
      ],
    };
    const synced = base({ Stage: "Negotiation" }, { customfield_10012: { value: "Talking" } }, stage);
    const plan = planFor(
      items([stage]),
      { Stage: "Negotiation" },
      { customfield_10012: { value: "Won" } },
      { base: synced },
    );
    expect(crmFieldsOf(plan.operations)?.fields).toEqual({ Stage: "Closed Won" });

    const text = { crmField: "Description", jiraField: "description", direction: "both" } as const;
    const syncedText = base({ Description: "old" }, {}, text);
    const edited = planFor(
      items([text]),
      { Description: "old" },
      {
        description: {
          type: "doc",
          version: 1,
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "new ", marks: [{ type: "strong" }] },
                { type: "text", text: "text" },
              ],
            },
          ],
        },
      },
      { base: syncedText },
    );
    expect(crmFieldsOf(edited.operations)?.fields).toEqual({ Description: "new text" });
  });

  it("writes 64-bit numbers as strings, users by email, and truncates to the CRM field length", () => {
    const mappings: Mappings = [
      { crmField: "External_Ref", jiraField: "customfield_10010", direction: "jira-to-crm" },
      { crmField: "Owner", jiraField: "assignee", direction: "jira-to-crm" },
      { crmField: "Deal_Name", jiraField: "customfield_10015", direction: "jira-to-crm" },
    ];
    const plan = planFor(
      items([{ crmField: "Deal_Name", jiraField: "summary" }, ...mappings]),
      { Deal_Name: "x" },
      {
        customfield_10010: 42,
        assignee: { emailAddress: "bo@example.com" },
        customfield_10015: "y".repeat(130),
      },
    );
    expect(crmFieldsOf(plan.operations)).toMatchObject({
      fields: { External_Ref: "42", Owner: { email: "bo@example.com" }, Deal_Name: `${"y".repeat(119)}…` },
      userFields: ["Owner"],
    });
  });

  it("writes a hard-coded value into CRM for a Jira -> CRM mapping", () => {
    const plan = planFor(
      items([
        {
          crmField: "Type",
          jiraField: "customfield_10015",
          direction: "jira-to-crm",
          hardCoded: "From Jira",
        },
      ]),
      {},
      {},
    );
    expect(crmFieldsOf(plan.operations)?.fields).toEqual({ Type: "From Jira" });
  });

  it("turns a Jira date back into a CRM datetime at midnight of the offset", () => {
    const mapping: Mappings[number] = {
      crmField: "Next_Call",
      jiraField: "duedate",
      direction: "both",
      transform: { kind: "date", utcOffset: "+05:30" },
    };
    const synced = base({ Next_Call: "2026-03-01T10:00:00+05:30" }, { duedate: "2026-03-01" }, mapping);
    const plan = planFor(
      items([mapping]),
      { Next_Call: "2026-03-01T10:00:00+05:30" },
      { duedate: "2026-03-05" },
      { base: synced },
    );
    expect(crmFieldsOf(plan.operations)?.fields).toEqual({ Next_Call: "2026-03-04T18:30:00+00:00" });
  });

  it("reads an email text field as a user with user-by-email", () => {
    const mapping: Mappings[number] = {
      crmField: "Contact_Email",
      jiraField: "assignee",
      transform: { kind: "user-by-email" },
    };
    const plan = planFor(items([mapping]), { Contact_Email: "Cy@Example.org" }, {});
    expect(jiraFieldsOf(plan.operations)).toMatchObject({
      fields: { assignee: { emailAddress: "cy@example.org" } },
      userFields: ["assignee"],
    });
    const notEmail = planFor(items([mapping]), { Contact_Email: "not an email" }, {});
    expect(notEmail.warnings).toEqual([
      expect.objectContaining({ code: "conversion-failed", field: "assignee" }),
    ]);
  });

  it("maps each value of a multi-select through the value map", () => {
    const mapping: Mappings[number] = {
      crmField: "Regions",
      jiraField: "customfield_10014",
      valueMap: [
        { crm: "EMEA", jira: "Europe" },
        { crm: "APAC", jira: "Asia" },
      ],
    };
    const plan = planFor(items([mapping]), { Regions: ["EMEA", "APAC"] }, {});
    expect(jiraFieldsOf(plan.operations)?.fields.customfield_10014).toEqual([
      { value: "Asia" },
      { value: "Europe" },
    ]);
    const missing = planFor(items([mapping]), { Regions: ["EMEA", "LATAM"] }, {});
    expect(missing.warnings).toEqual([expect.objectContaining({ code: "unmapped-value", value: "LATAM" })]);
  });

  it("writes a picklist into a multi-select as a one-value set", () => {
    const plan = planFor(
      items([{ crmField: "Type", jiraField: "customfield_10014" }]),
      { Type: "Renewal" },
      {},
    );
    expect(jiraFieldsOf(plan.operations)?.fields.customfield_10014).toEqual([{ value: "Renewal" }]);
  });
});
