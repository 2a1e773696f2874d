import type { LinkPreview } from "@kobik/sync-engine";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { createEngineHost, stderrLogger } from "../cli/engine-host.js";

async function engineOf(ctx: CommandContext) {
  return (
    await createEngineHost({ store: ctx.store(), logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG) })
  ).engine;
}

function renderPreview(ctx: CommandContext, p: LinkPreview): void {
  ctx.out.line(`${p.jiraIssueKey} <-> ${p.crmModule} ${p.crmRecordId} (${p.origin} link, item ${p.itemId})`);
  for (const f of p.fields) ctx.out.line(`  ${f.label}: ${f.text}`);
}

/** `kobik link`: links a Jira issue to a CRM record by id, then syncs the pair. */
export const linkCommand: CommandBody<[string, string, string]> = async (ctx, item, issue, recordId) => {
  const preview = await (await engineOf(ctx)).linkRecord(item, issue, recordId);
  ctx.out.result(preview, (p) => renderPreview(ctx, p));
  return 0;
};

/** `kobik unlink`: removes a manual link (nothing is deleted on either side). */
export const unlinkCommand: CommandBody<[string, string]> = async (ctx, item, issue) => {
  await (await engineOf(ctx)).unlink(item, issue);
  ctx.out.result({ unlinked: issue, item }, () => ctx.out.line(`Unlinked ${issue} from item ${item}`));
  return 0;
};

/** `kobik refresh`: syncs one linked pair now and shows its preview. */
export const refreshCommand: CommandBody<[string, string]> = async (ctx, item, issue) => {
  const preview = await (await engineOf(ctx)).refresh(item, issue);
  ctx.out.result(preview, (p) => renderPreview(ctx, p));
  return 0;
};

/** `kobik preview`: the display fields of the CRM record linked to an issue. */
export const previewCommand: CommandBody<[string, string]> = async (ctx, item, issue) => {
  const preview = await (await engineOf(ctx)).preview(item, issue);
  ctx.out.result(preview, (p) => renderPreview(ctx, p));
  return 0;
};
