import { type AppendAuditInput, MAX_BATCH_SIZE } from "@kobik/storage";
import {
  type CrmRecord,
  type JiraIssue,
  type Link,
  type PreparedItem,
  planLinkSync,
  type SyncOperation,
} from "@kobik/sync-core";
import { removeLink } from "./audit.js";
import { commitPairs, type Planned } from "./commit-pairs.js";
import { executeLinkOps, type LinkExecution, WriteRejectedError } from "./execute.js";
import { rethrowIfStop } from "./failures.js";
import { mapLimit } from "./pool.js";
import { crmReadFields, jiraReadFields } from "./prepare.js";
import { emit } from "./progress.js";
import { type RunState, recordError, skip } from "./run.js";
import { inScope, leaveOutOfScope } from "./scope.js";
import {
  fetchCrmRecord,
  fetchCrmRecords,
  fetchJiraIssue,
  fetchJiraIssues,
  readRelated,
} from "./snapshots.js";
import { reportUnknownUsers, resolveCrmUsers, type UserResolver, withoutUnknownUsers } from "./users.js";

/** A linked pair to sync; snapshots already read by the caller are passed along, the rest are fetched. */
export interface PairWork {
  readonly link: Link;
  readonly crm?: CrmRecord;
  readonly jira?: JiraIssue;
}

/** What happened to a pair: `failed` pairs are parked by the caller for the next run. */
export type PairOutcome = "synced" | "unchanged" | "failed" | "unlinked" | "planned" | "out-of-scope";

/**
 * The per-link path every entry point shares: read what is missing, plan with sync-core, execute
 * (CRM record updates batched 100 per call), then save the new base only for pairs whose writes all succeeded.
 */
export async function syncPairs(
  run: RunState,
  prepared: PreparedItem,
  work: readonly PairWork[],
  users: UserResolver,
): Promise<Map<string, PairOutcome>> {
  const outcomes = new Map<string, PairOutcome>();
  // A batch is where a run whose lease was lost stops reading, not only where it stops writing.
  run.checkLease();
  const ready = await completeSnapshots(run, prepared, work, outcomes);
  const planned = await mapLimit(ready, run.ctx.limits.linkConcurrency, (w) =>
    planPair(run, prepared, w, outcomes),
  );
  const found = planned.filter((p): p is Planned => p !== undefined);
  if (found.length > 0) {
    const operations = found.reduce((n, p) => n + p.plan.operations.length, 0);
    emit(run, { kind: "links-planned", itemId: run.itemId, links: found.length, operations });
  }
  if (run.mode === "dry-run") {
    for (const p of found) outcomes.set(p.work.link.jira.issueId, "planned");
    return outcomes;
  }
  const live = await dropUnknownUsers(run, prepared, found, users);
  await mapLimit(live, run.ctx.limits.linkConcurrency, async (p) => {
    if (p.exec === undefined)
      p.exec = await guarded(run, () => executeLinkOps(run, p.plan.operations, users));
  });
  await updateCrmRecords(run, live, users);
  // Bases are saved (and audited) a Zoho write chunk at a time: one links.saveMany and one
  // audit.appendMany per 100 pairs instead of a transaction or more per pair.
  for (let i = 0; i < live.length; i += 100) await commitPairs(run, live.slice(i, i + 100), outcomes);
  const failed = live.filter((p) => outcomes.get(p.work.link.jira.issueId) === "failed").length;
  if (live.length > 0)
    emit(run, { kind: "operations-executed", itemId: run.itemId, links: live.length, failed });
  return outcomes;
}

async function guarded(run: RunState, fn: () => Promise<LinkExecution>): Promise<LinkExecution> {
  try {
    return await fn();
  } catch (error) {
    rethrowIfStop(error, run.ctx.clock.now());
    return { created: {}, failure: error, noTransition: false };
  }
}

