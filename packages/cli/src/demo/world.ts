import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createJiraSimulator,
  createZohoCrmSimulator,
  JIRA_SANDBOX_CREDENTIALS,
  type JiraSimulator,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoCrmSimulator,
} from "@kobik/sandbox";
import { type CliIo, type CommandContext, createCommandContext } from "../cli/context.js";
import { readItemFile } from "../cli/item-files.js";
import type { Output } from "../cli/output.js";
import { initWorkspace, workspacePaths } from "../cli/workspace.js";
import { connectJira, connectZoho } from "../commands/connect.js";
import { DEMO_DEALS_YAML, DEMO_LEADS_JSON } from "./items.js";

/** Both simulators, a temporary workspace connected to them, and the two items stored. */
export interface DemoWorld {
  readonly zoho: ZohoCrmSimulator;
  readonly jira: JiraSimulator;
  readonly ctx: CommandContext;
  readonly dir: string;
  close(keep: boolean): Promise<void>;
}

/** Starts the simulators in this process and sets up a workspace exactly as a user would. */
export async function startDemoWorld(
  io: CliIo,
  out: Output,
  seed: { deals: number; leads: number },
): Promise<DemoWorld> {
  const zoho = await createZohoCrmSimulator({ seed: 7 });
  const jira = await createJiraSimulator({ seed: 7 });
  zoho.seed("Deals", seed.deals);
  zoho.seed("Leads", seed.leads);
  // Seeded stages are random, and the sandbox workflow only moves one step at a time (To Do ->
  // In Progress -> ...): a deal seeded as "Closed Won" could never reach "Done". The demo's pipeline
  // starts at the first stage, as a freshly imported one would.
  for (const id of zoho.inspect.recordIds("Deals"))
    zoho.person.editRecord("Deals", id, { Stage: "Qualification" });
  const dir = mkdtempSync(join(tmpdir(), "kobik-demo-"));
  // The demo's workspace key comes from its key file, never from the caller's KOBIK_SECRET_KEY.
  const env = { ...io.env, KOBIK_SECRET_KEY: "" };
  const paths = workspacePaths(join(dir, ".kobik"), env, dir);
  const ctx = createCommandContext({ ...io, env, cwd: dir }, out, paths);
  initWorkspace(paths, env);
  await connectZoho(ctx, {
    dc: "US",
    clientId: ZOHO_SANDBOX_CLIENT.clientId,
    clientSecret: ZOHO_SANDBOX_CLIENT.clientSecret,
    grantCode: zoho.mintGrantCode({ scopes: ZOHO_FULL_SCOPES }),
    accountsUrl: zoho.accountsUrl(),
  });
  await connectJira(ctx, { site: jira.siteUrl, ...JIRA_SANDBOX_CREDENTIALS, baseUrl: jira.url! });
  for (const [name, text] of [
    ["deals.yaml", DEMO_DEALS_YAML],
    ["leads.json", DEMO_LEADS_JSON],
  ] as const) {
    writeFileSync(join(dir, name), text);
    await ctx.store().items.save(readItemFile(join(dir, name)));
  }
  return {
    zoho,
    jira,
    ctx,
    dir,
    async close(keep) {
      ctx.dispose();
      await Promise.all([zoho.close(), jira.close()]);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
