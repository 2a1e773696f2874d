import { type AuditEvent, paginate, type SyncRun } from "@kobik/storage";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { ConfigError, UsageError } from "../cli/errors.js";

interface HistoryFlags {
  item?: string;
  run?: string;
  limit: string;
}

function limitOf(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--limit must be a whole number from 1 to 1000, got "${text}".`);
  return n;
}

async function runsOf(ctx: CommandContext, itemId: string | undefined, limit: number): Promise<SyncRun[]> {
  const store = ctx.store();
  const ids: string[] = [];
  if (itemId) ids.push(itemId);
  else for await (const item of paginate((p) => store.items.list(p), 100)) ids.push(item.id);
  const runs = (
    await Promise.all(ids.map(async (id) => (await store.runs.listRecent(id, { limit })).items))
  ).flat();
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
}

async function eventsOf(ctx: CommandContext, runId: string, limit: number): Promise<AuditEvent[]> {
  const store = ctx.store();
  if (!(await store.runs.get(runId)))
    throw new ConfigError(`No run "${runId}".`, "Run `kobik history` to list run ids.");
  const events: AuditEvent[] = [];
  for await (const e of paginate((p) => store.audit.list({ by: "run", runId }, p), 500)) {
    events.push(e);
    if (events.length >= limit) break;
  }
  return events;
}

function renderRuns(ctx: CommandContext, runs: SyncRun[]): void {
  if (runs.length === 0) {
    ctx.out.line("No runs yet: run `kobik sync`.");
    return;
  }
  ctx.out.table(
    [
      "started",
      "item",
      "trigger",
      "mode",
      "outcome",
      "ms",
      "crm calls",
      "jira calls",
      "changed",
      "errors",
      "run id",
    ],
    runs.map((r) => {
      const done = r.status !== "running";
      return [
        r.startedAt,
        r.itemId,
        r.trigger,
        r.mode,
        r.status,
        done ? String(r.durationMs) : "-",
        done ? String(r.apiCalls.crm) : "-",
        done ? String(r.apiCalls.jira) : "-",
        done ? String(r.counts.created + r.counts.updated) : "-",
        done ? String(r.errors.length) : "-",
        r.id,
      ];
    }),
  );
}

function renderEvents(ctx: CommandContext, events: AuditEvent[]): void {
  if (events.length === 0) {
    ctx.out.line("The run recorded no audit events.");
    return;
  }
  for (const e of events) {
    const link = e.link ? ` [jira ${e.link.jiraIssueId} <-> crm ${e.link.crmRecordId}]` : "";
    ctx.out.line(`#${e.seq} ${e.at} ${e.action}${link}: ${e.reason}`);
    for (const c of e.changes)
      ctx.out.line(`    ${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
  }
}

/** `kobik history`: runs with API calls spent, or one run's audit events with `--run`. */
export const historyCommand: CommandBody<[HistoryFlags]> = async (ctx, flags) => {
  const limit = limitOf(flags.limit);
  if (flags.run) {
    const events = await eventsOf(ctx, flags.run, limit);
    ctx.out.result({ runId: flags.run, events }, (r) => renderEvents(ctx, r.events));
  } else {
    const runs = await runsOf(ctx, flags.item, limit);
    ctx.out.result({ runs }, (r) => renderRuns(ctx, r.runs));
  }
  return 0;
};
