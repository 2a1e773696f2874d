/** A two-way Deals item with status, notes and attachment sync, as a YAML file would hold it. */
export const DEALS_YAML = `# yaml-language-server: $schema=.kobik/item.schema.json
id: deals
name: Deals <-> KOB tasks
mode: two-way
jira:
  projectKey: KOB
  issueType: Task
crm:
  module: Deals
fieldMappings:
  - jiraField: summary
    crmField: Deal_Name
    direction: both
  - jiraField: description
    crmField: Description
    direction: both
statusMapping:
  crmField: Stage
  pairs:
    - { crm: Qualification, jira: To Do }
    - { crm: Negotiation/Review, jira: In Progress }
    - { crm: Closed Won, jira: Done }
features:
  autoCreate: true
  statusSync: true
  notesSync: true
  attachmentSync: true
`;

/** A one-way Leads item with auto-create, as JSON. */
export const LEADS_JSON = JSON.stringify(
  {
    id: "leads",
    name: "New leads become OPS tasks",
    mode: "one-way",
    jira: { projectKey: "OPS", issueType: "Task" },
    crm: { module: "Leads" },
    fieldMappings: [
      { jiraField: "summary", crmField: "Last_Name", direction: "crm-to-jira" },
      { jiraField: "description", crmField: "Description", direction: "crm-to-jira" },
    ],
    features: { autoCreate: true },
  },
  null,
  2,
);
