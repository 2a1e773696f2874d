export {
  ATTACHMENT_MAX_BYTES,
  isPollingReadyModule,
  JIRA_SUMMARY_MAX_LENGTH,
  POLLING_READY_MODULES,
  type PollingReadyModule,
} from "./constants.js";
export { crmCriteriaFields, matchesCrmCriteria } from "./criteria/match.js";
export { parseCrmCriteria } from "./criteria/parse.js";
export { printCrmCriteria } from "./criteria/print.js";
export {
  CRM_CRITERIA_MAX_CONDITIONS,
  CRM_CRITERIA_OPERATORS,
  type CrmCriteria,
  type CrmCriteriaError,
  type CrmCriteriaErrorCode,
  type CrmCriteriaOperator,
  type CrmCriteriaResult,
} from "./criteria/types.js";
export { type PreviewField, previewFields } from "./display/preview.js";
export type { PreparedMapping } from "./mapping/compile.js";
export type { CrmFieldMeta, CrmWire, FieldMetadata, JiraFieldMeta, JiraWire } from "./mapping/metadata.js";
export { type PreparedItem, prepareItem } from "./mapping/prepare.js";
export type { PreparedStatus } from "./mapping/prepare-status.js";
export {
  type AutoCreateInput,
  type AutoCreatePlan,
  autoCreateKey,
  planAutoCreate,
} from "./plan/auto-create.js";
export { type CreatedItem, finalizeBase } from "./plan/finalize.js";
export { type PlanLinkInput, planLinkSync } from "./plan/plan-link.js";
export type {
  AttachmentInfo,
  Conflict,
  ConflictReason,
  CrmNote,
  CrmRecord,
  FieldChange,
  JiraComment,
  JiraIssue,
  LinkMarker,
  Pairing,
  SyncOperation,
  SyncOperationKind,
  SyncPlan,
  SyncWarning,
} from "./plan/types.js";
export { type ConfigIssue, type ConfigResult, configIssue, formatPath } from "./result.js";
export {
  type ConflictPolicy,
  conflictPolicySchema,
  type Features,
  featuresSchema,
  itemIdSchema,
  type Schedule,
  type SmartConnectedItem,
  type SmartConnectedItemInput,
  type SyncMode,
  scheduleSchema,
  smartConnectedItemSchema,
  syncModeSchema,
} from "./schema/item.js";
export {
  type AttachmentEntry,
  attachmentEntrySchema,
  emptyLinkBase,
  type FieldBase,
  fieldBaseSchema,
  type Link,
  type LinkBase,
  linkBaseSchema,
  linkSchema,
  type NotePair,
  notePairSchema,
} from "./schema/link.js";
export {
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  hardCodedValueSchema,
  type MappingDirection,
  mappingDirectionSchema,
  type Side,
  type StatusMapping,
  sideSchema,
  statusMappingSchema,
  type Transform,
  transformSchema,
  type ValueMapEntry,
  valueMapEntrySchema,
} from "./schema/mapping.js";
export { parseSmartConnectedItem, toJSONSchema } from "./schema/parse.js";
export type { AuthMode, ItemRuleContext } from "./schema/rules.js";
export { type CanonicalValue, canonicalValueSchema, type ValueKind } from "./schema/values.js";
export { type AdfDoc, type AdfNode, adfToText, textToAdf } from "./values/adf.js";
export { canonicalEquals, type Unreadable } from "./values/canonical.js";
export { normaliseDecimal } from "./values/decimal.js";
export { readCanonical } from "./values/read.js";
