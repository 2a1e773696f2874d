export {
  type AttachmentDownload,
  type AttachmentParent,
  type AttachmentSource,
  DEFAULT_ATTACHMENT_FIELDS,
} from "./attachments.js";
export {
  type ExchangeGrantCodeOptions,
  exchangeGrantCode,
  type RefreshAccessTokenOptions,
  refreshAccessToken,
  revokeToken,
} from "./auth/oauth.js";
export type { AccountsTarget, TokenCallOptions } from "./auth/token-endpoint.js";
export { memoryTokenStore, type StoredToken, type TokenStore, type ZohoAuth } from "./auth/types.js";
export { createZohoCrmClient, type ZohoCrmClient } from "./client.js";
export {
  ZOHO_DATA_CENTER_IDS,
  ZOHO_DATA_CENTERS,
  ZOHO_REQUIRED_SCOPES,
  type ZohoConnection,
  type ZohoDataCenter,
  type ZohoDataCenterInfo,
  zohoConnectionSchema,
} from "./data-centers.js";
export { type ZohoErrorContext, zohoErrorFromResponse } from "./error-factory.js";
export {
  ZohoAttachmentTooLargeError,
  ZohoAuthError,
  ZohoError,
  type ZohoFieldError,
  ZohoInputError,
  ZohoNetworkError,
  ZohoNotFoundError,
  ZohoNotificationError,
  ZohoRateLimitedError,
  ZohoReconnectRequiredError,
  ZohoServerError,
  ZohoTimeoutError,
  ZohoValidationError,
} from "./errors.js";
export type { ZohoCrmClientOptions } from "./http.js";
export { type OpenInZohoArgs, openInZohoUrl } from "./links.js";
export { type CreateNoteInput, DEFAULT_NOTE_FIELDS, type ListNotesOptions } from "./notes.js";
export {
  constantTimeEqual,
  parseZohoNotification,
  type ZohoNotification,
  zohoNotificationSchema,
} from "./notification-payload.js";
export type { WatchChannelInput } from "./notifications.js";
export { LIMITS as ZOHO_LIMITS } from "./paging.js";
export type {
  DeletedRecordsOptions,
  IterateRecordsOptions,
  ListRecordsOptions,
  ZohoSortBy,
} from "./records.js";
export type { SearchRecordsOptions, WriteOptions, ZohoSearchQuery } from "./records-write.js";
export type {
  BulkWriteResult,
  RecordWriteResult,
  WriteFailure,
  WriteOutcome,
  WriteSuccess,
  ZohoAttachment,
  ZohoDeletedRecord,
  ZohoField,
  ZohoLayout,
  ZohoModule,
  ZohoNote,
  ZohoOrg,
  ZohoPage,
  ZohoPageInfo,
  ZohoRecord,
  ZohoRecordInput,
  ZohoTrigger,
  ZohoUser,
  ZohoWatchChannel,
} from "./types.js";
export type { NewZohoUser, ZohoUserType } from "./users.js";
