import type { JiraComment, JiraIssue, JiraState, JiraStatus, JiraUser } from "./state.js";
import { formatJiraTime } from "./time.js";

const CATEGORY = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
} as const;

/** A user as Jira renders it in fields and comments. */
export function userJson(base: string, user: JiraUser | undefined): Record<string, unknown> | null {
  if (user === undefined) return null;
  return {
    self: `${base}/rest/api/3/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    emailAddress: user.email,
    displayName: user.displayName,
    active: user.active,
    timeZone: "Etc/UTC",
    accountType: "atlassian",
  };
}

export function userById(state: JiraState, base: string, id: unknown): Record<string, unknown> | null {
  return typeof id === "string"
    ? userJson(
        base,
        state.users.find((u) => u.accountId === id),
      )
    : null;
}

export function statusJson(base: string, status: JiraStatus): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: "",
    iconUrl: "",
    name: status.name,
    id: status.id,
    statusCategory: CATEGORY[status.category],
  };
}

export function commentJson(
  state: JiraState,
  base: string,
  issue: JiraIssue,
  c: JiraComment,
): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: userById(state, base, c.author),
    body: c.body,
    updateAuthor: userById(state, base, c.updateAuthor),
    created: formatJiraTime(c.created, state.offsetMinutes),
    updated: formatJiraTime(c.updated, state.offsetMinutes),
    jsdPublic: true,
  };
}

export function attachmentJson(
  state: JiraState,
  base: string,
  id: string,
): Record<string, unknown> | undefined {
  const a = state.attachments.get(id);
  if (a === undefined) return undefined;
  return {
    self: `${base}/rest/api/3/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    author: userById(state, base, a.author),
    created: formatJiraTime(a.created, state.offsetMinutes),
    size: a.content.byteLength,
    mimeType: a.mimeType,
    content: `${base}/rest/api/3/attachment/content/${a.id}`,
  };
}

function fieldValue(state: JiraState, base: string, issue: JiraIssue, id: string): unknown {
  const tz = state.offsetMinutes;
  switch (id) {
    case "summary":
      return issue.fields.summary ?? null;
    case "status":
      return statusJson(base, state.statuses.find((s) => s.id === issue.statusId)!);
    case "issuetype": {
      const t = state.issueTypes.find((x) => x.id === issue.issueTypeId)!;
      return {
        self: `${base}/rest/api/3/issuetype/${t.id}`,
        id: t.id,
        name: t.name,
        subtask: t.subtask,
        hierarchyLevel: t.hierarchyLevel,
      };
    }
    case "project": {
      const p = state.projects.find((x) => x.id === issue.projectId)!;
      return {
        self: `${base}/rest/api/3/project/${p.id}`,
        id: p.id,
        key: p.key,
        name: p.name,
        projectTypeKey: "software",
        simplified: false,
      };
    }
    case "created":
      return formatJiraTime(issue.created, tz);
    case "updated":
      return formatJiraTime(issue.updated, tz);
    case "creator":
      return userById(state, base, issue.creator);
    case "assignee":
    case "reporter":
      return userById(state, base, issue.fields[id]);
    case "priority": {
      const name = issue.fields.priority;
      return typeof name === "string"
        ? {
            self: `${base}/rest/api/3/priority/${state.priorities.indexOf(name) + 1}`,
            id: String(state.priorities.indexOf(name) + 1),
            name,
          }
        : null;
    }
    case "resolution": {
      const done = state.statuses.find((s) => s.id === issue.statusId)?.category === "done";
      return done ? { self: `${base}/rest/api/3/resolution/10000`, id: "10000", name: "Done" } : null;
    }
    case "comment": {
      const comments = issue.comments.map((c) => commentJson(state, base, issue, c));
      return {
        comments,
        self: `${base}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    }
    case "attachment":
      return issue.attachments.map((a) => attachmentJson(state, base, a)).filter((a) => a !== undefined);
    case "labels":
      return issue.fields.labels ?? [];
    default: {
      const field = state.fields.get(id);
      const raw = issue.fields[id] ?? null;
      return field?.kind === "option" && typeof raw === "string"
        ? { value: raw, id: String((field.options ?? []).indexOf(raw) + 10100) }
        : raw;
    }
  }
}

/** Which fields a request selects: `*all`, `*navigable`, a list, with `-x` exclusions. */
export function selectFields(state: JiraState, spec: readonly string[] | undefined): string[] {
  const all = [...state.fields.keys()];
  if (spec === undefined || spec.length === 0) return all;
  const out = new Set<string>();
  for (const item of spec) {
    if (item === "*all" || item === "*navigable") for (const f of all) out.add(f);
    else if (!item.startsWith("-") && state.fields.has(item)) out.add(item);
  }
  for (const item of spec) if (item.startsWith("-")) out.delete(item.slice(1));
  return [...out];
}

/** Renders an issue with the selected fields and, optionally, properties. */
export function issueJson(
  state: JiraState,
  base: string,
  issue: JiraIssue,
  fields: readonly string[],
  properties: readonly string[] = [],
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const id of fields) rendered[id] = fieldValue(state, base, issue, id);
  const out: Record<string, unknown> = {
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: rendered,
  };
  if (properties.length > 0) {
    const wanted = properties.includes("*all") ? [...issue.properties.keys()] : properties;
    out.properties = Object.fromEntries(
      wanted.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]),
    );
  }
  return out;
}
