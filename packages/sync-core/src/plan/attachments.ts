import { ATTACHMENT_MAX_BYTES } from "../constants.js";
import type { AttachmentEntry } from "../schema/link.js";
import type { Side } from "../schema/mapping.js";
import type { AttachmentInfo, SyncOperation, SyncWarning } from "./types.js";

/**
 * Attachment lists of one link. A list is given only when that side was read: cycles pass the CRM list
 * (CRM -> Jira), Jira attachment events pass the Jira list (Jira -> CRM). Passing both lets a copy
 * whose pairing was never saved be re-paired by name and size instead of copied twice.
 */
export interface AttachmentsInput {
  readonly issueId: string;
  readonly issueKey: string;
  readonly module: string;
  readonly recordId: string;
  readonly crm: readonly AttachmentInfo[] | undefined;
  readonly jira: readonly AttachmentInfo[] | undefined;
  readonly entries: readonly AttachmentEntry[];
  readonly crmWritable: boolean;
}

/** Operations, next entries and warnings of attachment sync. */
export interface AttachmentsOutcome {
  readonly operations: SyncOperation[];
  readonly entries: AttachmentEntry[];
  readonly warnings: SyncWarning[];
}

/**
 * Copies attachments that are new on a side to the other side. Entries are never dropped: a deleted
 * attachment's pairing stays, so its surviving copy is never copied back.
 */
export function planAttachments(input: AttachmentsInput): AttachmentsOutcome {
  const out: AttachmentsOutcome = { operations: [], entries: [...input.entries], warnings: [] };
  const known = { crm: new Set<string>(), jira: new Set<string>() };
  for (const entry of input.entries) {
    if (entry.state === "paired") {
      known.crm.add(entry.crmAttachmentId);
      known.jira.add(entry.jiraAttachmentId);
    } else {
      known[entry.side].add(entry.attachmentId);
    }
  }
  if (input.crm !== undefined) planSide(input, "crm", input.crm, input.jira, known, out);
  if (input.jira !== undefined && input.crmWritable)
    planSide(input, "jira", input.jira, input.crm, known, out);
  return out;
}

function planSide(
  input: AttachmentsInput,
  side: Side,
  list: readonly AttachmentInfo[],
  otherList: readonly AttachmentInfo[] | undefined,
  known: { crm: Set<string>; jira: Set<string> },
  out: AttachmentsOutcome,
): void {
  const other: Side = side === "crm" ? "jira" : "crm";
  const sorted = [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const file of sorted) {
    if (known[side].has(file.id)) continue;
    known[side].add(file.id);
    const twin = otherList?.find(
      (o) => !known[other].has(o.id) && o.name === file.name && o.size === file.size,
    );
    if (twin !== undefined) {
      known[other].add(twin.id);
      const [crmId, jiraId] = side === "crm" ? [file.id, twin.id] : [twin.id, file.id];
      out.entries.push({
        state: "paired",
        crmAttachmentId: crmId,
        jiraAttachmentId: jiraId,
        origin: side,
        name: file.name,
        size: file.size,
        hash: null,
      });
    } else if (file.size > ATTACHMENT_MAX_BYTES) {
      out.entries.push({
        state: "skipped",
        side,
        attachmentId: file.id,
        name: file.name,
        size: file.size,
        reason: "too-large",
      });
      out.warnings.push({
        code: "attachment-too-large",
        side,
        value: file.name,
        message: `Skipped ${side} attachment "${file.name}" (${file.size} bytes): the limit is ${ATTACHMENT_MAX_BYTES} bytes.`,
      });
    } else {
      out.operations.push(copyOperation(input, side, file));
    }
  }
}

function copyOperation(input: AttachmentsInput, side: Side, file: AttachmentInfo): SyncOperation {
  const pairing = {
    kind: "attachment",
    origin: side,
    sourceId: file.id,
    name: file.name,
    size: file.size,
  } as const;
  if (side === "crm") {
    return {
      kind: "jira.copyAttachment",
      opId: `jira.copyAttachment:crm:${file.id}`,
      issueId: input.issueId,
      issueKey: input.issueKey,
      from: { module: input.module, recordId: input.recordId, attachmentId: file.id },
      name: file.name,
      size: file.size,
      pairing,
    };
  }
  return {
    kind: "crm.copyAttachment",
    opId: `crm.copyAttachment:jira:${file.id}`,
    module: input.module,
    recordId: input.recordId,
    from: { issueId: input.issueId, attachmentId: file.id },
    name: file.name,
    size: file.size,
    pairing,
  };
}
