import { parseSmartConnectedItem, prepareItem, type SmartConnectedItemInput } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { metadata, twoWayItem } from "./fixtures.js";

function issuesOf(input: SmartConnectedItemInput) {
  const parsed = parseSmartConnectedItem(input, { authMode: "app" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = prepareItem(parsed.value, metadata);
  return result.ok
    ? []
    : result.issues.map((issue) => ({ at: issue.pathText, code: issue.code, message: issue.message }));
}

const withMapping = (mapping: NonNullable<SmartConnectedItemInput["fieldMappings"]>[number]) =>
  twoWayItem({ fieldMappings: [mapping] });

describe("prepareItem: validation against live field metadata", () => {
  it("accepts compatible mappings", () => {
    expect(issuesOf(twoWayItem())).toEqual([]);
    expect(
      issuesOf(withMapping({ crmField: "Amount", jiraField: "customfield_10010", direction: "both" })),
    ).toEqual([]);
  });

  it("rejects an unknown CRM field", () => {
    expect(issuesOf(withMapping({ crmField: "Deal_Nmae", jiraField: "summary" }))).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].crmField", code: "unknown-crm-field" }),
    ]);
  });

  it("rejects an unknown Jira field", () => {
    expect(issuesOf(withMapping({ crmField: "Deal_Name", jiraField: "customfield_99999" }))).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].jiraField", code: "unknown-jira-field" }),
    ]);
  });

  it("rejects field types it cannot map, on either side", () => {
    expect(issuesOf(withMapping({ crmField: "Items", jiraField: "summary" }))[0]?.code).toBe(
      "unsupported-field-type",
    );
    expect(
      issuesOf(withMapping({ crmField: "Deal_Name", jiraField: "customfield_10017" }))[0]?.message,
    ).toMatch(/array of json/);
  });

  it("rejects incompatible types, with the transform that would fix them", () => {
    const issues = issuesOf(withMapping({ crmField: "Score", jiraField: "customfield_10016" }));
    expect(issues).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].jiraField", code: "incompatible-types" }),
    ]);
    expect(issues[0]?.message).toContain('add transform { kind: "number" }');
    expect(
      issuesOf(
        withMapping({ crmField: "Score", jiraField: "customfield_10016", transform: { kind: "number" } }),
      ),
    ).toEqual([]);
  });

  it("checks the reverse direction of a two-way mapping too", () => {
    const issues = issuesOf(withMapping({ crmField: "Amount", jiraField: "summary", direction: "both" }));
    expect(issues).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].crmField", code: "incompatible-types" }),
    ]);
  });

  it("rejects a read-only target on each side", () => {
    expect(issuesOf(withMapping({ crmField: "Next_Call", jiraField: "created" }))).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].jiraField", code: "read-only-target" }),
    ]);
    expect(
      issuesOf(
        withMapping({ crmField: "Locked_Note", jiraField: "customfield_10015", direction: "jira-to-crm" }),
      ),
    ).toEqual([expect.objectContaining({ at: "fieldMappings[0].crmField", code: "read-only-target" })]);
    // Reading a read-only field is fine.
    expect(issuesOf(withMapping({ crmField: "Locked_Note", jiraField: "customfield_10015" }))).toEqual([]);
  });

  it("rejects a hard-coded value that does not fit the target", () => {
    expect(issuesOf(withMapping({ jiraField: "customfield_10010", hardCoded: "lots" }))).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].hardCoded", code: "invalid-hard-coded" }),
    ]);
    expect(issuesOf(withMapping({ jiraField: "customfield_10010", hardCoded: 42 }))).toEqual([]);
  });

  it("rejects value-map entries that are not values of the CRM picklist", () => {
    const mapping = {
      crmField: "Stage",
      jiraField: "customfield_10012",
      valueMap: [{ crm: "Closed Lost", jira: "Lost" }],
    };
    const issues = issuesOf(withMapping(mapping));
    expect(issues).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].valueMap[0].crm", code: "unknown-picklist-value" }),
    ]);
    expect(issues[0]?.message).toContain('"Closed Won"');
    expect(issuesOf(withMapping({ ...mapping, valueMap: [{ crm: "Closed Won", jira: "Won" }] }))).toEqual([]);
  });

  it("rejects template placeholders that name unknown fields", () => {
    expect(
      issuesOf(
        withMapping({
          jiraField: "summary",
          transform: { kind: "template", template: "{{First_Name}} {{Surname}}" },
        }),
      ),
    ).toEqual([
      expect.objectContaining({ at: "fieldMappings[0].transform.template", code: "unknown-crm-field" }),
    ]);
  });

  it("rejects truncate on a non-text target", () => {
    expect(
      issuesOf(
        withMapping({
          crmField: "Amount",
          jiraField: "customfield_10010",
          transform: { kind: "truncate", maxLength: 5 },
        }),
      )[0]?.code,
    ).toBe("incompatible-transform");
  });

  it("checks display fields and the status field", () => {
    const display: SmartConnectedItemInput = {
      id: "p",
      name: "p",
      mode: "display",
      jira: { projectKey: "SUP", issueType: "Bug" },
      crm: { module: "Deals" },
      displayFields: ["Deal_Name", "Nope"],
    };
    expect(issuesOf(display)).toEqual([
      expect.objectContaining({ at: "displayFields[1]", code: "unknown-crm-field" }),
    ]);
    const status = (crmField: string) =>
      twoWayItem({
        features: { statusSync: true },
        statusMapping: { crmField, pairs: [{ crm: "Closed Won", jira: "Done" }] },
      });
    expect(issuesOf(status("Stage"))).toEqual([]);
    expect(issuesOf(status("Deal_Name"))[0]?.code).toBe("status-field-not-picklist");
    expect(issuesOf(status("Stag"))[0]?.code).toBe("unknown-crm-field");
    const clash = twoWayItem({
      features: { statusSync: true },
      statusMapping: { crmField: "Stage", pairs: [{ crm: "Closed Won", jira: "Done" }] },
      fieldMappings: [{ crmField: "Stage", jiraField: "customfield_10012", direction: "both" }],
    });
    expect(issuesOf(clash)[0]?.code).toBe("status-field-mapped");
  });
});
