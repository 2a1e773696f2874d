/**
 * The demo's two items, written as a person would write the files (the same files are in
 * `examples/cli-quickstart/`): Deals two-way with status, notes and attachments; Leads one-way with
 * auto-create.
 */
export const DEMO_DEALS_YAML = `id: deals
name: Deals <-> KOB tasks
mode: two-way
jira:
  projectKey: KOB
  issueType: Task
crm:
  module: Deals
fieldMappings:
  - { crmField: Deal_Name, jiraField: summary, direction: crm-to-jira }
  - { crmField: Description, jiraField: description, direction: both }
  - { crmField: Amount, jiraField: customfield_10052, direction: both }
statusMapping:
  crmField: Stage
  pairs:
    - { crm: Qualification, jira: To Do }
    - { crm: Needs Analysis, jira: In Progress }
    - { crm: Negotiation/Review, jira: In Review }
    - { crm: Closed Won, jira: Done }
features:
  autoCreate: true
  statusSync: true
  notesSync: true
  attachmentSync: true
conflictPolicy:
  kind: latest-change-wins
  skewWindowMs: 2000
  tieBreaker: crm
`;

/** One-way: new CRM leads become OPS tasks; CRM stays the source of truth. */
export const DEMO_LEADS_JSON = `${JSON.stringify(
  {
    id: "leads",
    name: "New leads become OPS tasks",
    mode: "one-way",
    jira: { projectKey: "OPS", issueType: "Task" },
    crm: { module: "Leads" },
    fieldMappings: [
      { crmField: "Last_Name", jiraField: "summary", direction: "crm-to-jira" },
      { crmField: "Description", jiraField: "description", direction: "crm-to-jira" },
    ],
    features: { autoCreate: true },
  },
  null,
  2,
)}\n`;
