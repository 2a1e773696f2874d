import { paginate, type SyncRun } from "@kobik/storage";
import type { SmartConnectedItem } from "@kobik/sync-core";
import type { ConnectionStatus } from "@kobik/sync-engine";
import type { JiraSettings, ZohoSettings } from "../cli/connections.js";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { enabledOptions } from "../cli/item-options.js";
import { type ChannelState, readChannelState } from "../watch/channel-state.js";

/** One row of the dashboard. */
export interface ItemStatus {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly mode: SmartConnectedItem["mode"];
  readonly scope: string;
  readonly module: string;
  readonly options: string[];
  readonly latestRun: {
    readonly status: SyncRun["status"];
    readonly startedAt: string;
    readonly durationMs: number | null;
    readonly apiCalls: { crm: number; jira: number } | null;
  } | null;
  readonly lastError: { readonly at: string; readonly code: string; readonly message: string } | null;
}

function scopeOf(item: SmartConnectedItem): string {
  const jira = `Jira ${item.jira.projectKey}/${item.jira.issueType}${item.jira.jql ? ` where ${item.jira.jql}` : ""}`;
  const crm = `CRM ${item.crm.module}${item.crm.criteria ? ` where ${item.crm.criteria}` : ""}`;
  return `${jira} <-> ${crm}`;
}

async function itemStatus(ctx: CommandContext, item: SmartConnectedItem): Promise<ItemStatus> {
  const runs = await ctx.store().runs.listRecent(item.id, { limit: 20 });
  const latest = runs.items[0];
  let lastError: ItemStatus["lastError"] = null;
  for (const run of runs.items) {
    if (run.status !== "running" && run.errors.length > 0) {
      const first = run.errors[0]!;
      lastError = { at: run.finishedAt, code: first.code, message: first.message };
      break;
    }
  }
  return {
    id: item.id,
    name: item.name,
    enabled: item.enabled,
    mode: item.mode,
    scope: scopeOf(item),
    module: item.crm.module,
    options: enabledOptions(item),
    latestRun: latest
      ? {
          status: latest.status,
          startedAt: latest.startedAt,
          durationMs: latest.status === "running" ? null : latest.durationMs,
          apiCalls: latest.status === "running" ? null : latest.apiCalls,
        }
      : null,
    lastError,
  };
}

async function collect(ctx: CommandContext) {
  const store = ctx.store();
  const zoho = store.settings.get<ZohoSettings>("zoho");
  const jira = store.settings.get<JiraSettings>("jira");
  const automation = zoho && jira ? await automationState(ctx) : null;
  const items: ItemStatus[] = [];
  for await (const item of paginate((p) => store.items.list(p), 100)) items.push(await itemStatus(ctx, item));
  return {
    workspace: ctx.paths.dir,
    connections: {
      zoho: zoho ? { connected: true, dc: zoho.dc, org: zoho.orgName } : { connected: false },
      jira: jira ? { connected: true, site: jira.siteUrl, email: jira.email } : { connected: false },
    },
    automation,
    /** The Zoho channel `watch --listen` recorded last (expiry, last renewal error), if it ever ran. */
    push: readChannelState(store.settings),
    items,
  };
}

/** The engine's view: automation runs, or a service must be reconnected. */
async function automationState(ctx: CommandContext): Promise<ConnectionStatus> {
  // Only a connected workspace needs the engine and both clients: loaded here, not with the command.
  const { createEngineHost, stderrLogger } = await import("../cli/engine-host.js");
  const host = await createEngineHost({
    store: ctx.store(),
    logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG),
  });
  return host.engine.connectionStatus();
}

function renderPush(ctx: CommandContext, push: ChannelState): void {
  if (push.kind === "removed") {
    ctx.out.line(
      `Push      Zoho channel ${push.channelId} removed at ${push.removedAt} (watch --listen stopped)`,
    );
    return;
  }
  const expired = Date.parse(push.expiresAt) <= Date.now();
  ctx.out.line(
    expired
      ? `Push      Zoho channel ${push.channelId} expired at ${push.expiresAt}: start \`kobik watch --listen\` again`
      : `Push      Zoho channel ${push.channelId} expires ${push.expiresAt}, renewed ${push.renewedAt ?? "not yet"}`,
  );
  const e = push.lastRenewalError;
  if (e) ctx.out.line(`          last renewal error at ${e.at} (attempt ${e.attempts}): ${e.message}`);
}

function render(ctx: CommandContext, status: Awaited<ReturnType<typeof collect>>): void {
  const { zoho, jira } = status.connections;
  ctx.out.line(`Workspace ${status.workspace}`);
  ctx.out.line(
    `Zoho CRM  ${zoho.connected ? `connected (${zoho.dc}, ${zoho.org ?? "org"})` : "not connected: run `kobik connect zoho ...`"}`,
  );
  ctx.out.line(
    `Jira      ${jira.connected ? `connected (${jira.site} as ${jira.email})` : "not connected: run `kobik connect jira ...`"}`,
  );
  const auto = status.automation;
  if (auto?.kind === "reconnect-required") {
    ctx.out.line(
      `Automation stopped since ${auto.since}: ${auto.message} Run \`kobik connect ${auto.service === "crm" ? "zoho" : "jira"} ...\`.`,
    );
  } else if (auto) ctx.out.line("Automation running");
  if (status.push) renderPush(ctx, status.push);
  ctx.out.line("");
  if (status.items.length === 0) {
    ctx.out.line("No items yet: add one with `kobik items add <file>`.");
    return;
  }
  ctx.out.table(
    ["item", "mode", "module", "options", "latest sync", "last error"],
    status.items.map((s) => [
      s.enabled ? s.id : `${s.id} (disabled)`,
      s.mode,
      s.module,
      s.options.join(",") || "-",
      s.latestRun ? `${s.latestRun.status} ${s.latestRun.startedAt}` : "never",
      s.lastError ? `${s.lastError.code}: ${s.lastError.message}`.slice(0, 60) : "-",
    ]),
  );
  for (const s of status.items) ctx.out.line(`  ${s.id}: ${s.scope}`);
}

/** `kobik status`: the dashboard. */
export const statusCommand: CommandBody<[]> = async (ctx) => {
  const status = await collect(ctx);
  ctx.out.result(status, (s) => render(ctx, s));
  return 0;
};
