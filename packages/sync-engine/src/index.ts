export { createSyncEngine } from "./engine.js";
export {
  AlreadyLinkedError,
  AutoLinkError,
  EngineInputError,
  InvalidEventError,
  ItemConfigError,
  ItemLeaseLostError,
  ItemNotFoundError,
  LinkNotFoundError,
  SyncEngineError,
  type SyncEngineErrorCode,
  UnverifiedEventError,
} from "./errors.js";
export { DEFAULT_ENGINE_LIMITS } from "./limits.js";
export type { ProgressListener, SyncProgressEvent } from "./progress.js";
export type {
  ApiCalls,
  ConnectionStatus,
  CrmRecordMatch,
  EngineClock,
  EngineCounts,
  EngineLimits,
  EngineLogger,
  JiraEventOptions,
  LinkPreview,
  LogFields,
  PlannedCreate,
  PlannedLink,
  PushResult,
  RunCycleOptions,
  RunStop,
  SyncEngine,
  SyncEngineOptions,
  SyncRunResult,
  ZohoNotificationConfig,
} from "./types.js";
