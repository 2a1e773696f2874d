import type { AttachmentEntry, LinkBase, NotePair } from "../schema/link.js";
import type { SyncOperation, SyncPlan } from "./types.js";

/** What the engine learnt executing a create: the new item's id (and, for attachments, a content hash). */
export interface CreatedItem {
  readonly id: string;
  readonly hash?: string;
}

/**
 * The base to save after executing a plan: `plan.nextBase` plus the pairing of every note, comment
 * or attachment the engine created, keyed by the operation's `opId`. A create missing from `created`
 * (it failed) is left out; the next plan re-pairs or re-plans it, and mirrors are recognised by their header.
 *
 * @example
 * const created = { "jira.addComment:crm-note:42": { id: "10077" } };
 * await links.save({ ...link, base: finalizeBase(plan, created) }, link.version);
 */
export function finalizeBase(plan: SyncPlan, created: Readonly<Record<string, CreatedItem>>): LinkBase {
  const notes: NotePair[] = [...plan.nextBase.notes];
  const attachments: AttachmentEntry[] = [...plan.nextBase.attachments];
  for (const op of plan.operations) {
    const done = created[op.opId];
    if (done === undefined) continue;
    const pair = pairOf(op, done);
    if (pair?.kind === "note") notes.push(pair.value);
    if (pair?.kind === "attachment") attachments.push(pair.value);
  }
  return { ...plan.nextBase, notes, attachments };
}

function pairOf(
  op: SyncOperation,
  done: CreatedItem,
): { kind: "note"; value: NotePair } | { kind: "attachment"; value: AttachmentEntry } | undefined {
  switch (op.kind) {
    case "jira.addComment":
    case "crm.addNote": {
      if (op.pairing.kind !== "note") return undefined;
      const fromCrm = op.pairing.origin === "crm";
      const [crmNoteId, jiraCommentId] = fromCrm
        ? [op.pairing.sourceId, done.id]
        : [done.id, op.pairing.sourceId];
      return {
        kind: "note",
        value: {
          crmNoteId,
          jiraCommentId,
          origin: op.pairing.origin,
          crmHash: op.pairing.crmHash,
          jiraHash: op.pairing.jiraHash,
          state: "active",
        },
      };
    }
    case "jira.copyAttachment":
    case "crm.copyAttachment": {
      if (op.pairing.kind !== "attachment") return undefined;
      const fromCrm = op.pairing.origin === "crm";
      const [crmAttachmentId, jiraAttachmentId] = fromCrm
        ? [op.pairing.sourceId, done.id]
        : [done.id, op.pairing.sourceId];
      return {
        kind: "attachment",
        value: {
          state: "paired",
          crmAttachmentId,
          jiraAttachmentId,
          origin: op.pairing.origin,
          name: op.pairing.name,
          size: op.pairing.size,
          hash: done.hash ?? null,
        },
      };
    }
    default:
      return undefined;
  }
}
