import { z } from "zod";

/**
 * A field value in the one form both sides are compared in. Decimals are normalised strings (never
 * floats, so `0.1` stays `0.1`), datetimes are UTC ISO strings with milliseconds, multi-selects are
 * sorted and de-duplicated, users are lower-case emails. Empty text and empty selections are `null`.
 */
export const canonicalValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("null") }),
  z.object({ kind: z.literal("text"), value: z.string() }),
  z.object({ kind: z.literal("decimal"), value: z.string().regex(/^-?\d+(\.\d*[1-9])?$/) }),
  z.object({ kind: z.literal("date"), value: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({
    kind: z.literal("datetime"),
    value: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  }),
  z.object({ kind: z.literal("picklist"), value: z.string() }),
  z.object({ kind: z.literal("multiselect"), values: z.array(z.string()) }),
  z.object({ kind: z.literal("user"), email: z.string() }),
  z.object({ kind: z.literal("boolean"), value: z.boolean() }),
]);

/** See {@link canonicalValueSchema}. */
export type CanonicalValue = z.infer<typeof canonicalValueSchema>;

/** The kinds a canonical value (and a mapped field) can have. */
export type ValueKind = CanonicalValue["kind"];
