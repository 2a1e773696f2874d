export {
  ATTACHMENT_MAX_BYTES,
  isPollingReadyModule,
  JIRA_SUMMARY_MAX_LENGTH,
  POLLING_READY_MODULES,
  type PollingReadyModule,
} from "./constants.js";
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
