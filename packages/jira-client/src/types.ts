import type { AdfDocument } from "./adf/types.js";
import type { components } from "./generated/jira.js";

type Schemas = components["schemas"];

/** An issue as Jira returns it; `fields` holds system and custom fields by id (`customfield_10010`). */
export type JiraIssue = Schemas["IssueBean"];
/** `{ id, key, self }` of a created issue. */
export type JiraCreatedIssue = Schemas["CreatedIssue"];
/** A comment; `body` is ADF (see the `adf` helpers). */
export type JiraComment = Schemas["Comment"];
/** One transition available from an issue's current status; `to` is the status it leads to. */
export type JiraTransition = Schemas["IssueTransition"];
/** A status (name, id, category). */
export type JiraStatus = Schemas["StatusDetails"];
/** Attachment metadata. */
export type JiraAttachment = Schemas["Attachment"];
/** A system or custom field with its schema type (`schema.custom` names the custom field type). */
export type JiraField = Schemas["FieldDetails"];
/** Field metadata for creating issues of one type in one project (required, allowed values). */
export type JiraCreateFieldMeta = Schemas["FieldCreateMetadata"];
/** An issue type. */
export type JiraIssueType = Schemas["IssueType"];
/** A project. */
export type JiraProject = Schemas["Project"];
/** A user. */
export type JiraUser = Schemas["User"];
/** A registered dynamic webhook (expires 30 days after registration or refresh). */
export type JiraWebhook = Schemas["Webhook"];
/** What a dynamic webhook listens to. */
export type JiraWebhookDetails = Schemas["WebhookDetails"];
/** Comment visibility restriction. */
export type JiraVisibility = Schemas["Visibility"];

/** Entity properties keyed by property key; values are any JSON. */
export type JiraPropertyMap = Readonly<Record<string, unknown>>;

/** Input for creating or editing an issue. */
export interface JiraIssueInput {
  /** Field id -> value, e.g. `{ summary, project: { key: "ABC" }, issuetype: { name: "Task" } }`. */
  fields?: Record<string, unknown>;
  /** Field operations (`{ labels: [{ add: "x" }] }`). */
  update?: Record<string, Array<Record<string, unknown>>>;
  /** Entity properties stored with the issue in the same call (used for link markers). */
  properties?: JiraPropertyMap;
}

/** A comment body: ADF as is, or text in the supported markdown subset (converted to ADF). */
export type JiraCommentBody = AdfDocument | string;
