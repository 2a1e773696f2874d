import { adfToText, isAdfDoc } from "../values/adf.js";
import type { CrmNote, JiraComment } from "./types.js";

// Mirrors carry a readable first line naming their source. It is also how a mirror created just before a
// crash (pairing not saved yet) is recognised and paired instead of mirrored back.
const FROM_CRM = /^\[From Zoho CRM · note ([^\s\]·]+)[^\n]*\]/;
const FROM_JIRA = /^\[From Jira · comment ([^\s\]·]+)[^\n]*\]/;
const HEADER = /^\[From (?:Zoho CRM · note|Jira · comment) [^\n]*\](?:\n\n?|$)/;

/** The header of a Jira comment that mirrors a CRM note. */
export function crmNoteHeader(noteId: string, title: string | null | undefined): string {
  const shownTitle = title?.replace(/[\]\n]/g, " ").trim();
  return `[From Zoho CRM · note ${noteId}${shownTitle ? ` · ${shownTitle}` : ""}]`;
}

/** The header of a CRM note that mirrors a Jira comment. */
export function jiraCommentHeader(commentId: string, issueKey: string): string {
  return `[From Jira · comment ${commentId} on ${issueKey}]`;
}

/** The text of a note or comment without our header, trimmed: what is compared and hashed. */
export function bodyText(text: string): string {
  return text.replace(HEADER, "").trim();
}

/** The plain text of a comment body (ADF or string). */
export function commentText(comment: JiraComment): string {
  return typeof comment.body === "string"
    ? comment.body.trim()
    : isAdfDoc(comment.body)
      ? adfToText(comment.body).trim()
      : "";
}

/** The CRM note id a Jira comment says it mirrors, if it is one of our mirrors. */
export function mirroredCrmNoteId(comment: JiraComment): string | undefined {
  return FROM_CRM.exec(commentText(comment))?.[1];
}

/** The Jira comment id a CRM note says it mirrors, if it is one of our mirrors. */
export function mirroredJiraCommentId(note: CrmNote): string | undefined {
  return FROM_JIRA.exec(note.content.trim())?.[1];
}
