import type { JiraIssue as JiraApiIssue } from "@kobik/jira-client";
import { JiraNotFoundError } from "@kobik/jira-client";
import type {
  AttachmentInfo,
  CrmNote,
  CrmRecord,
  JiraComment,
  JiraIssue,
  Link,
  PreparedItem,
} from "@kobik/sync-core";
import { ZohoNotFoundError } from "@kobik/zoho-crm-client";
import type { EngineContext } from "./context.js";
import { mapLimit } from "./pool.js";

/** Converts a client issue into the planner's shape (`updated` read from the fields). */
export function toJiraIssue(issue: JiraApiIssue): JiraIssue {
  const fields = (issue.fields ?? {}) as Record<string, unknown>;
  const updated = typeof fields.updated === "string" ? fields.updated : undefined;
  return { id: String(issue.id), key: String(issue.key), fields, ...(updated ? { updated } : {}) };
}

/**
 * Reads issues by id with one search per 50 (listing them as `reconcileIssues` for read-after-write),
 * several searches at once: they are independent, unlike the pages of one search.
 */
export async function fetchJiraIssues(
  ctx: EngineContext,
  ids: readonly string[],
  fields: readonly string[],
): Promise<Map<string, JiraIssue>> {
  const found = new Map<string, JiraIssue>();
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 50) chunks.push(unique.slice(i, i + 50));
  await mapLimit(chunks, ctx.limits.readConcurrency, async (chunk) => {
    const jql = `id in (${chunk.join(", ")})`;
    for await (const issue of ctx.jira.search.issues({
      jql,
      fields,
      reconcileIssues: chunk,
      maxResults: 50,
    })) {
      const converted = toJiraIssue(issue);
      found.set(converted.id, converted);
    }
  });
  return found;
}

/** One issue by id or key, or `null` when Jira says it does not exist. */
export async function fetchJiraIssue(
  ctx: EngineContext,
  idOrKey: string,
  fields: readonly string[],
): Promise<JiraIssue | null> {
  try {
    return toJiraIssue(await ctx.jira.issues.get(idOrKey, { fields }));
  } catch (error) {
    if (error instanceof JiraNotFoundError) return null;
    throw error;
  }
}

/** One CRM record, or `null` when Zoho says it does not exist (any more). */
export async function fetchCrmRecord(
  ctx: EngineContext,
  module: string,
  id: string,
  fields: readonly string[],
): Promise<CrmRecord | null> {
  try {
    return (await ctx.zoho.records.get(module, id, { fields })) as CrmRecord;
  } catch (error) {
    if (error instanceof ZohoNotFoundError) return null;
    throw error;
  }
}

/**
 * CRM records by id with one batched read per 100 ids (`records.getMany`), several chunks at once.
 * Every asked id gets an entry: the record, or `null` when Zoho left it out (it does not exist any more).
 */
export async function fetchCrmRecords(
  ctx: EngineContext,
  module: string,
  ids: readonly string[],
  fields: readonly string[],
): Promise<Map<string, CrmRecord | null>> {
  const found = new Map<string, CrmRecord | null>();
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  await mapLimit(chunks, ctx.limits.readConcurrency, async (chunk) => {
    for (const record of await ctx.zoho.records.getMany(module, chunk, { fields }))
      found.set(record.id, record as CrmRecord);
  });
  for (const id of unique) if (!found.has(id)) found.set(id, null);
  return found;
}

/** Notes, comments and attachment lists of a link, complete, as the planner needs them. */
export interface RelatedLists {
  crmNotes?: CrmNote[];
  jiraComments?: JiraComment[];
  crmAttachments?: AttachmentInfo[];
  jiraAttachments?: AttachmentInfo[];
}

/**
 * Reads what notes and attachment sync compare. Both sides' lists are always read complete: the
 * planner recognises our own mirrors (comment/note headers, attachment name + size) only in full lists,
 * which is what makes a mirror created just before a crash re-pair instead of being created again.
 */
export async function readRelated(
  ctx: EngineContext,
  prepared: PreparedItem,
  link: Pick<Link, "crm">,
  jira: JiraIssue,
): Promise<RelatedLists> {
  const { features } = prepared.item;
  const out: RelatedLists = {};
  if (features.notesSync) {
    out.crmNotes = await crmNotes(ctx, link.crm.module, link.crm.recordId);
    out.jiraComments = [];
    for await (const c of ctx.jira.comments.list(jira.id)) {
      out.jiraComments.push({
        id: String(c.id),
        body: (c.body ?? "") as JiraComment["body"],
        ...(c.updated ? { updated: c.updated } : {}),
      });
    }
  }
  if (features.attachmentSync) {
    out.crmAttachments = await crmAttachments(ctx, link.crm.module, link.crm.recordId);
    out.jiraAttachments = jiraAttachments(jira);
  }
  return out;
}

async function crmNotes(ctx: EngineContext, module: string, recordId: string): Promise<CrmNote[]> {
  const notes: CrmNote[] = [];
  for (let page = 1; ; page++) {
    const result = await ctx.zoho.notes.list(module, recordId, { page, perPage: 200 });
    for (const n of result.items) {
      notes.push({
        id: n.id,
        title: n.Note_Title ?? null,
        content: n.Note_Content ?? "",
        ...(n.Modified_Time ? { modifiedTime: n.Modified_Time } : {}),
      });
    }
    if (!result.info.moreRecords || result.items.length === 0 || page * 200 >= 2000) return notes;
  }
}

/** A CRM record's attachment files (links to URLs left out: they have no bytes to copy), complete. */
export async function crmAttachments(
  ctx: EngineContext,
  module: string,
  recordId: string,
): Promise<AttachmentInfo[]> {
  const files: AttachmentInfo[] = [];
  for (let page = 1; ; page++) {
    const result = await ctx.zoho.attachments.list({ module, recordId }, { page, perPage: 200 });
    for (const a of result.items) {
      // Links (`$type: link`) have no bytes to copy.
      if (a.$type === "link" || a.$link_url) continue;
      files.push({ id: a.id, name: a.File_Name ?? a.id, size: Number(a.Size ?? 0) });
    }
    if (!result.info.moreRecords || result.items.length === 0 || page * 200 >= 2000) return files;
  }
}

/** Attachments listed in the issue's `attachment` field (read with the issue, no extra call). */
export function jiraAttachments(issue: JiraIssue): AttachmentInfo[] {
  const list = issue.fields.attachment;
  if (!Array.isArray(list)) return [];
  return list.map((a: { id?: unknown; filename?: unknown; size?: unknown }) => ({
    id: String(a.id),
    name: typeof a.filename === "string" ? a.filename : String(a.id),
    size: typeof a.size === "number" ? a.size : 0,
  }));
}
