import type { SmartConnectedItemInput } from "@kobik/sync-core";

/** A valid two-way item in app auth; tests override one part at a time. */
export function twoWayItem(overrides: Partial<SmartConnectedItemInput> = {}): SmartConnectedItemInput {
  return {
    id: "deals-to-bugs",
    name: "Deals to bugs",
    mode: "two-way",
    jira: { projectKey: "SUP", issueType: "Bug" },
    crm: { module: "Deals" },
    fieldMappings: [
      { crmField: "Deal_Name", jiraField: "summary", direction: "crm-to-jira" },
      { crmField: "Description", jiraField: "description", direction: "both" },
    ],
    ...overrides,
  };
}

/** A valid display item. */
export function displayItem(overrides: Partial<SmartConnectedItemInput> = {}): SmartConnectedItemInput {
  return {
    id: "deal-preview",
    name: "Deal preview",
    mode: "display",
    jira: { projectKey: "SUP", issueType: "Bug" },
    crm: { module: "Deals" },
    displayFields: ["Deal_Name", "Amount"],
    ...overrides,
  };
}
