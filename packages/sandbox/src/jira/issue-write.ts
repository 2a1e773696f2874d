import { isObject } from "../core/http.js";
import { ADF_MESSAGE, adfProblem, adfText } from "./adf.js";
import { emit } from "./events.js";
import type { ChangeItem, JiraIssue, JiraProject, JiraState } from "./state.js";
import { reindex } from "./views.js";

/** Longest summary Jira accepts. */
export const SUMMARY_MAX = 255;
/** Longest issue-property value, in characters of its JSON. */
export const PROPERTY_MAX = 32768;

export type FieldErrors = Record<string, string>;

const cannotSet = (id: string) =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

function userOf(state: JiraState, value: unknown): string | null | undefined {
  if (value === null) return null;
  const id = isObject(value) ? value.accountId : undefined;
  return typeof id === "string" && state.users.some((u) => u.accountId === id && u.active) ? id : undefined;
}

function checkField(state: JiraState, id: string, value: unknown): { value: unknown } | { error: string } {
  const field = state.fields.get(id);
  if (field === undefined || !field.settable) return { error: cannotSet(id) };
  if (value === null && id !== "summary") return { value: null };
  switch (field.kind) {
    case "string":
      if (typeof value !== "string") return { error: `Operation value must be a string` };
      if (id === "summary" && value.trim() === "")
        return { error: "You must specify a summary of the issue." };
      if (value.length > SUMMARY_MAX)
        return {
          error:
            id === "summary"
              ? "Summary must be less than 255 characters."
              : `${field.name} must be less than 255 characters.`,
        };
      if (id === "summary" && /[\r\n]/.test(value))
        return { error: "The summary is invalid because it contains newline characters." };
      return { value };
    case "adf":
      return adfProblem(value) === undefined ? { value } : { error: ADF_MESSAGE };
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? { value }
        : { error: "Operation value must be a number" };
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { value }
        : { error: `Error parsing date string: ${String(value)}` };
    case "labels":
      return Array.isArray(value) &&
        value.every((l) => typeof l === "string" && l !== "" && !/\s/.test(l) && l.length <= 255)
        ? { value: [...new Set(value as string[])] }
        : { error: "The label must not contain spaces and must be 1 to 255 characters." };
    case "user": {
      const user = userOf(state, value);
      return user === undefined
        ? { error: `Specified user does not exist or you do not have required permissions` }
        : { value: user };
    }
    case "priority": {
      const name = isObject(value) ? (value.name ?? state.priorities[Number(value.id) - 1]) : undefined;
      return typeof name === "string" && state.priorities.includes(name)
        ? { value: name }
        : { error: "Specify the Priority (id or name) in the proper format" };
    }
    case "option": {
      const v = isObject(value) ? value.value : undefined;
      return typeof v === "string" && (field.options ?? []).includes(v)
        ? { value: v }
        : { error: `Option value '${String(v)}' is not valid` };
    }
    case "system":
      return { error: cannotSet(id) };
  }
}

/** Validates `fields` of a create or edit; the set values, or Jira's per-field errors. */
export function checkFields(
  state: JiraState,
  fields: Record<string, unknown>,
  skip: readonly string[],
): { values: Record<string, unknown>; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [id, value] of Object.entries(fields)) {
    if (skip.includes(id)) continue;
    const checked = checkField(state, id, value);
    if ("error" in checked) errors[id] = checked.error;
    else values[id] = checked.value;
  }
  return { values, errors };
}

/** Applies `update: {labels: [{add: "x"}, {remove: "y"}], summary: [{set: "..."}]}` operations onto `fields`. */
export function applyUpdateOps(
  issue: JiraIssue | undefined,
  fields: Record<string, unknown>,
  update: unknown,
  errors: FieldErrors,
): Record<string, unknown> {
  if (!isObject(update)) return fields;
  const out = { ...fields };
  for (const [id, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) {
      errors[id] = "Operations must be an array";
      continue;
    }
    for (const op of ops) {
      if (!isObject(op)) continue;
      if ("set" in op) out[id] = op.set;
      else if (id === "labels" && ("add" in op || "remove" in op)) {
        const current =
          (out.labels as string[] | undefined) ?? (issue?.fields.labels as string[] | undefined) ?? [];
        out.labels = "add" in op ? [...current, op.add] : current.filter((l) => l !== op.remove);
      } else errors[id] = `Field '${id}' does not support operation '${Object.keys(op)[0] ?? "?"}'`;
    }
  }
  return out;
}

