import { z } from "zod";
import { fieldMappingSchema, sideSchema, statusMappingSchema } from "./mapping.js";

/** `display`: read-only preview, manual links. `one-way`: CRM -> Jira. `two-way`: both ways. */
export const syncModeSchema = z.enum(["display", "one-way", "two-way"]);
/** See {@link syncModeSchema}. */
export type SyncMode = z.infer<typeof syncModeSchema>;

/** Item ids are slugs: they appear in idempotency keys, URLs and storage keys. */
export const itemIdSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    "Use 1-64 lower-case letters, digits and inner hyphens, e.g. deals-to-bugs.",
  );

/** Optional behaviours of a synced item. `noteDeletions: "mirror"` deletes the mirror when its source goes. */
export const featuresSchema = z.object({
  autoCreate: z.boolean().default(false),
  statusSync: z.boolean().default(false),
  notesSync: z.boolean().default(false),
  attachmentSync: z.boolean().default(false),
  noteDeletions: z.enum(["record", "mirror"]).default("record"),
});
/** See {@link featuresSchema}. */
export type Features = z.infer<typeof featuresSchema>;

/** When the scheduler runs the item: every N minutes (app auth only), or only on demand. */
export const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("interval"), everyMinutes: z.number().int().min(1).max(1440).default(5) }),
  z.object({ kind: z.literal("manual") }),
]);
/** See {@link scheduleSchema}. */
export type Schedule = z.infer<typeof scheduleSchema>;

/**
 * How a field changed differently on both sides is settled. `latest-change-wins` compares the two
 * records' modified times; when they are within `skewWindowMs` (clocks of two services disagree) the
 * `tieBreaker` side wins and the conflict is flagged as a near tie.
 */
export const conflictPolicySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("latest-change-wins"),
    skewWindowMs: z.number().int().min(0).max(3_600_000).default(2000),
    tieBreaker: sideSchema.default("crm"),
  }),
  z.object({ kind: z.literal("crm-wins") }),
  z.object({ kind: z.literal("jira-wins") }),
]);
/** See {@link conflictPolicySchema}. */
export type ConflictPolicy = z.infer<typeof conflictPolicySchema>;

/**
 * A Smart Connected Item: one connector behaviour between a Jira project + issue type and a CRM module.
 * Shape only; the cross-field rules run in `parseSmartConnectedItem`.
 */
export const smartConnectedItemSchema = z.object({
  id: itemIdSchema,
  name: z.string().trim().min(1, "Give the item a name.").max(120),
  enabled: z.boolean().default(true),
  mode: syncModeSchema,
  jira: z.object({
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, "Use the Jira project key, e.g. SUP."),
    issueType: z.string().trim().min(1, "Give the Jira issue type name or id."),
    jql: z.string().trim().min(1).optional(),
  }),
  crm: z.object({
    module: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Use the CRM module API name, e.g. Deals."),
    criteria: z.string().trim().min(1).optional(),
  }),
  displayFields: z.array(z.string().trim().min(1)).default([]),
  fieldMappings: z.array(fieldMappingSchema).default([]),
  statusMapping: statusMappingSchema.optional(),
  features: featuresSchema.default({
    autoCreate: false,
    statusSync: false,
    notesSync: false,
    attachmentSync: false,
    noteDeletions: "record",
  }),
  schedule: scheduleSchema.default({ kind: "interval", everyMinutes: 5 }),
  conflictPolicy: conflictPolicySchema.default({
    kind: "latest-change-wins",
    skewWindowMs: 2000,
    tieBreaker: "crm",
  }),
});

/** A parsed Smart Connected Item (defaults applied). */
export type SmartConnectedItem = z.infer<typeof smartConnectedItemSchema>;
/** What a config file may contain before defaults are applied. */
export type SmartConnectedItemInput = z.input<typeof smartConnectedItemSchema>;
