import { json } from "../core/http.js";
import { authenticate, READ } from "./auth.js";
import type { JiraRequestCtx } from "./context.js";
import { jiraError } from "./errors.js";
import { statusJson, userJson } from "./render.js";
import type { JiraField, JiraIssueType, JiraProject, JiraState } from "./state.js";

const SCHEMA: Record<string, Record<string, unknown>> = {
  string: { type: "string" },
  adf: { type: "string" },
  number: { type: "number" },
  date: { type: "date" },
  labels: { type: "array", items: "string" },
  user: { type: "user" },
  priority: { type: "priority" },
  option: { type: "option" },
};

function fieldJson(f: JiraField): Record<string, unknown> {
  const schema = f.custom
    ? {
        ...(SCHEMA[f.kind] ?? { type: "any" }),
        custom: `com.atlassian.jira.plugin.system.customfieldtypes:${f.schemaType}`,
        customId: Number(f.id.replace("customfield_", "")),
      }
    : { ...(SCHEMA[f.kind] ?? { type: f.schemaType }), system: f.id };
  return {
    id: f.id,
    key: f.id,
    name: f.name,
    custom: f.custom,
    orderable: f.settable,
    navigable: true,
    searchable: true,
    clauseNames: f.custom ? [`cf[${f.id.slice(12)}]`, f.name] : [f.id],
    schema,
  };
}

function typeJson(base: string, t: JiraIssueType): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    name: t.name,
    description: "",
    subtask: t.subtask,
    hierarchyLevel: t.hierarchyLevel,
    untranslatedName: t.name,
  };
}

function projectJson(state: JiraState, base: string, p: JiraProject): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: "software",
    simplified: false,
    style: "classic",
    isPrivate: false,
    issueTypes: state.issueTypes.filter((t) => p.issueTypeIds.includes(t.id)).map((t) => typeJson(base, t)),
  };
}

const read = (request: Request, ctx: JiraRequestCtx) => authenticate(request, ctx, READ);

/** GET /rest/api/3/field */
export async function getFields(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  return caller instanceof Response ? caller : json(200, [...ctx.state.fields.values()].map(fieldJson));
}

/** GET /rest/api/3/project/search: maxResults capped at 100. */
export async function searchProjects(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  if (caller instanceof Response) return caller;
  const q = ctx.url.searchParams;
  const startAt = Number(q.get("startAt") ?? 0);
  const maxResults = Math.min(Number(q.get("maxResults") ?? 50), 100);
  const keys = q.getAll("keys").flatMap((k) => k.split(","));
  const query = (q.get("query") ?? "").toLowerCase();
  const all = ctx.state.projects.filter(
    (p) =>
      (keys.length === 0 || keys.includes(p.key)) &&
      (query === "" || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)),
  );
  const values = all.slice(startAt, startAt + maxResults).map((p) => projectJson(ctx.state, ctx.base, p));
  return json(200, {
    self: ctx.url.href,
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + maxResults >= all.length,
    values,
  });
}

function projectOf(ctx: JiraRequestCtx): JiraProject | undefined {
  const ref = ctx.params.project ?? "";
  return ctx.state.projects.find((p) => p.id === ref || p.key === ref);
}

const noProject = (ctx: JiraRequestCtx) =>
  jiraError(404, [`No project could be found with key '${ctx.params.project ?? ""}'.`]);

/** GET /rest/api/3/project/{project} (keys are case-sensitive) */
export async function getProject(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  if (caller instanceof Response) return caller;
  const p = projectOf(ctx);
  return p === undefined ? noProject(ctx) : json(200, projectJson(ctx.state, ctx.base, p));
}

/** GET /rest/api/3/project/{project}/statuses */
export async function projectStatuses(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  if (caller instanceof Response) return caller;
  const p = projectOf(ctx);
  if (p === undefined) return noProject(ctx);
  const statuses = ctx.state.statuses.map((s) => statusJson(ctx.base, s));
  return json(
    200,
    ctx.state.issueTypes
      .filter((t) => p.issueTypeIds.includes(t.id))
      .map((t) => ({
        self: `${ctx.base}/rest/api/3/issuetype/${t.id}`,
        id: t.id,
        name: t.name,
        subtask: t.subtask,
        statuses,
      })),
  );
}

/** GET /rest/api/3/issuetype */
export async function issueTypes(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  return caller instanceof Response
    ? caller
    : json(
        200,
        ctx.state.issueTypes.map((t) => typeJson(ctx.base, t)),
      );
}

/** GET /rest/api/3/status */
export async function statuses(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  return caller instanceof Response
    ? caller
    : json(
        200,
        ctx.state.statuses.map((s) => statusJson(ctx.base, s)),
      );
}