/**
 * Takes user values whose email has no user on the target side out of each plan (see
 * `withoutUnknownUsers`: not written, base kept) and reports them. A failed user lookup fails its pair.
 */
async function dropUnknownUsers(
  run: RunState,
  prepared: PreparedItem,
  planned: readonly Planned[],
  users: UserResolver,
): Promise<Planned[]> {
  const events: AppendAuditInput[] = [];
  const out = await mapLimit(planned, run.ctx.limits.linkConcurrency, async (p): Promise<Planned> => {
    const { link } = p.work;
    try {
      const { plan, unknown } = await withoutUnknownUsers(prepared, link, p.plan, users);
      if (unknown.length === 0) return p;
      const ref = {
        jiraIssueId: link.jira.issueId,
        jiraIssueKey: link.jira.issueKey,
        crmRecordId: link.crm.recordId,
      };
      events.push(...reportUnknownUsers(run, ref, unknown));
      return { ...p, plan };
    } catch (error) {
      rethrowIfStop(error, run.ctx.clock.now());
      return { ...p, exec: { created: {}, failure: error, noTransition: false } };
    }
  });
  for (let i = 0; i < events.length; i += MAX_BATCH_SIZE) {
    run.checkLease();
    await run.ctx.store.audit.appendMany(events.slice(i, i + MAX_BATCH_SIZE));
  }
  return out;
}

async function completeSnapshots(
  run: RunState,
  prepared: PreparedItem,
  work: readonly PairWork[],
  outcomes: Map<string, PairOutcome>,
): Promise<(PairWork & { crm: CrmRecord; jira: JiraIssue })[]> {
  const { ctx } = run;
  const fields = jiraReadFields(prepared);
  const missing = work.filter((w) => w.jira === undefined).map((w) => w.link.jira.issueId);
  const fetched =
    missing.length === 0 ? new Map<string, JiraIssue>() : await fetchJiraIssues(ctx, missing, fields);
  const crmFields = crmReadFields(prepared);
  const crmFetched = await prefetchCrm(run, work, crmFields);
  const ready: (PairWork & { crm: CrmRecord; jira: JiraIssue })[] = [];
  await mapLimit(work, ctx.limits.linkConcurrency, async (w) => {
    const key = w.link.jira.issueId;
    try {
      const jira = w.jira ?? fetched.get(key) ?? (await fetchJiraIssue(ctx, key, fields));
      if (jira === null)
        return gone(run, w.link, `Jira issue ${w.link.jira.issueKey} no longer exists`, outcomes);
      const { module, recordId } = w.link.crm;
      const batchKey = `${module}\u0000${recordId}`;
      const crm =
        w.crm ??
        (crmFetched.has(batchKey)
          ? (crmFetched.get(batchKey) ?? null)
          : await fetchCrmRecord(ctx, module, recordId, crmFields));
      if (crm === null)
        return gone(run, w.link, `CRM record ${w.link.crm.recordId} no longer exists`, outcomes);
      if (!inScope(prepared, crm)) {
        outcomes.set(key, "out-of-scope");
        return leaveOutOfScope(run, w.link);
      }
      ready.push({ ...w, crm, jira });
    } catch (error) {
      rethrowIfStop(error, ctx.clock.now());
      recordError(run, key, error);
      outcomes.set(key, "failed");
    }
  });
  return ready;
}

/**
 * The CRM records the pairs lack, one batched read per module and 100 ids. Keyed `module\0id`; `null`
 * when Zoho left the id out (deleted). A failed batch leaves its ids out, so each pair then reads its
 * record alone and a failure stays that pair's, as before.
 */
