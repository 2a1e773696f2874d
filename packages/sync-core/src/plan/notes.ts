import type { Features } from "../schema/item.js";
import type { NotePair } from "../schema/link.js";
import { textToAdf } from "../values/adf.js";
import { hashText } from "../values/canonical.js";
import { parseDateTimeMs } from "../values/datetime.js";
import { bodyText, commentText, crmNoteHeader, jiraCommentHeader } from "./note-text.js";
import { newCrmNote, newJiraComment } from "./notes-new.js";
import type { CrmNote, JiraComment, SyncOperation, SyncWarning } from "./types.js";

/** Everything notes sync needs for one link. Both lists must be complete for the link. */
export interface NotesInput {
  readonly issueId: string;
  readonly issueKey: string;
  readonly module: string;
  readonly recordId: string;
  readonly notes: readonly CrmNote[];
  readonly comments: readonly JiraComment[];
  readonly pairs: readonly NotePair[];
  readonly crmWritable: boolean;
  readonly deletions: Features["noteDeletions"];
}

/** Operations, next pairs and warnings of notes sync. */
export interface NotesOutcome {
  readonly operations: SyncOperation[];
  readonly pairs: NotePair[];
  readonly warnings: SyncWarning[];
}

/**
 * Notes <-> comments: pairs from the stored id map are kept in step (edits propagate, deletions are
 * recorded and mirrored only when configured); unpaired items are mirrored with a header, except our
 * own mirrors, which are re-paired (crash recovery) and never mirrored back.
 */
export function planNotes(input: NotesInput): NotesOutcome {
  const out: NotesOutcome = { operations: [], pairs: [], warnings: [] };
  const notes = new Map(input.notes.map((n) => [n.id, n]));
  const comments = new Map(input.comments.map((c) => [c.id, c]));
  const pairedNotes = new Set<string>();
  const pairedComments = new Set<string>();
  for (const pair of input.pairs) {
    pairedNotes.add(pair.crmNoteId);
    pairedComments.add(pair.jiraCommentId);
    syncPair(input, pair, notes.get(pair.crmNoteId), comments.get(pair.jiraCommentId), out);
  }
  const unpairedComments = input.comments.filter((c) => !pairedComments.has(c.id));
  for (const note of sortById(input.notes.filter((n) => !pairedNotes.has(n.id)))) {
    newCrmNote(input, note, unpairedComments, comments, pairedComments, out);
  }
  for (const comment of sortById(unpairedComments.filter((c) => !pairedComments.has(c.id)))) {
    newJiraComment(input, comment, out);
  }
  return out;
}

function syncPair(
  input: NotesInput,
  pair: NotePair,
  note: CrmNote | undefined,
  comment: JiraComment | undefined,
  out: NotesOutcome,
): void {
  if (note === undefined && comment === undefined) return;
  if (note === undefined || comment === undefined) {
    deletion(input, pair, note === undefined ? "crm" : "jira", out);
    return;
  }
  const crmText = bodyText(note.content);
  const jiraText = bodyText(commentText(comment));
  const crmHash = hashText(crmText);
  const jiraHash = hashText(jiraText);
  const crmChanged = crmHash !== pair.crmHash;
  const jiraChanged = jiraHash !== pair.jiraHash;
  let source: "crm" | "jira" | undefined =
    crmChanged && !jiraChanged ? "crm" : jiraChanged && !crmChanged ? "jira" : undefined;
  if (crmChanged && jiraChanged)
    source = crmHash === jiraHash ? undefined : newer(note, comment, input.crmWritable);
  if (source === "jira" && !input.crmWritable) source = undefined;
  if (source === "crm") {
    const text = pair.origin === "crm" ? `${crmNoteHeader(note.id, note.title)}\n\n${crmText}` : crmText;
    out.operations.push({
      kind: "jira.updateComment",
      opId: `jira.updateComment:${comment.id}`,
      issueId: input.issueId,
      commentId: comment.id,
      body: textToAdf(text),
      text,
    });
    out.pairs.push({ ...pair, state: "active", crmHash, jiraHash: crmHash });
  } else if (source === "jira") {
    const content =
      pair.origin === "jira" ? `${jiraCommentHeader(comment.id, input.issueKey)}\n\n${jiraText}` : jiraText;
    out.operations.push({
      kind: "crm.updateNote",
      opId: `crm.updateNote:${note.id}`,
      module: input.module,
      recordId: input.recordId,
      noteId: note.id,
      content,
    });
    out.pairs.push({ ...pair, state: "active", crmHash: jiraHash, jiraHash });
  } else {
    out.pairs.push({ ...pair, state: "active", crmHash, jiraHash });
  }
}

function newer(note: CrmNote, comment: JiraComment, crmWritable: boolean): "crm" | "jira" {
  if (!crmWritable) return "crm";
  const crmMs = note.modifiedTime === undefined ? undefined : parseDateTimeMs(note.modifiedTime);
  const jiraMs = comment.updated === undefined ? undefined : parseDateTimeMs(comment.updated);
  return jiraMs !== undefined && (crmMs === undefined || jiraMs > crmMs) ? "jira" : "crm";
}

function deletion(input: NotesInput, pair: NotePair, deletedIn: "crm" | "jira", out: NotesOutcome): void {
  const mirrorAllowed = input.deletions === "mirror" && (deletedIn === "crm" || input.crmWritable);
  if (mirrorAllowed && deletedIn === "crm") {
    out.operations.push({
      kind: "jira.deleteComment",
      opId: `jira.deleteComment:${pair.jiraCommentId}`,
      issueId: input.issueId,
      commentId: pair.jiraCommentId,
    });
    return;
  }
  if (mirrorAllowed) {
    out.operations.push({
      kind: "crm.deleteNote",
      opId: `crm.deleteNote:${pair.crmNoteId}`,
      module: input.module,
      recordId: input.recordId,
      noteId: pair.crmNoteId,
    });
    return;
  }
  const state = deletedIn === "crm" ? "deleted-in-crm" : "deleted-in-jira";
  // The pair stays as a tombstone, so the survivor is never mirrored back and the warning is given once.
  if (pair.state !== state) {
    const what = deletedIn === "crm" ? `CRM note ${pair.crmNoteId}` : `Jira comment ${pair.jiraCommentId}`;
    out.warnings.push({
      code: deletedIn === "crm" ? "note-deleted" : "comment-deleted",
      side: deletedIn,
      message: `${what} was deleted; its mirror is kept (noteDeletions: "record").`,
    });
  }
  out.pairs.push({ ...pair, state });
}

/** Items sorted by id, for a stable order of operations. */
export function sortById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
