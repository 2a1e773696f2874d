import type { JiraIssueInput } from "@kobik/jira-client";
import type { CreateIntent } from "@kobik/storage";
import {
  type AutoCreatePlan,
  type CrmRecord,
  emptyLinkBase,
  type Link,
  type LinkBase,
  type PreparedItem,
  planAutoCreate,
} from "@kobik/sync-core";
import { asLeaseLoss, rethrowIfStop } from "./failures.js";
import { mapLimit } from "./pool.js";
import { emit } from "./progress.js";
import { type RunState, recordError, skip } from "./run.js";
import { resolveJiraUsers, type UserResolver } from "./users.js";

/** What happened to an unlinked CRM record: `failed` and `deferred` records are parked for the next run. */
export type CreateOutcome = "created" | "recovered" | "failed" | "deferred" | "skipped" | "planned";

type Ready = Extract<AutoCreatePlan, { ok: true }>;

interface ToCreate {
  readonly crm: CrmRecord;
  readonly plan: Ready;
}

/**
 * Auto-create, exactly once in effect. Per record: an intent keyed by sync-core's idempotency key is
 * recorded BEFORE the create, and the issue is created with the `kobik.link` property (the marker) in
 * the same call. A pending intent from an earlier run means that run may have created the issue and died
 * before saving the link, so the marker is searched first; only when it stays unfound past the settle
 * window (search is eventually consistent) is the issue created again.
 */
