import type { LinkPreview } from "@kobik/sync-engine";
import type { CommandContext } from "../cli/context.js";
import { createEngineHost, stderrLogger } from "../cli/engine-host.js";
import type { Register } from "../cli/program.js";

async function engineOf(ctx: CommandContext) {
  return (
    await createEngineHost({ store: ctx.store(), logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG) })
  ).engine;
}

function renderPreview(ctx: CommandContext, p: LinkPreview): void {
  ctx.out.line(`${p.jiraIssueKey} <-> ${p.crmModule} ${p.crmRecordId} (${p.origin} link, item ${p.itemId})`);
  for (const f of p.fields) ctx.out.line(`  ${f.label}: ${f.text}`);
}

/** `kobik link|unlink|refresh|preview`: manual links and the linked record's preview. */
export const registerLinks: Register = (program, wrap) => {
  program
    .command("link <item> <issue> <crmRecordId>")
    .description("link a Jira issue (key or id) to a CRM record by id, then sync the pair")
    .action(
      wrap(async (ctx, item: string, issue: string, recordId: string) => {
        const preview = await (await engineOf(ctx)).linkRecord(item, issue, recordId);
        ctx.out.result(preview, (p) => renderPreview(ctx, p));
        return 0;
      }),
    );
  program
    .command("unlink <item> <issue>")
    .description("remove a manual link (nothing is deleted on either side)")
    .action(
      wrap(async (ctx, item: string, issue: string) => {
        await (await engineOf(ctx)).unlink(item, issue);
        ctx.out.result({ unlinked: issue, item }, () => ctx.out.line(`Unlinked ${issue} from item ${item}`));
        return 0;
      }),
    );
  program
    .command("refresh <item> <issue>")
    .description("sync one linked pair now and show its preview")
    .action(
      wrap(async (ctx, item: string, issue: string) => {
        const preview = await (await engineOf(ctx)).refresh(item, issue);
        ctx.out.result(preview, (p) => renderPreview(ctx, p));
        return 0;
      }),
    );
  program
    .command("preview <item> <issue>")
    .description("show the display fields of the CRM record linked to an issue")
    .action(
      wrap(async (ctx, item: string, issue: string) => {
        const preview = await (await engineOf(ctx)).preview(item, issue);
        ctx.out.result(preview, (p) => renderPreview(ctx, p));
        return 0;
      }),
    );
};
