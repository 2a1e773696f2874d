import type { SimulatorClock } from "../core/clock.js";
import type { DeliveryQueue } from "../core/delivery.js";
import type { SeededRandom } from "../core/random.js";

/** A Jira user. `apiToken` authenticates basic auth; `access` is the coarse permission level. */
export interface JiraUser {
  accountId: string;
  email: string;
  displayName: string;
  apiToken: string;
  active: boolean;
  /** `browse` users can read but not write (403). */
  access: "admin" | "write" | "browse";
}

export interface JiraStatus {
  id: string;
  name: string;
  category: "new" | "indeterminate" | "done";
}

/** A workflow transition: available from the listed statuses (or from any status) to `to`. */
export interface JiraTransition {
  id: string;
  name: string;
  from: readonly string[] | "any";
  to: string;
}

export interface JiraIssueType {
  id: string;
  name: string;
  subtask: boolean;
  hierarchyLevel: number;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  issueTypeIds: string[];
  counter: number;
}

/** Field kinds the simulator validates. `adf` fields take Atlassian Document Format. */
export type JiraFieldKind =
  | "string"
  | "adf"
  | "number"
  | "date"
  | "labels"
  | "user"
  | "priority"
  | "option"
  | "system";

export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  kind: JiraFieldKind;
  /** Allowed values of an `option` field. */
  options?: readonly string[];
  /** Read-only system fields (status, created...) cannot be set through create/edit. */
  settable: boolean;
  schemaType: string;
}

export interface JiraComment {
  id: string;
  author: string;
  updateAuthor: string;
  body: unknown;
  created: number;
  updated: number;
}

export interface JiraAttachment {
  id: string;
  issueId: string;
  filename: string;
  mimeType: string;
  content: Uint8Array<ArrayBuffer>;
  author: string;
  created: number;
}

export interface ChangeItem {
  field: string;
  fieldtype: "jira" | "custom";
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangeHistory {
  id: string;
  author: string;
  created: number;
  items: ChangeItem[];
}

/** What search sees of an issue; lags behind the issue when eventual consistency is on. */
export interface SearchView {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  created: number;
  updated: number;
  summary: string;
  labels: readonly string[];
  assignee: string | null;
  reporter: string | null;
  properties: ReadonlyMap<string, unknown>;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  created: number;
  updated: number;
  creator: string;
  /** summary, description, labels, priority, assignee, reporter, duedate, customfield_* */
  fields: Record<string, unknown>;
  properties: Map<string, unknown>;
  comments: JiraComment[];
  attachments: string[];
  changelog: ChangeHistory[];
  /** Write times, for the per-issue write limit. */
  writes: number[];
  indexed: SearchView | undefined;
  pending: { view: SearchView; dueAt: number } | undefined;
}

/** A registered webhook: dynamic (OAuth app, `/rest/api/3/webhook`) or admin (`/rest/webhooks/1.0`). */
export interface JiraWebhook {
  id: number;
  kind: "dynamic" | "admin";
  url: string;
  events: string[];
  jqlFilter: string | undefined;
  secret: string | undefined;
  expires: number | undefined;
  name: string | undefined;
}

/** An OAuth 2.0 (3LO) style bearer token. */
export interface JiraBearer {
  token: string;
  accountId: string;
  scopes: string[];
  expiresAt: number;
}

export interface JiraState {
  clock: SimulatorClock;
  random: SeededRandom;
  /** Offset of the site time zone in minutes (rendered as +HHMM). */
  offsetMinutes: number;
  users: JiraUser[];
  bearers: Map<string, JiraBearer>;
  projects: JiraProject[];
  issueTypes: JiraIssueType[];
  statuses: JiraStatus[];
  transitions: JiraTransition[];
  fields: Map<string, JiraField>;
  priorities: string[];
  issues: Map<string, JiraIssue>;
  keys: Map<string, string>;
  attachments: Map<string, JiraAttachment>;
  webhooks: Map<number, JiraWebhook>;
  deliveries: DeliveryQueue;
  webhookSecret: string;
  uploadLimit: number;
  searchLagMs: number;
  concurrencyLimit: number;
  inFlight: number;
  nextId: () => string;
  nextWebhookId: number;
  baseUrl: string;
}
