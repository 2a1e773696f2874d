import type { JiraIssue, JiraState, SearchView } from "./state.js";

/** The searchable projection of an issue as it is now. */
export function searchView(issue: JiraIssue): SearchView {
  return {
    id: issue.id,
    key: issue.key,
    projectId: issue.projectId,
    issueTypeId: issue.issueTypeId,
    statusId: issue.statusId,
    created: issue.created,
    updated: issue.updated,
    summary: String(issue.fields.summary ?? ""),
    labels: (issue.fields.labels as string[] | undefined) ?? [],
    assignee: (issue.fields.assignee as string | null | undefined) ?? null,
    reporter: (issue.fields.reporter as string | null | undefined) ?? null,
    properties: new Map(issue.properties),
  };
}

/**
 * Re-indexes an issue after a write. With a search lag, search keeps seeing the previous view
 * until the lag has passed (the enhanced search is eventually consistent).
 */
export function reindex(state: JiraState, issue: JiraIssue): void {
  const view = searchView(issue);
  if (state.searchLagMs <= 0) {
    issue.indexed = view;
    issue.pending = undefined;
    return;
  }
  issue.pending = { view, dueAt: state.clock.now() + state.searchLagMs };
}

/** What search sees of an issue now; `undefined` while a new issue is not indexed yet. */
export function visibleView(state: JiraState, issue: JiraIssue, reconcile: boolean): SearchView | undefined {
  if (reconcile) return searchView(issue);
  if (issue.pending !== undefined && issue.pending.dueAt <= state.clock.now()) {
    issue.indexed = issue.pending.view;
    issue.pending = undefined;
  }
  return issue.indexed;
}