async function prefetchCrm(
  run: RunState,
  work: readonly PairWork[],
  fields: readonly string[],
): Promise<Map<string, CrmRecord | null>> {
  const byModule = new Map<string, string[]>();
  for (const w of work) {
    if (w.crm !== undefined) continue;
    const ids = byModule.get(w.link.crm.module) ?? [];
    ids.push(w.link.crm.recordId);
    byModule.set(w.link.crm.module, ids);
  }
  const out = new Map<string, CrmRecord | null>();
  for (const [module, ids] of byModule) {
    try {
      for (const [id, record] of await fetchCrmRecords(run.ctx, module, ids, fields))
        out.set(`${module}\u0000${id}`, record);
    } catch (error) {
      rethrowIfStop(error, run.ctx.clock.now());
    }
  }
  return out;
}

async function gone(
  run: RunState,
  link: Link,
  reason: string,
  outcomes: Map<string, PairOutcome>,
): Promise<void> {
  outcomes.set(link.jira.issueId, "unlinked");
  skip(run, "counterpart-deleted");
  if (run.mode === "apply")
    await removeLink(run.ctx, run, link, `${reason}: unlinked (nothing deleted on the other side)`);
}

async function planPair(
  run: RunState,
  prepared: PreparedItem,
  work: PairWork & { crm: CrmRecord; jira: JiraIssue },
  outcomes: Map<string, PairOutcome>,
): Promise<Planned | undefined> {
  const { ctx } = run;
  try {
    const related = await readRelated(ctx, prepared, work.link, work.jira);
    const plan = planLinkSync({
      item: prepared,
      link: work.link,
      crm: work.crm,
      jira: work.jira,
      now: ctx.clock.now().toISOString(),
      ...related,
    });
    run.counts.examined += 1;
    run.counts.conflicts += plan.conflicts.length;
    for (const warning of plan.warnings) skip(run, warning.code);
    run.syncedIssueIds.add(work.link.jira.issueId);
    if (run.mode === "dry-run") {
      run.plans.push({ jiraIssueKey: work.link.jira.issueKey, crmRecordId: work.link.crm.recordId, plan });
    }
    return { work, plan };
  } catch (error) {
    rethrowIfStop(error, ctx.clock.now());
    recordError(run, work.link.jira.issueKey, error);
    outcomes.set(work.link.jira.issueId, "failed");
    return undefined;
  }
}

async function updateCrmRecords(
  run: RunState,
  planned: readonly Planned[],
  users: UserResolver,
): Promise<void> {
  const pending: { p: Planned; op: Extract<SyncOperation, { kind: "crm.updateRecord" }> }[] = [];
  for (const p of planned) {
    if (p.exec?.failure !== undefined) continue;
    for (const op of p.plan.operations) if (op.kind === "crm.updateRecord") pending.push({ p, op });
  }
  const byModule = new Map<string, typeof pending>();
  for (const entry of pending)
    byModule.set(entry.op.module, [...(byModule.get(entry.op.module) ?? []), entry]);
  for (const [module, entries] of byModule) {
    const records = await Promise.all(
      entries.map(async ({ op }) => ({
        id: op.recordId,
        ...(await resolveCrmUsers(op.fields, op.userFields, users)),
      })),
    );
    // The client sends 100 records per call, as Zoho allows, and reports every record's own outcome.
    run.checkLease();
    const written = await run.ctx.zoho.records.update(module, records);
    const failedRequest = written.results.find((r) => r.status === "request_failed");
    if (failedRequest?.status === "request_failed") rethrowIfStop(failedRequest.error, run.ctx.clock.now());
    for (const [i, entry] of entries.entries()) {
      const outcome = written.results[i];
      if (outcome?.status === "success") run.counts.updated += 1;
      else if (entry.p.exec) entry.p.exec.failure = updateFailure(entry.op.recordId, outcome);
    }
  }
}

function updateFailure(recordId: string, outcome: unknown): unknown {
  const o = outcome as { status?: string; error?: unknown } | undefined;
  if (o?.status === "error") return new WriteRejectedError(`update of ${recordId}`, outcome as never);
  if (o?.status === "request_failed") return o.error;
  return new Error(`update of CRM record ${recordId} was not sent`);
}
