import { jqlDateTime } from "@kobik/jira-client";
import type { PreparedItem } from "@kobik/sync-core";
import { advance, type JiraCursor, pruneSeen, saveCursor } from "./cursors.js";
import { type PairWork, syncPairs } from "./link-sync.js";
import { jiraReadFields } from "./prepare.js";
import type { RunState } from "./run.js";
import { toJiraIssue } from "./snapshots.js";
import type { UserResolver } from "./users.js";

/** The JQL of an item's issues updated since `since` (minute precision, in the configured zone). */
export function itemJql(prepared: PreparedItem, since: Date | null, timeZone: string): string {
  const { jira } = prepared.item;
  const clauses = [`project = "${jira.projectKey}"`, `issuetype = "${jira.issueType.replace(/"/g, '\\"')}"`];
  if (jira.jql !== undefined) clauses.push(`(${jira.jql})`);
  if (since !== null) clauses.push(`updated >= "${jqlDateTime(since, timeZone)}"`);
  return `${clauses.join(" AND ")} ORDER BY updated ASC`;
}

/**
 * The Jira side of a cycle: issues updated since the cursor minus the overlap window (JQL has minute
 * precision), with the ids this run just wrote as `reconcileIssues` so eventual consistency cannot hide
 * them. Links already synced in this run are not synced twice, but the cursor moves past them. The
 * first cycle starts the feed at its own start: the CRM backfill has just synced every linked pair.
 */
export async function jiraPass(
  run: RunState,
  prepared: PreparedItem,
  cursor: JiraCursor,
  users: UserResolver,
  startedAt: Date,
): Promise<void> {
  const { ctx } = run;
  cursor.updatedSince ??= startedAt.toISOString();
  const since = new Date(Date.parse(cursor.updatedSince) - ctx.limits.jiraOverlapMs);
  const parked = cursor.parked.filter((id) => /^\d+$/.test(id));
  const base = itemJql(prepared, since, ctx.limits.jiraTimeZone);
  const jql =
    parked.length === 0
      ? base
      : `(${base.replace(/ ORDER BY.*$/, "")}) OR id in (${parked.join(", ")}) ORDER BY updated ASC`;
  const reconcile = [...run.writtenIssueIds].slice(-50);
  let held = false;
  const pages = ctx.jira.search.pages({
    jql,
    fields: jiraReadFields(prepared),
    maxResults: ctx.limits.jiraPageSize,
    ...(reconcile.length > 0 ? { reconcileIssues: reconcile } : {}),
  });
  for await (const page of pages) {
    const issues = page.issues.map(toJiraIssue);
    const pairs: PairWork[] = [];
    for (const jira of issues) {
      if (run.syncedIssueIds.has(jira.id)) continue;
      // Unchanged since the last run handled it: only re-read because of the overlap window.
      if (
        jira.updated !== undefined &&
        cursor.seen[jira.id] === jira.updated &&
        !cursor.parked.includes(jira.id)
      )
        continue;
      const link = await ctx.store.links.getByJiraIssue(run.itemId, jira.id);
      if (link !== null) pairs.push({ link, jira });
    }
    const outcomes = await syncPairs(run, prepared, pairs, users);
    const entries = issues.map((i) => ({
      id: i.id,
      time: i.updated ?? null,
      ok: outcomes.get(i.id) !== "failed",
    }));
    // A change in the current second may be followed by another with the same timestamp: not "seen".
    const settled = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
    for (const e of entries)
      if (e.ok && e.time !== null && Date.parse(e.time) < settled) cursor.seen[e.id] = e.time;
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
}

// Parked issues come back out of order: the cursor only ever moves forward.
function laterOf(current: string | null, next: string): string {
  if (current === null) return next;
  return Date.parse(next) > Date.parse(current) ? next : current;
}
