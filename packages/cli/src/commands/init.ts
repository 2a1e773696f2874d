import type { CommandBody } from "../cli/context.js";
import { initWorkspace } from "../cli/workspace.js";

/** `kobik init`: creates the workspace (database, 0600 key file, item JSON Schema). Safe to repeat. */
export const initCommand: CommandBody<[]> = async (ctx) => {
  const { created } = initWorkspace(ctx.paths, ctx.io.env);
  const usesEnvKey = Boolean(ctx.io.env.KOBIK_SECRET_KEY);
  const result = {
    created,
    workspace: ctx.paths.dir,
    database: ctx.paths.database,
    keyFile: usesEnvKey ? null : ctx.paths.keyFile,
    itemSchema: ctx.paths.itemSchema,
  };
  ctx.out.result(result, (r) => {
    ctx.out.line(
      r.created
        ? `Created workspace ${r.workspace}`
        : `Workspace ${r.workspace} already exists (schema up to date)`,
    );
    ctx.out.line(`  database     ${r.database}`);
    ctx.out.line(`  secret key   ${r.keyFile ?? "from KOBIK_SECRET_KEY"}`);
    ctx.out.line(`  item schema  ${r.itemSchema}`);
    ctx.out.line("");
    ctx.out.line("Next: `kobik connect zoho ...`, `kobik connect jira ...`, then `kobik items add <file>`.");
  });
  return 0;
};