/** GET /rest/api/3/statuses/search */
export async function searchStatuses(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  if (caller instanceof Response) return caller;
  const category = { new: "TODO", indeterminate: "IN_PROGRESS", done: "DONE" } as const;
  const values = ctx.state.statuses.map((s) => ({
    id: s.id,
    name: s.name,
    statusCategory: category[s.category],
    scope: { type: "GLOBAL" },
    description: "",
  }));
  return json(200, {
    self: ctx.url.href,
    startAt: 0,
    maxResults: 200,
    total: values.length,
    isLast: true,
    values,
  });
}

/** GET /rest/api/3/priority */
export async function priorities(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  return caller instanceof Response
    ? caller
    : json(
        200,
        ctx.state.priorities.map((name, i) => ({
          self: `${ctx.base}/rest/api/3/priority/${i + 1}`,
          id: String(i + 1),
          name,
        })),
      );
}

function createmetaField(state: JiraState, f: JiraField): Record<string, unknown> {
  const required = f.id === "summary" || f.id === "issuetype" || f.id === "project";
  const out: Record<string, unknown> = {
    required,
    schema: fieldJson(f).schema,
    name: f.name,
    key: f.id,
    fieldId: f.id,
    hasDefaultValue: f.id === "priority",
    operations: f.kind === "labels" ? ["add", "set", "remove"] : ["set"],
  };
  if (f.kind === "option")
    out.allowedValues = (f.options ?? []).map((v, i) => ({ value: v, id: String(10100 + i) }));
  if (f.kind === "priority")
    out.allowedValues = state.priorities.map((name, i) => ({ id: String(i + 1), name }));
  return out;
}

/** GET /issue/createmeta/{project}/issuetypes and /issuetypes/{type}: paged, maxResults <= 200. */
export async function createmeta(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = read(request, ctx);
  if (caller instanceof Response) return caller;
  const p = projectOf(ctx);
  if (p === undefined) return noProject(ctx);
  const startAt = Number(ctx.url.searchParams.get("startAt") ?? 0);
  const maxResults = Math.min(Number(ctx.url.searchParams.get("maxResults") ?? 50), 200);
  if (ctx.params.type === undefined) {
    const all = ctx.state.issueTypes
      .filter((t) => p.issueTypeIds.includes(t.id))
      .map((t) => typeJson(ctx.base, t));
    return json(200, {
      issueTypes: all.slice(startAt, startAt + maxResults),
      maxResults,
      startAt,
      total: all.length,
    });
  }
  if (!p.issueTypeIds.includes(ctx.params.type))
    return jiraError(404, [
      `Issue type with id '${ctx.params.type}' does not exist or is not available in this project.`,
    ]);
  const all = [...ctx.state.fields.values()]
    .filter((f) => f.settable || f.id === "project" || f.id === "issuetype")
    .map((f) => createmetaField(ctx.state, f));
  return json(200, {
    fields: all.slice(startAt, startAt + maxResults),
    maxResults,
    startAt,
    total: all.length,
  });
}

/** GET /rest/api/3/user/search?query= (prefix on name or email) and /users/search (all). */
export async function searchUsers(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, ["read:jira-user", "read:jira-work"]);
  if (caller instanceof Response) return caller;
  const q = ctx.url.searchParams;
  const query = (q.get("query") ?? "").toLowerCase();
  const accountId = q.get("accountId");
  if (ctx.route === "users.find" && query === "" && accountId === null)
    return jiraError(400, ["One of 'query' or 'accountId' parameters must be provided."]);
  const words = (s: string) => s.toLowerCase().split(/\s+/);
  const users = ctx.state.users.filter(
    (u) =>
      (accountId === null || u.accountId === accountId) &&
      (query === "" ||
        u.email.toLowerCase().startsWith(query) ||
        words(u.displayName).some((w) => w.startsWith(query))),
  );
  const startAt = Number(q.get("startAt") ?? 0);
  const maxResults = Math.min(Number(q.get("maxResults") ?? 50), 1000);
  return json(
    200,
    users.slice(startAt, startAt + maxResults).map((u) => userJson(ctx.base, u)),
  );
}

/** GET /rest/api/3/myself */
export async function myself(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, []);
  return caller instanceof Response
    ? caller
    : json(200, userJson(ctx.base, caller.user), { "x-aaccountid": caller.user.accountId });
}

/** GET /rest/api/3/serverInfo */
export async function serverInfo(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, []);
  if (caller instanceof Response) return caller;
  return json(200, {
    baseUrl: ctx.base,
    version: "1001.0.0-SNAPSHOT",
    versionNumbers: [1001, 0, 0],
    deploymentType: "Cloud",
    buildNumber: 100_000,
    serverTitle: "Kobik Sandbox Jira",
  });
}
