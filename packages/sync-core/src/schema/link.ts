import { z } from "zod";
import { itemIdSchema } from "./item.js";
import { sideSchema } from "./mapping.js";
import { canonicalValueSchema } from "./values.js";

const id = z.string().min(1);

/** The last synced value of one mapped field as each side held it (they can differ: truncation, value maps). */
export const fieldBaseSchema = z.object({ crm: canonicalValueSchema, jira: canonicalValueSchema });
/** See {@link fieldBaseSchema}. */
export type FieldBase = z.infer<typeof fieldBaseSchema>;

/**
 * A CRM note and the Jira comment that mirrors it (or the other way round, per `origin`), with a hash
 * of each side's text at the last sync. `state` records a deletion seen on one side.
 */
export const notePairSchema = z.object({
  crmNoteId: id,
  jiraCommentId: id,
  origin: sideSchema,
  crmHash: z.string(),
  jiraHash: z.string(),
  state: z.enum(["active", "deleted-in-crm", "deleted-in-jira"]).default("active"),
});
/** See {@link notePairSchema}. */
export type NotePair = z.infer<typeof notePairSchema>;

/** An attachment copied between the sides (`paired`), or one skipped for a recorded reason. */
export const attachmentEntrySchema = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("paired"),
    crmAttachmentId: id,
    jiraAttachmentId: id,
    origin: sideSchema,
    name: z.string(),
    size: z.number().int().min(0),
    hash: z.string().nullable(),
  }),
  z.object({
    state: z.literal("skipped"),
    side: sideSchema,
    attachmentId: id,
    name: z.string(),
    size: z.number().int().min(0),
    reason: z.literal("too-large"),
  }),
]);
/** See {@link attachmentEntrySchema}. */
export type AttachmentEntry = z.infer<typeof attachmentEntrySchema>;

/**
 * What both sides held after the last successful sync of a link: plain JSON, opaque to storage.
 * `fields` is keyed by the mapping's Jira field id (unique per item).
 */
export const linkBaseSchema = z.object({
  fields: z.record(z.string(), fieldBaseSchema).default({}),
  crmModifiedTime: z.string().nullable().default(null),
  jiraUpdated: z.string().nullable().default(null),
  status: z.object({ crm: z.string().nullable(), jira: z.string().nullable() }).nullable().default(null),
  notes: z.array(notePairSchema).default([]),
  attachments: z.array(attachmentEntrySchema).default([]),
});
/** See {@link linkBaseSchema}. */
export type LinkBase = z.infer<typeof linkBaseSchema>;

/**
 * A link between one Jira issue and one CRM record under one item. `version` is for optimistic
 * concurrency: storage increments it on each save and rejects a save made from a stale version.
 */
export const linkSchema = z.object({
  itemId: itemIdSchema,
  jira: z.object({
    issueId: id,
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, "Use a key like SUP-12."),
  }),
  crm: z.object({ module: id, recordId: id }),
  origin: z.enum(["manual", "auto"]),
  base: linkBaseSchema,
  version: z.number().int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
/** See {@link linkSchema}. */
export type Link = z.infer<typeof linkSchema>;

/** The base of a link that has never been synced: every field counts as new on both sides. */
export function emptyLinkBase(): LinkBase {
  return { fields: {}, crmModifiedTime: null, jiraUpdated: null, status: null, notes: [], attachments: [] };
}
