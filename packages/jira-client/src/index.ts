export { adfToMarkdown, adfToText, markdownToAdf, textToAdf } from "./adf/convert.js";
export { type AdfDocument, type AdfMark, type AdfNode, isAdfDocument } from "./adf/types.js";
export {
  type AttachmentsApi,
  FILES_PER_UPLOAD,
  type JiraAttachmentDownload,
  type JiraAttachmentFile,
  type JiraAttachmentSettings,
} from "./api/attachments.js";
export type { CommentsApi, CommentWriteOptions } from "./api/comments.js";
export {
  BULK_CREATE_MAX,
  type EditIssueOptions,
  type GetIssueOptions,
  type IssuesApi,
  type JiraBulkCreateResult,
} from "./api/issues.js";
export type { JiraIssueTypeStatuses, MetadataApi } from "./api/metadata.js";
export type { PropertiesApi } from "./api/properties.js";
export { PROPERTY_KEY_MAX, PROPERTY_VALUE_MAX } from "./api/property-value.js";
export type { SearchApi, SearchPage, SearchParams } from "./api/search.js";
export type { TransitionInput, TransitionsApi } from "./api/transitions.js";
export type { JiraWebhookRegistration, WebhooksApi } from "./api/webhooks.js";
export type { JiraAuth } from "./auth.js";
export {
  createJiraClient,
  type JiraClient,
  type JiraClientOptions,
  type JiraRateLimitEvent,
} from "./client.js";
export {
  createJiraError,
  type FailedResponse,
  isQuotaReason,
  jiraErrorFromResponse,
} from "./error-factory.js";
export {
  JiraAttachmentTooLargeError,
  JiraAuthError,
  JiraConflictError,
  JiraError,
  type JiraErrorCollection,
  JiraInputError,
  JiraMalformedResponseError,
  JiraNetworkError,
  JiraNoTransitionError,
  JiraNotFoundError,
  JiraPayloadTooLargeError,
  JiraPermissionError,
  JiraRateLimitedError,
  type JiraRateLimitInfo,
  JiraServerError,
  JiraTimeoutError,
  JiraUnsupportedAuthError,
  JiraValidationError,
} from "./errors.js";
export { fromRequestJira, type HostRequestJira, type HostResponse } from "./host.js";
export { type JqlBuilder, type JqlDirection, jql, jqlDateTime, jqlString } from "./jql.js";
export { JIRA_SUMMARY_MAX, toJiraSummary } from "./summary.js";
export type {
  JiraAttachment,
  JiraComment,
  JiraCommentBody,
  JiraCreatedIssue,
  JiraCreateFieldMeta,
  JiraField,
  JiraIssue,
  JiraIssueInput,
  JiraIssueType,
  JiraProject,
  JiraPropertyMap,
  JiraStatus,
  JiraTransition,
  JiraUser,
  JiraVisibility,
  JiraWebhook,
  JiraWebhookDetails,
} from "./types.js";
export {
  type JiraWebhookDelivery,
  jiraDeliveryIssueId,
  jiraWebhookDeliverySchema,
} from "./webhooks/schema.js";
export {
  JiraWebhookPayloadError,
  JiraWebhookSignatureError,
  parseJiraWebhook,
  type VerifyJiraWebhookInput,
  verifyJiraWebhook,
} from "./webhooks/verify.js";