export async function autoCreate(
  run: RunState,
  prepared: PreparedItem,
  records: readonly CrmRecord[],
  users: UserResolver,
): Promise<Map<string, CreateOutcome>> {
  const outcomes = new Map<string, CreateOutcome>();
  const toCreate: ToCreate[] = [];
  for (const crm of records) {
    run.counts.examined += 1;
    const plan = planAutoCreate({ item: prepared, crm });
    if (!plan.ok) {
      skip(run, plan.reason);
      outcomes.set(crm.id, "skipped");
      continue;
    }
    if (run.mode === "dry-run") {
      run.creates.push({ crmRecordId: crm.id, plan });
      outcomes.set(crm.id, "planned");
      continue;
    }
    try {
      const decision = await decide(run, prepared, crm, plan);
      if (decision === "create") toCreate.push({ crm, plan });
      else outcomes.set(crm.id, decision);
    } catch (error) {
      rethrowIfStop(error, run.ctx.clock.now());
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
  }
  // Each chunk is one `POST /issue/bulk` under intents recorded above, so chunks are independent:
  // several in flight at once keep a backfill bound by latency / concurrency, not by latency alone.
  const chunks: ToCreate[][] = [];
  for (let i = 0; i < toCreate.length; i += 50) chunks.push(toCreate.slice(i, i + 50));
  await mapLimit(chunks, run.ctx.limits.createConcurrency, (chunk) =>
    createChunk(run, chunk, users, outcomes),
  );
  return outcomes;
}

async function decide(
  run: RunState,
  prepared: PreparedItem,
  crm: CrmRecord,
  plan: Ready,
): Promise<"create" | CreateOutcome> {
  const { store, clock } = run.ctx;
  const key = plan.operation.idempotencyKey;
  const existing = await store.intents.get(key);
  if (existing === null) {
    run.checkLease();
    const recorded = await store.intents.record({
      key,
      itemId: run.itemId,
      target: "jira",
      sourceId: crm.id,
      now: clock.now(),
    });
    if (recorded.outcome === "recorded") return "create";
    skip(run, "create-in-progress-elsewhere");
    return "deferred";
  }
  if (existing.state.status === "completed") {
    await linkRecovered(run, prepared, crm, existing.state.createdId);
    return "recovered";
  }
  if (existing.state.status === "abandoned") {
    skip(run, "create-abandoned");
    return "skipped";
  }
  return pendingIntent(run, prepared, crm, plan, existing);
}

async function pendingIntent(
  run: RunState,
  prepared: PreparedItem,
  crm: CrmRecord,
  plan: Ready,
  intent: CreateIntent,
): Promise<"create" | CreateOutcome> {
  const { jira, clock, store } = run.ctx;
  const jql = `project = "${prepared.item.jira.projectKey}" AND ${plan.operation.marker.jql}`;
  const page = await jira.search.page({ jql, fields: ["summary"], maxResults: 2 });
  const found = page.issues[0];
  if (found?.id !== undefined) {
    run.checkLease();
    await store.intents.complete({ key: intent.key, createdId: String(found.id), now: clock.now() });
    await linkRecovered(run, prepared, crm, String(found.id));
    run.ctx.log.info("sync.create-recovered", { itemId: run.itemId, record: crm.id, issue: found.key });
    return "recovered";
  }
  const age = clock.now().getTime() - Date.parse(intent.createdAt);
  if (age >= run.ctx.limits.createSettleMs) return "create";
  // Too early to tell "never created" from "not indexed yet": try again next run.
  skip(run, "create-pending-settle");
  return "deferred";
}

/** Saves the link of an issue created by an earlier run. An empty base lets CRM win the first sync. */
async function linkRecovered(
  run: RunState,
  prepared: PreparedItem,
  crm: CrmRecord,
  issueId: string,
): Promise<void> {
  const issue = await run.ctx.jira.issues.get(issueId, { fields: ["summary"] });
  await saveAutoLink(
    run,
    prepared.item.crm.module,
    crm,
    { id: String(issue.id), key: String(issue.key) },
    emptyLinkBase(),
  );
  run.writtenIssueIds.add(String(issue.id));
}

async function saveAutoLink(
  run: RunState,
  module: string,
  crm: CrmRecord,
  issue: { id: string; key: string },
  base: LinkBase,
): Promise<void> {
  const now = run.ctx.clock.now().toISOString();
  const link: Link = {
    itemId: run.itemId,
    jira: { issueId: issue.id, issueKey: issue.key },
    crm: { module, recordId: crm.id },
    origin: "auto",
    base,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const fence = run.fence();
  await run.ctx.store.links.save(link, { expectedVersion: 0, ...(fence === undefined ? {} : { fence }) });
  await run.ctx.store.audit.append({
    itemId: run.itemId,
    runId: run.id,
    action: "link.created",
    link: { jiraIssueId: issue.id, crmRecordId: crm.id },
    reason: `auto-created ${issue.key} for CRM record ${crm.id}`,
    changes: [],
    now: run.ctx.clock.now(),
  });
}

async function createChunk(
  run: RunState,
  chunk: readonly ToCreate[],
  users: UserResolver,
  outcomes: Map<string, CreateOutcome>,
): Promise<void> {
  const { ctx } = run;
  const inputs: JiraIssueInput[] = await Promise.all(
    chunk.map(async ({ plan }) => ({
      fields: await resolveJiraUsers(plan.operation.fields, plan.operation.userFields, users),
      properties: { [plan.operation.marker.propertyKey]: plan.operation.marker.value },
    })),
  );
  let results: Awaited<ReturnType<typeof ctx.jira.issues.bulkCreate>>;
  try {
    run.checkLease();
    results = await ctx.jira.issues.bulkCreate(inputs);
  } catch (error) {
    // The request may or may not have created issues: the intents stay pending, the markers decide next run.
    rethrowIfStop(error, ctx.clock.now());
    for (const { crm } of chunk) {
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
    emit(run, { kind: "issues-created", itemId: run.itemId, created: 0, failed: chunk.length });
    return;
  }
  const created = results.filter((r) => r?.ok === true).length;
  emit(run, { kind: "issues-created", itemId: run.itemId, created, failed: chunk.length - created });
  for (const [i, { crm, plan }] of chunk.entries()) {
    const result = results[i];
    if (result?.ok !== true) {
      const detail = result?.ok === false ? JSON.stringify(result.error.errors) : "no result";
      recordError(run, crm.id, new Error(`Jira refused the issue for CRM record ${crm.id}: ${detail}`));
      outcomes.set(crm.id, "failed");
      continue;
    }
    const issue = { id: String(result.issue.id), key: String(result.issue.key) };
    run.writtenIssueIds.add(issue.id);
    run.counts.created += 1;
    try {
      run.checkLease();
      await ctx.store.intents.complete({
        key: plan.operation.idempotencyKey,
        createdId: issue.id,
        now: ctx.clock.now(),
      });
      await saveAutoLink(run, plan.operation.marker.value.module, crm, issue, plan.nextBase);
      run.freshLinks.set(issue.id, crm);
      outcomes.set(crm.id, "created");
    } catch (error) {
      // The issue exists; the intent (pending or completed) and the marker let the next run link it.
      const lost = asLeaseLoss(error);
      if (lost !== undefined) throw lost;
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
  }
}
