import type { JiraField, JiraIssueType, JiraStatus, JiraTransition, JiraUser } from "./state.js";

/** Default users: an admin, a writer and a read-only user. Tokens are test credentials. */
export const DEFAULT_JIRA_USERS: readonly JiraUser[] = [
  {
    accountId: "712020:0a1b2c3d-0000-4000-8000-00000000a001",
    email: "admin@kobik-sandbox.example.com",
    displayName: "Ana Lúcia Ferreira",
    apiToken: "ATATT-kobik-sandbox-admin-token",
    active: true,
    access: "admin",
  },
  {
    accountId: "712020:0a1b2c3d-0000-4000-8000-00000000a002",
    email: "dev@kobik-sandbox.example.com",
    displayName: "Jürgen Weiß",
    apiToken: "ATATT-kobik-sandbox-dev-token",
    active: true,
    access: "write",
  },
  {
    accountId: "712020:0a1b2c3d-0000-4000-8000-00000000a003",
    email: "viewer@kobik-sandbox.example.com",
    displayName: "芳 王",
    apiToken: "ATATT-kobik-sandbox-viewer-token",
    active: true,
    access: "browse",
  },
];

export const DEFAULT_ISSUE_TYPES: readonly JiraIssueType[] = [
  { id: "10001", name: "Task", subtask: false, hierarchyLevel: 0 },
  { id: "10002", name: "Bug", subtask: false, hierarchyLevel: 0 },
  { id: "10003", name: "Story", subtask: false, hierarchyLevel: 0 },
  { id: "10004", name: "Epic", subtask: false, hierarchyLevel: 1 },
];

/** The first status is where new issues start. */
export const DEFAULT_STATUSES: readonly JiraStatus[] = [
  { id: "10000", name: "To Do", category: "new" },
  { id: "3", name: "In Progress", category: "indeterminate" },
  { id: "10001", name: "In Review", category: "indeterminate" },
  { id: "10002", name: "Done", category: "done" },
];

export const DEFAULT_TRANSITIONS: readonly JiraTransition[] = [
  { id: "11", name: "To Do", from: "any", to: "10000" },
  { id: "21", name: "Start work", from: ["10000", "10001"], to: "3" },
  { id: "31", name: "Request review", from: ["3"], to: "10001" },
  { id: "41", name: "Done", from: ["3", "10001"], to: "10002" },
];

const sys = (
  id: string,
  name: string,
  kind: JiraField["kind"],
  settable: boolean,
  schemaType = id,
): JiraField => ({ id, name, custom: false, kind, settable, schemaType });

/** System fields plus custom fields a CRM sync typically maps. */
export function defaultFields(custom: readonly JiraField[] = []): JiraField[] {
  return [
    sys("summary", "Summary", "string", true, "string"),
    sys("description", "Description", "adf", true, "string"),
    sys("issuetype", "Issue Type", "system", false),
    sys("project", "Project", "system", false),
    sys("status", "Status", "system", false),
    sys("priority", "Priority", "priority", true),
    sys("labels", "Labels", "labels", true, "array"),
    sys("assignee", "Assignee", "user", true, "user"),
    sys("reporter", "Reporter", "user", true, "user"),
    sys("duedate", "Due date", "date", true, "date"),
    sys("created", "Created", "system", false, "datetime"),
    sys("updated", "Updated", "system", false, "datetime"),
    sys("creator", "Creator", "system", false, "user"),
    sys("resolution", "Resolution", "system", false),
    sys("comment", "Comment", "system", false, "comments-page"),
    sys("attachment", "Attachment", "system", false, "array"),
    {
      id: "customfield_10050",
      name: "Zoho Record ID",
      custom: true,
      kind: "string",
      settable: true,
      schemaType: "textfield",
    },
    {
      id: "customfield_10051",
      name: "Zoho Module",
      custom: true,
      kind: "option",
      options: ["Leads", "Contacts", "Accounts", "Deals", "Cases"],
      settable: true,
      schemaType: "select",
    },
    {
      id: "customfield_10052",
      name: "Deal Amount",
      custom: true,
      kind: "number",
      settable: true,
      schemaType: "float",
    },
    {
      id: "customfield_10053",
      name: "CRM Notes",
      custom: true,
      kind: "adf",
      settable: true,
      schemaType: "textarea",
    },
    {
      id: "customfield_10054",
      name: "Close Date",
      custom: true,
      kind: "date",
      settable: true,
      schemaType: "datepicker",
    },
    ...custom,
  ];
}
