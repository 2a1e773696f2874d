import { jqlDateTime } from "@kobik/jira-client";
import type { JiraIssue, Link, PreparedItem } from "@kobik/sync-core";
import { advance, type JiraCursor, pruneSeen, saveCursor } from "./cursors.js";
import { readStamps, unchangedSinceSync } from "./jira-stamps.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import { jiraReadFields } from "./prepare.js";
import { emit } from "./progress.js";
import type { RunState } from "./run.js";
import { fetchJiraIssues } from "./snapshots.js";
import type { UserResolver } from "./users.js";

/** The JQL of an item's issues updated since `since` (minute precision, in the configured zone). */
export function itemJql(
  prepared: PreparedItem,
  since: Date | null,
  timeZone: string,
  floorMinutes?: number,
): string {
  const { jira } = prepared.item;
  const clauses = [`project = "${jira.projectKey}"`, `issuetype = "${jira.issueType.replace(/"/g, '\\"')}"`];
  if (jira.jql !== undefined) clauses.push(`(${jira.jql})`);
  if (since !== null) clauses.push(`updated >= "${jqlDateTime(since, timeZone)}"`);
  if (floorMinutes !== undefined) clauses.push(`updated >= -${floorMinutes}m`);
  return `${clauses.join(" AND ")} ORDER BY updated ASC`;
}

// An ids-only search page holds up to 5000 issues (100 once fields are asked for).
const ID_PAGE_SIZE = 5000;

/**
 * The feed's query: issues updated since the cursor minus the overlap window, no further back than the
 * overlap before the last complete pass started (a relative date, so Jira's clock measures it), with
 * parked issue ids OR-ed in.
 */
function feedJql(run: RunState, prepared: PreparedItem, cursor: JiraCursor, startedAt: Date): string {
  const { limits } = run.ctx;
  const since = new Date(Date.parse(cursor.updatedSince ?? startedAt.toISOString()) - limits.jiraOverlapMs);
  const elapsed = cursor.lastPassAt === null ? -1 : startedAt.getTime() - Date.parse(cursor.lastPassAt);
  const floor = elapsed < 0 ? undefined : Math.ceil((elapsed + limits.jiraOverlapMs) / 60_000);
  const base = itemJql(prepared, since, limits.jiraTimeZone, floor);
  const parked = cursor.parked.filter((id) => /^\d+$/.test(id));
  return parked.length === 0
    ? base
    : `(${base.replace(/ ORDER BY.*$/, "")}) OR id in (${parked.join(", ")}) ORDER BY updated ASC`;
}

/**
 * The Jira side of a cycle, in three reads of falling size: ids of issues updated since the cursor
 * (5000 per page; the ids this run wrote as `reconcileIssues` so eventual consistency cannot hide them),
 * then `updated`/`created` of the ones this run has not synced yet, then full fields only of linked
 * issues that changed since their last sync. Re-reads of the overlap window therefore cost a few cheap
 * searches, never a sync per issue. The first cycle starts the feed at its own start: the CRM backfill
 * has just synced every linked pair.
 */
export async function jiraPass(
  run: RunState,
  prepared: PreparedItem,
  cursor: JiraCursor,
  users: UserResolver,
  startedAt: Date,
): Promise<void> {
  const { ctx } = run;
  const jql = feedJql(run, prepared, cursor, startedAt);
  cursor.updatedSince ??= startedAt.toISOString();
  const reconcile = [...run.writtenIssueIds].slice(-50);
  let held = false;
  const pages = ctx.jira.search.pages({
    jql,
    maxResults: ID_PAGE_SIZE,
    ...(reconcile.length > 0 ? { reconcileIssues: reconcile } : {}),
  });
  for await (const page of pages) {
    const ids = page.issues.map((i) => String(i.id));
    emit(run, { kind: "jira-page-read", itemId: run.itemId, issues: ids.length });
    const entries = await handlePage(run, prepared, cursor, ids, users);
    // A change in the current second may be followed by another with the same timestamp: not "seen".
    const settled = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
    for (const e of entries)
      if (e.ok && e.seen !== null && Date.parse(e.seen) < settled) cursor.seen[e.id] = e.seen;
    held = advance(
      cursor,
      entries,
      ctx.limits.maxParked,
      (t) => (cursor.updatedSince = laterOf(cursor.updatedSince, t)),
      held,
    );
    cursor.seen = pruneSeen(cursor.seen, cursor.updatedSince, ctx.limits.jiraOverlapMs + 60_000);
    await saveCursor(run, "jira", cursor);
  }
  // A held cursor means an issue was neither handled nor parked: the next pass must reach back to it.
  cursor.lastPassAt = held ? null : startedAt.toISOString();
  await saveCursor(run, "jira", cursor);
}

interface Entry {
  readonly id: string;
  /** The `updated` the feed ordered by (moves the cursor). */
  readonly time: string | null;
  /** The `updated` the issue had when handled. */
  readonly seen: string | null;
  readonly ok: boolean;
}

/** One feed page: skips what is known unchanged, fully reads and syncs the rest. */
async function handlePage(
  run: RunState,
  prepared: PreparedItem,
  cursor: JiraCursor,
  ids: readonly string[],
  users: UserResolver,
): Promise<Entry[]> {
  const { ctx } = run;
  // Links synced earlier in this run need nothing more, and their `updated` is not needed either.
  const unsynced = ids.filter((id) => !run.syncedIssueIds.has(id));
  const stamps = await readStamps(ctx, unsynced, ctx.limits.readConcurrency);
  const changed = new Map<string, Link>();
  for (const id of unsynced) {
    const stamp = stamps.get(id);
    if (stamp === undefined) continue;
    const parked = cursor.parked.includes(id);
    if (!parked && stamp.updated !== null && cursor.seen[id] === stamp.updated) continue;
    const link = await ctx.store.links.getByJiraIssue(run.itemId, id);
    if (link !== null && (parked || !unchangedSinceSync(link, stamp, cursor.seen))) changed.set(id, link);
  }
  const full =
    changed.size === 0
      ? new Map<string, JiraIssue>()
      : await fetchJiraIssues(ctx, [...changed.keys()], jiraReadFields(prepared));
  const pairs: PairWork[] = [];
  for (const [id, link] of changed) {
    const jira = full.get(id);
    if (jira !== undefined) pairs.push({ link, jira });
  }
  const outcomes = await syncPairs(run, prepared, pairs, users);
  return ids.map((id) => {
    const time = stamps.get(id)?.updated ?? null;
    const seen = full.get(id)?.updated ?? time;
    return { id, time, seen, ok: outcomes.get(id) !== "failed" };
  });
}

// Parked issues come back out of order: the cursor only ever moves forward.
function laterOf(current: string | null, next: string): string {
  if (current === null) return next;
  return Date.parse(next) > Date.parse(current) ? next : current;
}
