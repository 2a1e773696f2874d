import { textToAdf } from "../values/adf.js";
import { hashText } from "../values/canonical.js";
import {
  bodyText,
  commentText,
  crmNoteHeader,
  jiraCommentHeader,
  mirroredCrmNoteId,
  mirroredJiraCommentId,
} from "./note-text.js";
import type { NotesInput, NotesOutcome } from "./notes.js";
import type { CrmNote, JiraComment } from "./types.js";

/** An unpaired CRM note: re-pair a mirror, skip our own mirror, or mirror it as a comment. */
export function newCrmNote(
  input: NotesInput,
  note: CrmNote,
  unpairedComments: readonly JiraComment[],
  comments: ReadonlyMap<string, JiraComment>,
  pairedComments: Set<string>,
  out: NotesOutcome,
): void {
  const text = bodyText(note.content);
  const sourceCommentId = mirroredJiraCommentId(note);
  if (sourceCommentId !== undefined) {
    // Our mirror of a Jira comment whose pairing was never saved: re-pair it, never mirror it back.
    const source = comments.get(sourceCommentId);
    if (source !== undefined && !pairedComments.has(sourceCommentId)) {
      pairedComments.add(sourceCommentId);
      out.pairs.push({
        crmNoteId: note.id,
        jiraCommentId: sourceCommentId,
        origin: "jira",
        crmHash: hashText(text),
        jiraHash: hashText(bodyText(commentText(source))),
        state: "active",
      });
    }
    return;
  }
  const mirror = unpairedComments.find((c) => !pairedComments.has(c.id) && mirroredCrmNoteId(c) === note.id);
  if (mirror !== undefined) {
    pairedComments.add(mirror.id);
    out.pairs.push({
      crmNoteId: note.id,
      jiraCommentId: mirror.id,
      origin: "crm",
      crmHash: hashText(text),
      jiraHash: hashText(bodyText(commentText(mirror))),
      state: "active",
    });
    return;
  }
  const body = `${crmNoteHeader(note.id, note.title)}\n\n${text}`;
  const hash = hashText(text);
  out.operations.push({
    kind: "jira.addComment",
    opId: `jira.addComment:crm-note:${note.id}`,
    issueId: input.issueId,
    issueKey: input.issueKey,
    body: textToAdf(body),
    text: body,
    source: { crmNoteId: note.id },
    pairing: { kind: "note", origin: "crm", sourceId: note.id, crmHash: hash, jiraHash: hash },
  });
}

/** An unpaired Jira comment: mirror it as a note (two-way), unless it is one of our mirrors. */
export function newJiraComment(input: NotesInput, comment: JiraComment, out: NotesOutcome): void {
  // Our own mirrors of CRM notes (their note is gone or already paired) never travel back.
  if (!input.crmWritable || mirroredCrmNoteId(comment) !== undefined) return;
  const text = bodyText(commentText(comment));
  const hash = hashText(text);
  out.operations.push({
    kind: "crm.addNote",
    opId: `crm.addNote:jira-comment:${comment.id}`,
    module: input.module,
    recordId: input.recordId,
    title: `Jira ${input.issueKey} comment`,
    content: `${jiraCommentHeader(comment.id, input.issueKey)}\n\n${text}`,
    source: { jiraCommentId: comment.id },
    pairing: { kind: "note", origin: "jira", sourceId: comment.id, crmHash: hash, jiraHash: hash },
  });
}