function display(state: JiraState, id: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (state.fields.get(id)?.kind === "adf") return adfText(value);
  if (Array.isArray(value)) return value.join(" ");
  return String(value);
}

/** Records a write: bumps `updated`, appends the changelog, re-indexes for search. */
export function touch(
  state: JiraState,
  issue: JiraIssue,
  actor: string,
  items: ChangeItem[],
): { id: string; items: ChangeItem[] } {
  issue.updated = Math.max(state.clock.now(), issue.updated);
  const history = { id: state.nextId(), author: actor, created: issue.updated, items };
  if (items.length > 0) issue.changelog.push(history);
  reindex(state, issue);
  return { id: history.id, items };
}

/** Edits fields with changelog and an `jira:issue_updated` webhook. */
export function editIssue(
  state: JiraState,
  issue: JiraIssue,
  values: Record<string, unknown>,
  actor: string,
): void {
  const items: ChangeItem[] = [];
  for (const [id, value] of Object.entries(values)) {
    const before = issue.fields[id] ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    const custom = id.startsWith("customfield_");
    items.push({
      field: custom ? (state.fields.get(id)?.name ?? id) : id,
      fieldtype: custom ? "custom" : "jira",
      fieldId: id,
      from: null,
      fromString: display(state, id, before),
      to: null,
      toString: display(state, id, value),
    });
    issue.fields[id] = value;
  }
  const changelog = touch(state, issue, actor, items);
  emit(state, { name: "jira:issue_updated", issue, actor, changelog });
}

/** Creates an issue (already validated) and announces it. */
export function createIssue(
  state: JiraState,
  project: JiraProject,
  issueTypeId: string,
  values: Record<string, unknown>,
  actor: string,
): JiraIssue {
  project.counter += 1;
  const now = state.clock.now();
  const initial = state.statuses[0]!;
  const issue: JiraIssue = {
    id: state.nextId(),
    key: `${project.key}-${project.counter}`,
    projectId: project.id,
    issueTypeId,
    statusId: initial.id,
    created: now,
    updated: now,
    creator: actor,
    fields: { labels: [], reporter: actor, assignee: null, priority: "Medium", ...values },
    properties: new Map(),
    comments: [],
    attachments: [],
    changelog: [],
    writes: [],
    indexed: undefined,
    pending: undefined,
  };
  state.issues.set(issue.id, issue);
  state.keys.set(issue.key, issue.id);
  reindex(state, issue);
  return issue;
}

/** Moves an issue to another status via a transition. */
export function transitionIssue(state: JiraState, issue: JiraIssue, toStatusId: string, actor: string): void {
  const from = state.statuses.find((s) => s.id === issue.statusId)!;
  const to = state.statuses.find((s) => s.id === toStatusId)!;
  issue.statusId = to.id;
  const items: ChangeItem[] = [
    {
      field: "status",
      fieldtype: "jira",
      fieldId: "status",
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    },
  ];
  const changelog = touch(state, issue, actor, items);
  emit(state, { name: "jira:issue_updated", issue, actor, changelog });
}

/** Transitions available from the issue's current status. */
export function availableTransitions(state: JiraState, issue: JiraIssue) {
  return state.transitions.filter(
    (t) => t.to !== issue.statusId && (t.from === "any" || t.from.includes(issue.statusId)),
  );
}

/** Resolves `{id}` or `{key}` of a project, `{id}` or `{name}` of an issue type. */
export function resolveProject(state: JiraState, value: unknown): JiraProject | undefined {
  if (!isObject(value)) return undefined;
  return state.projects.find((p) => p.id === value.id || p.key === value.key);
}

/** Per-issue write limits: 20 writes / 2 s and 100 writes / 30 s; returns seconds to wait, or 0. */
export function writeDelay(state: JiraState, issue: JiraIssue): number {
  const now = state.clock.now();
  issue.writes = issue.writes.filter((t) => t > now - 30_000);
  const recent = issue.writes.filter((t) => t > now - 2_000);
  if (recent.length >= 20) return Math.max(1, Math.ceil((recent[0]! + 2_000 - now) / 1000));
  if (issue.writes.length >= 100) return Math.max(1, Math.ceil((issue.writes[0]! + 30_000 - now) / 1000));
  issue.writes.push(now);
  return 0;
}
