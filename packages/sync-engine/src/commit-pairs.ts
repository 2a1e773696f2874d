import { type AppendAuditInput, type LinkSaveEntry, MAX_BATCH_SIZE } from "@kobik/storage";
import { type CrmRecord, finalizeBase, type JiraIssue, type LinkBase, type SyncPlan } from "@kobik/sync-core";
import { planAuditEvents } from "./audit.js";
import type { LinkExecution } from "./execute.js";
import { asLeaseLoss } from "./failures.js";
import type { PairOutcome, PairWork } from "./link-sync.js";
import { type RunState, recordError, skip } from "./run.js";

/** A pair planned for writing, with what executing its operations produced. */
export interface Planned {
  readonly work: PairWork & { crm: CrmRecord; jira: JiraIssue };
  readonly plan: SyncPlan;
  exec?: LinkExecution;
}

/** A pair whose writes all succeeded: its new base, and whether it needs saving at all. */
interface Commit {
  readonly p: Planned;
  readonly entry: LinkSaveEntry | null;
}

/**
 * Saves the new bases of a chunk of executed pairs in one `links.saveMany` and audits the saved ones
 * in one `audit.appendMany`. A version conflict fails that pair alone (its base stays, so its changes
 * are planned again next run); a lost lease stops the run.
 */
export async function commitPairs(
  run: RunState,
  chunk: readonly Planned[],
  outcomes: Map<string, PairOutcome>,
): Promise<void> {
  const commits: Commit[] = [];
  for (const p of chunk) {
    const commit = toCommit(run, p);
    if (commit === undefined) outcomes.set(p.work.link.jira.issueId, "failed");
    else commits.push(commit);
  }
  const entries = commits.flatMap((c) => (c.entry === null ? [] : [c.entry]));
  try {
    const fence = entries.length === 0 ? undefined : run.fence();
    const saved =
      entries.length === 0
        ? []
        : await run.ctx.store.links.saveMany(entries, fence === undefined ? {} : { fence });
    const events: AppendAuditInput[] = [];
    const settled: [Planned, PairOutcome][] = [];
    let at = 0;
    for (const { p, entry } of commits) {
      const result = entry === null ? undefined : saved[at++];
      if (result?.ok === false) {
        recordError(run, p.work.link.jira.issueKey, result.error);
        outcomes.set(p.work.link.jira.issueId, "failed");
      } else if (p.plan.operations.length === 0) {
        settled.push([p, "unchanged"]);
      } else {
        events.push(...planAuditEvents(run, p.work.link, p.plan));
        settled.push([p, "synced"]);
      }
    }
    for (let i = 0; i < events.length; i += MAX_BATCH_SIZE)
      await run.ctx.store.audit.appendMany(events.slice(i, i + MAX_BATCH_SIZE));
    for (const [p, outcome] of settled) {
      if (outcome === "unchanged") run.counts.unchanged += 1;
      outcomes.set(p.work.link.jira.issueId, outcome);
    }
  } catch (error) {
    // A lost lease means another process owns the item now: stop this run instead of writing on.
    const lost = asLeaseLoss(error);
    if (lost !== undefined) throw lost;
    for (const { p } of commits) {
      if (outcomes.has(p.work.link.jira.issueId)) continue;
      recordError(run, p.work.link.jira.issueKey, error);
      outcomes.set(p.work.link.jira.issueId, "failed");
    }
  }
}

/** The base to save for an executed pair, or `undefined` (error recorded) when a write failed. */
function toCommit(run: RunState, p: Planned): Commit | undefined {
  const { link } = p.work;
  const exec = p.exec;
  if (exec === undefined || exec.failure !== undefined) {
    recordError(run, link.jira.issueKey, exec?.failure ?? new Error("not executed"));
    return undefined;
  }
  let base: LinkBase = finalizeBase(p.plan, exec.created);
  if (exec.noTransition) {
    base = { ...base, status: link.base.status };
    skip(run, "no-transition");
  }
  if (p.plan.operations.length === 0 && JSON.stringify(base) === JSON.stringify(link.base))
    return { p, entry: null };
  const updated = { ...link, base, updatedAt: run.ctx.clock.now().toISOString() };
  return { p, entry: { link: updated, expectedVersion: link.version } };
}
