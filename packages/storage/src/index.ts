export type {
  AppendAuditInput,
  AuditEvent,
  AuditFieldChange,
  AuditFilter,
  AuditLinkRef,
  AuditStore,
} from "./contracts/audit.js";
export type { BatchEntryResult } from "./contracts/batch.js";
export { CURSOR_SIDES, type CursorSide, type CursorStore } from "./contracts/cursors.js";
export type { Fence, FencedWrite } from "./contracts/fence.js";
export type {
  AbandonIntentInput,
  CompleteIntentInput,
  CompleteIntentResult,
  CreateIntent,
  CreateIntentState,
  CreateIntentStore,
  CreateTarget,
  RecordIntentInput,
  RecordIntentResult,
} from "./contracts/intents.js";
export type { ItemStore } from "./contracts/items.js";
export type {
  AcquireLeaseInput,
  AssertFencingInput,
  Lease,
  LeaseState,
  LeaseStore,
  ReleaseLeaseInput,
  RenewLeaseInput,
} from "./contracts/leases.js";
export type {
  DeleteLinkOptions,
  LinkSaveEntry,
  LinkSaveError,
  LinkSaveResult,
  LinkStore,
  SaveLinkOptions,
} from "./contracts/links.js";
export { type Page, type PageRequest, paginate } from "./contracts/paging.js";
export type {
  ApiCallCounts,
  FinishedSyncRun,
  FinishRunInput,
  RunCounts,
  RunErrorEntry,
  RunMode,
  RunningSyncRun,
  RunOutcome,
  RunStore,
  RunTrigger,
  StartRunInput,
  SyncRun,
  SyncRunBase,
} from "./contracts/runs.js";
export type { SecretStore } from "./contracts/secrets.js";
export type { KobikStore } from "./contracts/store.js";
export {
  DuplicateError,
  InvalidInputError,
  InvalidStateError,
  LeaseLostError,
  type LeaseLostReason,
  NotFoundError,
  StorageError,
  type StorageErrorCode,
  VersionConflictError,
} from "./errors.js";
export { copyJson, type JsonValue } from "./json.js";
// The implementer's kit: the implementation-independent half of every port (input validation,
// the records to store, state transitions, keyset paging), so a SQLite, PostgreSQL or Forge store
// only reads and writes rows and behaves exactly like the memory store.
export { type AuditEventDraft, buildAuditEvent, buildAuditEvents, readAuditFilter } from "./kit/audit.js";
export { readBatch, readKeyBatch, readNested, settleEntry } from "./kit/batch.js";
export {
  abandonIntent,
  buildPendingIntent,
  buildPendingIntents,
  CREATE_TARGETS,
  completedState,
  completeIntent,
  type IntentTransition,
  readCompleteIntent,
  readCompleteIntents,
  settleIntentCompletion,
} from "./kit/intents.js";
export {
  grantLease,
  isLeaseHeld,
  type LeaseCheck,
  type LeaseGrantRequest,
  leaseLostReason,
  readAcquireLease,
  readFence,
  readRenewLease,
  requireLiveLease,
  toLease,
} from "./kit/leases.js";
export {
  applyLinkSaveEntry,
  checkLinkDelete,
  checkLinkSave,
  type LinkBatchSave,
  type LinkDelete,
  type LinkSave,
  type LinkSaveState,
  type LinkSaveSteps,
  settleLinkSave,
  validateLinkDelete,
  validateLinkSave,
  validateLinkSaves,
} from "./kit/links.js";
export { decodePageToken, type KeysetRequest, readPageRequest, type SortKey, toPage } from "./kit/paging.js";
export {
  readCursorSlot,
  readEnabledFilter,
  validateCursorValue,
  validateItemSave,
  validateSecretValue,
} from "./kit/records.js";
export { buildRunningRun, finishRun, RUN_MODES, RUN_OUTCOMES, RUN_TRIGGERS } from "./kit/runs.js";
export {
  MAX_AUDIT_CHANGES,
  MAX_BATCH_SIZE,
  MAX_KEY_LENGTH,
  MAX_LEASE_TTL_MS,
  MAX_PAGE_SIZE,
  MAX_RUN_ERRORS,
  MAX_SECRET_LENGTH,
} from "./limits.js";
export { createMemoryStore } from "./memory/store.js";
export {
  requireDate,
  requireInteger,
  requireKey,
  requireLimit,
  requireOneOf,
  requireString,
  requireToken,
} from "./validate.js";
