import type { JiraIssueInput } from "@kobik/jira-client";
import { type AppendAuditInput, type CreateIntent, MAX_BATCH_SIZE } from "@kobik/storage";
import {
  type AutoCreatePlan,
  type CrmRecord,
  emptyLinkBase,
  type PreparedItem,
  planAutoCreate,
} from "@kobik/sync-core";
import { type AutoLink, saveAutoLinks } from "./auto-links.js";
import { asLeaseLoss, rethrowIfStop } from "./failures.js";
import { mapLimit } from "./pool.js";
import { emit } from "./progress.js";
import { type RunState, recordError, skip } from "./run.js";
import { reportUnknownUsers, resolveCreateUsers, type UserResolver } from "./users.js";

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
 *
 * Store access is batched: the page's intents are read with one `intents.getMany`, its new intents
 * recorded with one `intents.recordMany` (committed before any create call), and each bulk-create
 * chunk settled with one `links.saveMany` whose entries also complete the intents and append the
 * events: one store transaction per 50 records.
 */
export async function autoCreate(
  run: RunState,
  prepared: PreparedItem,
  records: readonly CrmRecord[],
  users: UserResolver,
): Promise<Map<string, CreateOutcome>> {
  const outcomes = new Map<string, CreateOutcome>();
  const planned: ToCreate[] = [];
  for (const crm of records) {
    run.counts.examined += 1;
    const plan = planAutoCreate({ item: prepared, crm });
    if (!plan.ok) {
      skip(run, plan.reason);
      outcomes.set(crm.id, "skipped");
    } else if (run.mode === "dry-run") {
      run.creates.push({ crmRecordId: crm.id, plan });
      outcomes.set(crm.id, "planned");
    } else planned.push({ crm, plan });
  }
  const toCreate: ToCreate[] = [];
  const toRecord: ToCreate[] = [];
  const intents = await readIntents(run, planned, outcomes);
  for (const [i, { crm, plan }] of planned.entries()) {
    const existing = intents[i];
    if (existing === undefined) continue;
    try {
      const decision = await decide(run, prepared, crm, plan, existing);
      if (decision === "create") toCreate.push({ crm, plan });
      else if (decision === "record") toRecord.push({ crm, plan });
      else outcomes.set(crm.id, decision);
    } catch (error) {
      rethrowIfStop(error, run.ctx.clock.now());
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
  }
  for (let i = 0; i < toRecord.length; i += MAX_BATCH_SIZE)
    toCreate.push(...(await recordIntents(run, toRecord.slice(i, i + MAX_BATCH_SIZE), outcomes)));
  // Each chunk is one `POST /issue/bulk` under intents recorded above, so chunks are independent:
  // several in flight at once keep a backfill bound by latency / concurrency, not by latency alone.
  const chunks: ToCreate[][] = [];
  for (let i = 0; i < toCreate.length; i += 50) chunks.push(toCreate.slice(i, i + 50));
  await mapLimit(chunks, run.ctx.limits.createConcurrency, (chunk) =>
    createChunk(run, chunk, users, outcomes),
  );
  return outcomes;
}

/**
 * The stored intents of `planned`, aligned with it: one store read per `MAX_BATCH_SIZE` records. A
 * failed read fails its records (`undefined` entries); a stop (lease lost) is rethrown.
 */
async function readIntents(
  run: RunState,
  planned: readonly ToCreate[],
  outcomes: Map<string, CreateOutcome>,
): Promise<(CreateIntent | null | undefined)[]> {
  const intents: (CreateIntent | null | undefined)[] = [];
  for (let i = 0; i < planned.length; i += MAX_BATCH_SIZE) {
    const batch = planned.slice(i, i + MAX_BATCH_SIZE);
    try {
      intents.push(
        ...(await run.ctx.store.intents.getMany(batch.map((p) => p.plan.operation.idempotencyKey))),
      );
    } catch (error) {
      rethrowIfStop(error, run.ctx.clock.now());
      for (const { crm } of batch) {
        recordError(run, crm.id, error);
        outcomes.set(crm.id, "failed");
      }
      intents.push(...batch.map(() => undefined));
    }
  }
  return intents;
}

async function decide(
  run: RunState,
  prepared: PreparedItem,
  crm: CrmRecord,
  plan: Ready,
  existing: CreateIntent | null,
): Promise<"record" | "create" | CreateOutcome> {
  // A new record: its intent is recorded with the page's others before any create call.
  if (existing === null) return "record";
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
  const { jira, clock } = run.ctx;
  const jql = `project = "${prepared.item.jira.projectKey}" AND ${plan.operation.marker.jql}`;
  const page = await jira.search.page({ jql, fields: ["summary"], maxResults: 2 });
  const found = page.issues[0];
  if (found?.id !== undefined) {
    await linkRecovered(run, prepared, crm, String(found.id), intent.key);
    run.ctx.log.info("sync.create-recovered", { itemId: run.itemId, record: crm.id, issue: found.key });
    return "recovered";
  }
  const age = clock.now().getTime() - Date.parse(intent.createdAt);
  if (age >= run.ctx.limits.createSettleMs) return "create";
  // Too early to tell "never created" from "not indexed yet": try again next run.
  skip(run, "create-pending-settle");
  return "deferred";
}

/**
 * Records the intents of records never seen before, in one store transaction. Only the `"recorded"`
 * ones are created: `"exists"` means another process recorded the key since `decide` read it.
 */
async function recordIntents(
  run: RunState,
  fresh: readonly ToCreate[],
  outcomes: Map<string, CreateOutcome>,
): Promise<ToCreate[]> {
  const { store, clock } = run.ctx;
  try {
    run.checkLease();
    const results = await store.intents.recordMany(
      fresh.map(({ crm, plan }) => ({
        key: plan.operation.idempotencyKey,
        itemId: run.itemId,
        target: "jira" as const,
        sourceId: crm.id,
        now: clock.now(),
      })),
    );
    return fresh.filter(({ crm }, i) => {
      if (results[i]?.outcome === "recorded") return true;
      skip(run, "create-in-progress-elsewhere");
      outcomes.set(crm.id, "deferred");
      return false;
    });
  } catch (error) {
    rethrowIfStop(error, clock.now());
    for (const { crm } of fresh) {
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
    return [];
  }
}

/**
 * Saves the link of an issue created by an earlier run, completing its still-pending intent
 * (`intentKey`) in the same store step. An empty base lets CRM win the first sync.
 */
async function linkRecovered(
  run: RunState,
  prepared: PreparedItem,
  crm: CrmRecord,
  issueId: string,
  intentKey?: string,
): Promise<void> {
  const issue = await run.ctx.jira.issues.get(issueId, { fields: ["summary"] });
  run.checkLease();
  const [saved] = await saveAutoLinks(run, [
    {
      module: prepared.item.crm.module,
      crm,
      issue: { id: String(issue.id), key: String(issue.key) },
      base: emptyLinkBase(),
      ...(intentKey === undefined ? {} : { intentKey }),
    },
  ]);
  if (saved?.ok === false) throw saved.error;
  run.writtenIssueIds.add(String(issue.id));
}

async function createChunk(
  run: RunState,
  chunk: readonly ToCreate[],
  users: UserResolver,
  outcomes: Map<string, CreateOutcome>,
): Promise<void> {
  const { ctx } = run;
  // A user email with no Jira account is left out of the create and out of the base, never set to null.
  const resolved = await Promise.all(
    chunk.map(({ plan }) => resolveCreateUsers(plan.operation, plan.nextBase, users)),
  );
  const inputs: JiraIssueInput[] = chunk.map(({ plan }, i) => ({
    fields: resolved[i]!.fields,
    properties: { [plan.operation.marker.propertyKey]: plan.operation.marker.value },
  }));
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
  const made: AutoLink[] = [];
  const unknownUsers: AppendAuditInput[] = [];
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
    const { idempotencyKey: key, marker } = plan.operation;
    const { base, unknown } = resolved[i]!;
    made.push({ intentKey: key, module: marker.value.module, crm, issue, base });
    if (unknown.length > 0) {
      const ref = { jiraIssueId: issue.id, jiraIssueKey: issue.key, crmRecordId: crm.id };
      unknownUsers.push(...reportUnknownUsers(run, ref, unknown));
    }
  }
  try {
    await linkCreated(run, made, outcomes);
    if (unknownUsers.length > 0) await ctx.store.audit.appendMany(unknownUsers);
  } catch (error) {
    // The issues exist; their intents (pending or completed) and markers let the next run link them.
    const lost = asLeaseLoss(error);
    if (lost !== undefined) throw lost;
    for (const { crm } of made) {
      if (outcomes.has(crm.id)) continue;
      recordError(run, crm.id, error);
      outcomes.set(crm.id, "failed");
    }
  }
}

/**
 * Saves the links of a chunk's created issues in one store step that also completes their intents
 * and appends their events: never a link without its completed intent, and a crash before the step
 * leaves pending intents whose markers the next run finds.
 */
async function linkCreated(
  run: RunState,
  made: readonly AutoLink[],
  outcomes: Map<string, CreateOutcome>,
): Promise<void> {
  if (made.length === 0) return;
  run.checkLease();
  const saved = await saveAutoLinks(run, made);
  for (const [i, m] of made.entries()) {
    const result = saved[i];
    if (result?.ok === true) {
      run.freshLinks.set(m.issue.id, m.crm);
      outcomes.set(m.crm.id, "created");
    } else {
      recordError(run, m.crm.id, result?.error ?? new Error(`link of ${m.issue.key} was not saved`));
      outcomes.set(m.crm.id, "failed");
    }
  }
}
