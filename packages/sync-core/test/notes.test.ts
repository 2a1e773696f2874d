import { emptyLinkBase, finalizeBase, type LinkBase, planLinkSync, textToAdf } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { crmRecord, jiraIssue, linkOf, NOW, prepared, twoWayItem } from "./fixtures.js";

const item = (mode: "two-way" | "one-way" = "two-way", noteDeletions: "record" | "mirror" = "record") =>
  prepared(
    twoWayItem({
      mode,
      features: { notesSync: true, noteDeletions },
      fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary" }],
    }),
  );
const crm = crmRecord({ Deal_Name: "Deal" });
const jira = jiraIssue({ summary: "Deal" });

function plan(
  notes: { id: string; content: string; title?: string }[],
  comments: { id: string; body: unknown }[],
  base: LinkBase,
  mode: "two-way" | "one-way" = "two-way",
  deletions: "record" | "mirror" = "record",
) {
  return planLinkSync({
    item: item(mode, deletions),
    link: linkOf(base),
    crm,
    jira,
    now: NOW,
    crmNotes: notes,
    jiraComments: comments as never,
  });
}

const synced = (): LinkBase => ({
  ...emptyLinkBase(),
  fields: { summary: { crm: { kind: "text", value: "Deal" }, jira: { kind: "text", value: "Deal" } } },
});

describe("notes <-> comments", () => {
  it("mirrors a new CRM note as a comment with a readable origin header, and pairs it after execution", () => {
    const first = plan([{ id: "n1", title: "Call", content: "Customer called" }], [], synced());
    expect(first.operations).toEqual([
      expect.objectContaining({
        kind: "jira.addComment",
        opId: "jira.addComment:crm-note:n1",
        text: "[From Zoho CRM · note n1 · Call]\n\nCustomer called",
        source: { crmNoteId: "n1" },
      }),
    ]);
    const base = finalizeBase(first, { "jira.addComment:crm-note:n1": { id: "c1" } });
    expect(base.notes).toEqual([
      expect.objectContaining({ crmNoteId: "n1", jiraCommentId: "c1", origin: "crm", state: "active" }),
    ]);
    const op = first.operations[0];
    const body = op?.kind === "jira.addComment" ? op.body : textToAdf("");
    const again = plan([{ id: "n1", title: "Call", content: "Customer called" }], [{ id: "c1", body }], base);
    expect(again.operations).toEqual([]);
  });

  it("mirrors a new Jira comment as a CRM note in two-way items only", () => {
    const two = plan([], [{ id: "c9", body: textToAdf("Fixed in build 12") }], synced());
    expect(two.operations).toEqual([
      expect.objectContaining({
        kind: "crm.addNote",
        content: "[From Jira · comment c9 on SUP-1]\n\nFixed in build 12",
        source: { jiraCommentId: "c9" },
      }),
    ]);
    expect(plan([], [{ id: "c9", body: "Fixed" }], synced(), "one-way").operations).toEqual([]);
  });

  it("never mirrors our own mirrors back, even when their pairing was lost", () => {
    const mirrorOfGoneNote = { id: "c5", body: "[From Zoho CRM · note n404]\n\ntext" };
    expect(plan([], [mirrorOfGoneNote], synced()).operations).toEqual([]);
    const mirrorOfGoneComment = { id: "n5", content: "[From Jira · comment c404 on SUP-1]\n\ntext" };
    expect(plan([mirrorOfGoneComment], [], synced()).operations).toEqual([]);
  });

  it("re-pairs a mirror created before a crash instead of creating a duplicate", () => {
    const result = plan(
      [{ id: "n1", content: "hello" }],
      [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nhello" }],
      synced(),
    );
    expect(result.operations).toEqual([]);
    expect(result.nextBase.notes).toEqual([
      expect.objectContaining({ crmNoteId: "n1", jiraCommentId: "c1", origin: "crm" }),
    ]);
  });

  it("propagates edits in both directions", () => {
    const paired = plan(
      [{ id: "n1", content: "v1" }],
      [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nv1" }],
      synced(),
    ).nextBase;
    const crmEdit = plan(
      [{ id: "n1", content: "v2" }],
      [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nv1" }],
      paired,
    );
    expect(crmEdit.operations).toEqual([
      expect.objectContaining({
        kind: "jira.updateComment",
        commentId: "c1",
        text: "[From Zoho CRM · note n1]\n\nv2",
      }),
    ]);
    const jiraEdit = plan(
      [{ id: "n1", content: "v1" }],
      [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nv1 fixed" }],
      paired,
    );
    expect(jiraEdit.operations).toEqual([
      expect.objectContaining({ kind: "crm.updateNote", noteId: "n1", content: "v1 fixed" }),
    ]);
  });

  it("records a deletion once and keeps the survivor, unless deletions are mirrored", () => {
    const paired = plan(
      [{ id: "n1", content: "v1" }],
      [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nv1" }],
      synced(),
    ).nextBase;
    const comments = [{ id: "c1", body: "[From Zoho CRM · note n1]\n\nv1" }];
    const recorded = plan([], comments, paired);
    expect(recorded.operations).toEqual([]);
    expect(recorded.warnings).toEqual([expect.objectContaining({ code: "note-deleted" })]);
    expect(recorded.nextBase.notes[0]?.state).toBe("deleted-in-crm");
    expect(plan([], comments, recorded.nextBase).warnings).toEqual([]);
    const mirrored = plan([], comments, paired, "two-way", "mirror");
    expect(mirrored.operations).toEqual([
      expect.objectContaining({ kind: "jira.deleteComment", commentId: "c1" }),
    ]);
    expect(mirrored.nextBase.notes).toEqual([]);
  });
});
