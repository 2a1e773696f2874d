import type { Register } from "../cli/program.js";
import { initWorkspace } from "../cli/workspace.js";

/** `kobik init`: creates the workspace (database, 0600 key file, item JSON Schema). Safe to repeat. */
export const registerInit: Register = (program, wrap) => {
  program
    .command("init")
    .description("create the workspace: SQLite database, secret key file and item JSON Schema")
    .action(
      wrap(async (ctx) => {
        const { created } = initWorkspace(ctx.paths, ctx.io.env);
        const usesEnvKey = Boolean(ctx.io.env.KOBIK_SECRET_KEY);
        ctx.out.result(
          {
            created,
            workspace: ctx.paths.dir,
            database: ctx.paths.database,
            keyFile: usesEnvKey ? null : ctx.paths.keyFile,
            itemSchema: ctx.paths.itemSchema,
          },
          (r) => {
            ctx.out.line(
              r.created
                ? `Created workspace ${r.workspace}`
                : `Workspace ${r.workspace} already exists (schema up to date)`,
            );
            ctx.out.line(`  database     ${r.database}`);
            ctx.out.line(`  secret key   ${r.keyFile ?? "from KOBIK_SECRET_KEY"}`);
            ctx.out.line(`  item schema  ${r.itemSchema}`);
            ctx.out.line("");
            ctx.out.line(
              "Next: `kobik connect zoho ...`, `kobik connect jira ...`, then `kobik items add <file>`.",
            );
          },
        );
        return 0;
      }),
    );
};
