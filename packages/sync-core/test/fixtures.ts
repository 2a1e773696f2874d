import {
  type CrmFieldMeta,
  type CrmRecord,
  emptyLinkBase,
  type FieldMetadata,
  type JiraFieldMeta,
  type JiraIssue,
  type Link,
  type LinkBase,
  type PreparedItem,
  parseSmartConnectedItem,
  planLinkSync,
  prepareItem,
  type SmartConnectedItemInput,
} from "@kobik/sync-core";

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

/** CRM field metadata of a Deals module, as `GET /settings/fields` returns it (trimmed). */
export const crmFields: CrmFieldMeta[] = [
  { api_name: "Deal_Name", data_type: "text", field_label: "Deal Name", length: 120 },
  { api_name: "Description", data_type: "textarea", field_label: "Description" },
  { api_name: "Amount", data_type: "currency", field_label: "Amount" },
  { api_name: "Closing_Date", data_type: "date", field_label: "Closing Date" },
  { api_name: "Next_Call", data_type: "datetime", field_label: "Next Call" },
  {
    api_name: "Stage",
    data_type: "picklist",
    field_label: "Stage",
    pick_list_values: [
      { actual_value: "Qualification" },
      { actual_value: "Negotiation" },
      { actual_value: "Closed Won" },
    ],
  },
  { api_name: "Type", data_type: "picklist", field_label: "Type" },
  { api_name: "Regions", data_type: "multiselectpicklist", field_label: "Regions" },
  { api_name: "Owner", data_type: "ownerlookup", field_label: "Deal Owner" },
  { api_name: "Contact_Email", data_type: "email", field_label: "Contact Email" },
  { api_name: "Hot", data_type: "boolean", field_label: "Hot" },
  { api_name: "External_Ref", data_type: "bigint", field_label: "External Ref" },
  { api_name: "Score", data_type: "text", field_label: "Score" },
  { api_name: "Account_Name", data_type: "lookup", field_label: "Account Name" },
  { api_name: "Locked_Note", data_type: "text", field_label: "Locked", read_only: true },
  { api_name: "Items", data_type: "subform", field_label: "Items" },
  { api_name: "First_Name", data_type: "text", field_label: "First Name" },
  { api_name: "Last_Name", data_type: "text", field_label: "Last Name" },
];

/** Jira field metadata (`GET /rest/api/3/field`, trimmed; `editable` from editmeta). */
export const jiraFields: JiraFieldMeta[] = [
  { id: "summary", name: "Summary", schema: { type: "string", system: "summary" } },
  { id: "description", name: "Description", schema: { type: "string", system: "description" } },
  {
    id: "customfield_10010",
    name: "Amount",
    schema: { type: "number", custom: "com.atlassian.jira.plugin.system.customfieldtypes:float" },
  },
  { id: "duedate", name: "Due date", schema: { type: "date", system: "duedate" } },
  { id: "customfield_10011", name: "Next call", schema: { type: "datetime", custom: "x:datetime" } },
  { id: "customfield_10012", name: "Stage", schema: { type: "option", custom: "x:select" } },
  { id: "labels", name: "Labels", schema: { type: "array", items: "string", system: "labels" } },
  { id: "assignee", name: "Assignee", schema: { type: "user", system: "assignee" } },
  { id: "priority", name: "Priority", schema: { type: "priority", system: "priority" } },
  { id: "customfield_10013", name: "Notes", schema: { type: "string", custom: "x:textarea" } },
  {
    id: "customfield_10014",
    name: "Regions",
    schema: { type: "array", items: "option", custom: "x:multiselect" },
  },
  { id: "customfield_10015", name: "Ref", schema: { type: "string", custom: "x:textfield" } },
  { id: "customfield_10016", name: "Score", schema: { type: "number", custom: "x:float" } },
  { id: "created", name: "Created", schema: { type: "datetime", system: "created" }, editable: false },
  { id: "customfield_10017", name: "Sprint", schema: { type: "array", items: "json", custom: "x:sprint" } },
  { id: "customfield_10018", name: "Contact", schema: { type: "string", custom: "x:textfield" } },
];

/** Both sides' metadata. */
export const metadata: FieldMetadata = { crm: crmFields, jira: jiraFields };

/** Parses (app auth) and prepares an item, failing the test on any issue. */
export function prepared(input: SmartConnectedItemInput): PreparedItem {
  const parsed = parseSmartConnectedItem(input, { authMode: "app" });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));
  const result = prepareItem(parsed.value, metadata);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));
  return result.value;
}

/** A link in its state right after linking (empty base) or with a given base. */
export function linkOf(base: LinkBase = emptyLinkBase(), origin: "manual" | "auto" = "manual"): Link {
  return {
    itemId: "deals-to-bugs",
    jira: { issueId: "10001", issueKey: "SUP-1" },
    crm: { module: "Deals", recordId: "5001" },
    origin,
    base,
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

/** A CRM record snapshot of the link's record. */
export function crmRecord(
  fields: Record<string, unknown>,
  modified = "2026-03-01T10:00:00+05:30",
): CrmRecord {
  return { id: "5001", Modified_Time: modified, ...fields };
}

/** A Jira issue snapshot of the link's issue. */
export function jiraIssue(
  fields: Record<string, unknown>,
  updated = "2026-03-01T04:30:00.000+0000",
): JiraIssue {
  return { id: "10001", key: "SUP-1", fields, updated };
}

export const NOW = "2026-03-01T12:00:00.000Z";

/** Plans one link of an item built from `mappings` (two-way unless `mode` says otherwise). */
export function planFor(
  itemInput: SmartConnectedItemInput,
  crm: Record<string, unknown>,
  jira: Record<string, unknown>,
  options: {
    base?: LinkBase;
    origin?: "manual" | "auto";
    crmTime?: string;
    jiraTime?: string;
    now?: string;
  } = {},
) {
  return planLinkSync({
    item: prepared(itemInput),
    link: linkOf(options.base ?? emptyLinkBase(), options.origin ?? "manual"),
    crm: crmRecord(crm, options.crmTime),
    jira: jiraIssue(jira, options.jiraTime),
    now: options.now ?? NOW,
  });
}
