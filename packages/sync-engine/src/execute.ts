import { JiraNoTransitionError } from "@kobik/jira-client";
import { ATTACHMENT_MAX_BYTES, type CreatedItem, type SyncOperation } from "@kobik/sync-core";
import type { WriteOutcome } from "@kobik/zoho-crm-client";
import type { EngineContext } from "./context.js";
import { asLeaseLoss } from "./failures.js";
import type { RunState } from "./run.js";
import { resolveJiraUsers, type UserResolver } from "./users.js";

/** What executing one link's operations produced. */
export interface LinkExecution {
  /** Ids of created notes, comments and attachments, by `opId`, for `finalizeBase`. */
  readonly created: Record<string, CreatedItem>;
  /** The first failure; the link's base is then not saved, so the change is planned again next run. */
  failure: unknown;
  /** The status transition had no path: the base keeps the old status so the change is retried. */
  noTransition: boolean;
}

/** A write Zoho rejected for one item; carries Zoho's code and the field at fault. */
export class WriteRejectedError extends Error {
  readonly code: string;
  constructor(what: string, outcome: Extract<WriteOutcome, { status: "error" }>) {
    super(
      `${what} rejected by Zoho: ${outcome.code}${outcome.field ? ` on ${outcome.field}` : ""}: ${outcome.message}`,
    );
    this.name = "WriteRejectedError";
    this.code = outcome.code;
  }
}

function createdId(what: string, outcome: WriteOutcome): string {
  if (outcome.status === "error") throw new WriteRejectedError(what, outcome);
  return outcome.id;
}

/**
 * Executes a link's operations in plan order, except `crm.updateRecord` (batched by the caller, 100 per
 * call) and `jira.createIssue` (the auto-create path). Stops at the first failure.
 */
export async function executeLinkOps(
  run: RunState,
  ops: readonly SyncOperation[],
  users: UserResolver,
): Promise<LinkExecution> {
  const result: LinkExecution = { created: {}, failure: undefined, noTransition: false };
  for (const op of ops) {
    if (op.kind === "crm.updateRecord" || op.kind === "jira.createIssue") continue;
    try {
      const id = await executeOne(run, op, users);
      if (id !== undefined) result.created[op.opId] = { id };
    } catch (error) {
      const lost = asLeaseLoss(error);
      if (lost !== undefined) throw lost;
      if (error instanceof JiraNoTransitionError) {
        result.noTransition = true;
        run.ctx.log.warn("sync.no-transition", {
          itemId: run.itemId,
          issue: error.issueIdOrKey,
          to: error.targetStatus,
          available: error.availableTargets,
        });
        continue;
      }
      result.failure = error;
      return result;
    }
  }
  return result;
}

async function executeOne(
  run: RunState,
  op: SyncOperation,
  users: UserResolver,
): Promise<string | undefined> {
  const { ctx, counts } = run;
  // Every write to either service goes out only while the run still holds its item lease.
  run.checkLease();
  switch (op.kind) {
    case "jira.updateFields":
      await ctx.jira.issues.edit(
        op.issueId,
        { fields: await resolveJiraUsers(op.fields, op.userFields, users) },
        { notifyUsers: false },
      );
      run.writtenIssueIds.add(op.issueId);
      counts.updated += 1;
      return undefined;
    case "jira.transition":
      await ctx.jira.transitions.transitionTo(op.issueId, op.toStatus);
      run.writtenIssueIds.add(op.issueId);
      counts.transitioned += 1;
      return undefined;
    case "jira.addComment": {
      const comment = await ctx.jira.comments.add(op.issueId, op.body as never);
      counts.comments += 1;
      return String(comment.id);
    }
    case "jira.updateComment":
      await ctx.jira.comments.update(op.issueId, op.commentId, op.body as never, { notifyUsers: false });
      counts.comments += 1;
      return undefined;
    case "jira.deleteComment":
      await ctx.jira.comments.delete(op.issueId, op.commentId);
      counts.comments += 1;
      return undefined;
    case "crm.addNote": {
      const outcome = await ctx.zoho.notes.create({
        module: op.module,
        recordId: op.recordId,
        content: op.content,
        title: op.title,
      });
      counts.notes += 1;
      return createdId(`note on ${op.recordId}`, outcome);
    }
    case "crm.updateNote":
      createdId(`note ${op.noteId}`, await ctx.zoho.notes.update(op.noteId, { content: op.content }));
      counts.notes += 1;
      return undefined;
    case "crm.deleteNote":
      createdId(`note ${op.noteId}`, await ctx.zoho.notes.delete(op.noteId));
      counts.notes += 1;
      return undefined;
    case "jira.copyAttachment":
    case "crm.copyAttachment":
      return copyAttachment(ctx, run, op);
    case "crm.updateRecord":
    case "jira.createIssue":
      return undefined;
  }
}

async function copyAttachment(
  ctx: EngineContext,
  run: RunState,
  op: Extract<SyncOperation, { kind: "jira.copyAttachment" | "crm.copyAttachment" }>,
): Promise<string> {
  if (op.kind === "jira.copyAttachment") {
    const download = await ctx.zoho.attachments.download(
      { module: op.from.module, recordId: op.from.recordId },
      op.from.attachmentId,
    );
    const bytes = await readBounded(download.body, ATTACHMENT_MAX_BYTES, op.name);
    const [stored] = await ctx.jira.attachments.upload(op.issueId, [{ filename: op.name, data: bytes }]);
    run.counts.attachments += 1;
    return String(stored?.id);
  }
  const download = await ctx.jira.attachments.download(op.from.attachmentId);
  const bytes = await readBounded(download.stream, ATTACHMENT_MAX_BYTES, op.name);
  const outcome = await ctx.zoho.attachments.upload(
    { module: op.module, recordId: op.recordId },
    { kind: "file", data: bytes, fileName: op.name },
  );
  run.counts.attachments += 1;
  return createdId(`attachment ${op.name}`, outcome);
}

/** Reads a download into memory, refusing past `max` bytes (the listed size may understate the file). */
async function readBounded(
  stream: ReadableStream<Uint8Array>,
  max: number,
  name: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Error(`attachment "${name}" is over the ${max}-byte limit`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
