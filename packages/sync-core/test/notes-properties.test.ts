import {
  type CrmNote,
  emptyLinkBase,
  finalizeBase,
  type LinkBase,
  planLinkSync,
  type SyncPlan,
} from "@kobik/sync-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crmRecord, jiraIssue, linkOf, NOW, prepared, twoWayItem } from "./fixtures.js";

interface NotesWorld {
  readonly notes: CrmNote[];
  readonly comments: { id: string; body: string }[];
  readonly base: LinkBase;
}

const item = (mode: "two-way" | "one-way", noteDeletions: "record" | "mirror") =>
  prepared(
    twoWayItem({
      mode,
      features: { notesSync: true, noteDeletions },
      fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary" }],
    }),
  );
const fieldsBase = {
  summary: { crm: { kind: "text", value: "D" }, jira: { kind: "text", value: "D" } },
} as const;

function plan(world: NotesWorld, mode: "two-way" | "one-way", deletions: "record" | "mirror"): SyncPlan {
  return planLinkSync({
    item: item(mode, deletions),
    link: linkOf(world.base),
    crm: crmRecord({ Deal_Name: "D" }),
    jira: jiraIssue({ summary: "D" }),
    now: NOW,
    crmNotes: world.notes,
    jiraComments: world.comments,
  });
}

/** Executes a plan the way the services would, numbering created items after the round. */
function execute(world: NotesWorld, p: SyncPlan, round: number): NotesWorld {
  let notes = [...world.notes];
  let comments = [...world.comments];
  const created: Record<string, { id: string }> = {};
  p.operations.forEach((op, k) => {
    switch (op.kind) {
      case "jira.addComment":
        comments.push({ id: `c${round}-${k}`, body: op.text });
        created[op.opId] = { id: `c${round}-${k}` };
        break;
      case "crm.addNote":
        notes.push({ id: `n${round}-${k}`, title: op.title, content: op.content });
        created[op.opId] = { id: `n${round}-${k}` };
        break;
      case "jira.updateComment":
        comments = comments.map((c) => (c.id === op.commentId ? { ...c, body: op.text } : c));
        break;
      case "crm.updateNote":
        notes = notes.map((n) => (n.id === op.noteId ? { ...n, content: op.content } : n));
        break;
      case "jira.deleteComment":
        comments = comments.filter((c) => c.id !== op.commentId);
        break;
      case "crm.deleteNote":
        notes = notes.filter((n) => n.id !== op.noteId);
        break;
      default:
        throw new Error(`unexpected ${op.kind}`);
    }
  });
  return { notes, comments, base: finalizeBase(p, created) };
}

const text = fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6}){0,2}$/);
/** Edits a user makes between two syncs: change, delete or add items on each side. */
const edits = fc.record({
  editNotes: fc.array(fc.tuple(fc.nat(), text), { maxLength: 3 }),
  editComments: fc.array(fc.tuple(fc.nat(), text), { maxLength: 3 }),
  deleteNotes: fc.array(fc.nat(), { maxLength: 2 }),
  deleteComments: fc.array(fc.nat(), { maxLength: 2 }),
  addNotes: fc.array(text, { maxLength: 2 }),
  addComments: fc.array(text, { maxLength: 2 }),
});

function applyEdits(world: NotesWorld, e: EditsValue): NotesWorld {
  let notes = world.notes.map((n, i) => {
    const edit = e.editNotes.find(([at]) => world.notes.length > 0 && at % world.notes.length === i);
    return edit === undefined ? n : { ...n, content: edit[1] };
  });
  let comments = world.comments.map((c, i) => {
    const edit = e.editComments.find(([at]) => world.comments.length > 0 && at % world.comments.length === i);
    return edit === undefined ? c : { ...c, body: edit[1] };
  });
  const goneNotes = new Set(e.deleteNotes.map((at) => notes[at % Math.max(notes.length, 1)]?.id));
  const goneComments = new Set(e.deleteComments.map((at) => comments[at % Math.max(comments.length, 1)]?.id));
  notes = notes.filter((n) => !goneNotes.has(n.id));
  comments = comments.filter((c) => !goneComments.has(c.id));
  notes.push(...e.addNotes.map((content, k) => ({ id: `un${k}`, content })));
  comments.push(...e.addComments.map((body, k) => ({ id: `uc${k}`, body })));
  return { ...world, notes, comments };
}
type EditsValue = {
  editNotes: [number, string][];
  editComments: [number, string][];
  deleteNotes: number[];
  deleteComments: number[];
  addNotes: string[];
  addComments: string[];
};

const scenario = fc.record({
  mode: fc.constantFrom("two-way" as const, "one-way" as const),
  deletions: fc.constantFrom("record" as const, "mirror" as const),
  notes: fc.array(text, { maxLength: 3 }),
  comments: fc.array(text, { maxLength: 3 }),
  edits,
});

/** Both sides as the scenario starts them, with no note ever synced. */
function startWorld(s: { notes: string[]; comments: string[] }): NotesWorld {
  return {
    notes: s.notes.map((content, k) => ({ id: `n${k}`, content })),
    comments: s.comments.map((body, k) => ({ id: `c${k}`, body })),
    base: { ...emptyLinkBase(), fields: fieldsBase },
  };
}

describe("notes <-> comments properties", () => {
  it("converge, never duplicate a mirror, and never mirror a mirror back", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const start = startWorld(s);
        const synced = execute(start, plan(start, s.mode, s.deletions), 1);
        expect(plan(synced, s.mode, s.deletions).operations).toEqual([]);
        const edited = applyEdits(synced, s.edits as EditsValue);
        const after = execute(edited, plan(edited, s.mode, s.deletions), 2);
        expect(plan(after, s.mode, s.deletions).operations).toEqual([]);
        // Each CRM note is mirrored at most once, and no mirror carries a mirror's header inside.
        const mirrors = after.comments
          .map((c) => /^\[From Zoho CRM · note (\S+?)[\]\s·]/.exec(c.body)?.[1])
          .filter(Boolean);
        expect(new Set(mirrors).size).toBe(mirrors.length);
        for (const note of after.notes) expect(note.content.includes("[From Zoho CRM")).toBe(false);
        if (s.mode === "one-way")
          expect(after.notes.every((n) => !n.content.startsWith("[From Jira"))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("survive a crash between the writes and the base save without duplicates", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const start = startWorld(s);
        const crashed = { ...execute(start, plan(start, s.mode, s.deletions), 1), base: start.base };
        const recovered = execute(crashed, plan(crashed, s.mode, s.deletions), 2);
        expect(plan(recovered, s.mode, s.deletions).operations).toEqual([]);
        expect(recovered.comments).toHaveLength(crashed.comments.length);
        expect(recovered.notes).toHaveLength(crashed.notes.length);
      }),
      { numRuns: 300 },
    );
  });
});
