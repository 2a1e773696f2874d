import { z } from "zod";

const apiName = z.string().trim().min(1, "Give the field's API name or id.");

/** Which way a mapped value flows: from CRM into Jira, from Jira into CRM, or both ways. */
export const mappingDirectionSchema = z.enum(["crm-to-jira", "jira-to-crm", "both"]);
/** See {@link mappingDirectionSchema}. */
export type MappingDirection = z.infer<typeof mappingDirectionSchema>;

/** The side that owns a value when both changed it: overrides the item's conflict policy for one mapping. */
export const sideSchema = z.enum(["crm", "jira"]);
/** `"crm"` or `"jira"`. */
export type Side = z.infer<typeof sideSchema>;

/** A fixed UTC offset such as `+05:30` or `-08:00`, used to cut a datetime into a calendar date. */
const utcOffsetSchema = z
  .string()
  .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, "Use an offset like +05:30 or -08:00.");

/**
 * How a value is reshaped on its way to the target field.
 * - `truncate`: cut text to `maxLength` characters (an ellipsis marks the cut).
 * - `date`: datetime <-> date, the calendar day taken at the given UTC offset.
 * - `number`: text -> decimal (spaces and thousands separators dropped), optionally rounded to `scale`.
 * - `user-by-email`: text holding an email <-> a user field.
 * - `template`: render CRM fields into text, e.g. `{{First_Name}} {{Last_Name}}` (CRM -> Jira only).
 */
export const transformSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("truncate"), maxLength: z.number().int().min(1).max(32_767) }),
  z.object({ kind: z.literal("date"), utcOffset: utcOffsetSchema.default("+00:00") }),
  z.object({ kind: z.literal("number"), scale: z.number().int().min(0).max(18).optional() }),
  z.object({ kind: z.literal("user-by-email") }),
  z.object({
    kind: z.literal("template"),
    template: z
      .string()
      .regex(/\{\{\s*[A-Za-z0-9_$]+\s*\}\}/, "A template needs at least one {{Field_Name}}."),
  }),
]);
/** See {@link transformSchema}. */
export type Transform = z.infer<typeof transformSchema>;

/** One pair of a picklist value map: the CRM value and the Jira value that stand for each other. */
export const valueMapEntrySchema = z.object({ crm: z.string(), jira: z.string() });
/** See {@link valueMapEntrySchema}. */
export type ValueMapEntry = z.infer<typeof valueMapEntrySchema>;

/** A hard-coded value written to the target instead of a source field's value. */
export const hardCodedValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);

/**
 * One field mapping. `jiraField` is the Jira field id (`summary`, `customfield_10042`), `crmField` the CRM
 * API name. The source is the CRM field, a `template`, or a `hardCoded` value.
 *
 * @example
 * { crmField: "Stage", jiraField: "customfield_10050", direction: "both",
 *   valueMap: [{ crm: "Closed Won", jira: "Won" }] }
 */
export const fieldMappingSchema = z.object({
  jiraField: apiName,
  crmField: apiName.optional(),
  direction: mappingDirectionSchema.default("crm-to-jira"),
  hardCoded: hardCodedValueSchema.optional(),
  valueMap: z.array(valueMapEntrySchema).optional(),
  transform: transformSchema.optional(),
  owner: sideSchema.optional(),
});
/** See {@link fieldMappingSchema} (parsed output: defaults applied). */
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
/** A field mapping as written in a config file (before defaults). */
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;

/**
 * Status sync: the CRM picklist field that carries the status, and the value pairs.
 * Jira statuses are named by their status name; the engine finds the transition that reaches it.
 */
export const statusMappingSchema = z.object({
  crmField: apiName,
  pairs: z.array(valueMapEntrySchema).min(1, "Map at least one CRM value to a Jira status."),
});
/** See {@link statusMappingSchema}. */
export type StatusMapping = z.infer<typeof statusMappingSchema>;
