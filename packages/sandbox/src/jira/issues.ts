import { empty, isObject, json, readJson } from "../core/http.js";
import { authenticate, type JiraCaller, READ, writer } from "./auth.js";
import type { JiraRequestCtx } from "./context.js";
import { issueNotFound, jiraError } from "./errors.js";
import { emit } from "./events.js";
import {
  applyUpdateOps,
  availableTransitions,
  checkFields,
  createIssue,
  editIssue,
  type FieldErrors,
  PROPERTY_MAX,
  resolveProject,
  transitionIssue,
  writeDelay,
} from "./issue-write.js";
import { issueJson, selectFields, statusJson } from "./render.js";
import type { JiraIssue, JiraState } from "./state.js";
import { reindex } from "./views.js";

/** Finds an issue by id or key (keys case-insensitively, as Jira does). */
export function findIssue(state: JiraState, idOrKey: string): JiraIssue | undefined {
  const id = /^\d+$/.test(idOrKey) ? idOrKey : state.keys.get(idOrKey.toUpperCase());
  return id === undefined ? undefined : state.issues.get(id);
}

/** 429 with Retry-After when the per-issue write limit is hit. */
export function limitWrite(state: JiraState, issue: JiraIssue): Response | undefined {
  const wait = writeDelay(state, issue);
  if (wait === 0) return undefined;
  return jiraError(
    429,
    ["Rate limit exceeded."],
    {},
    { "retry-after": String(wait), "ratelimit-reason": "jira-per-issue-on-write" },
  );
}

/** Resolves the `:issue` param for a write: auth, existence, write limit. */
export function issueForWrite(
  request: Request,
  ctx: JiraRequestCtx,
  what: string,
): { caller: JiraCaller; issue: JiraIssue } | Response {
  const caller = writer(request, ctx, what);
  if (caller instanceof Response) return caller;
  const issue = findIssue(ctx.state, ctx.params.issue ?? "");
  if (issue === undefined) return issueNotFound();
  return limitWrite(ctx.state, issue) ?? { caller, issue };
}

type Built = { ok: true; issue: JiraIssue } | { ok: false; errors: FieldErrors; messages: string[] };

function buildIssue(state: JiraState, body: unknown, actor: string): Built {
  if (!isObject(body) || !isObject(body.fields))
    return { ok: false, errors: {}, messages: ["Issue fields must be provided."] };
  const errors: FieldErrors = {};
  const fields = applyUpdateOps(undefined, body.fields, body.update, errors);
  const project = resolveProject(state, fields.project);
  if (project === undefined) errors.project = "valid project is required";
  const typeRef = isObject(fields.issuetype) ? fields.issuetype : {};
  const type = state.issueTypes.find(
    (t) => (t.id === typeRef.id || t.name === typeRef.name) && project?.issueTypeIds.includes(t.id) === true,
  );
  if (type === undefined) errors.issuetype = "Specify an issue type";
  if (fields.summary === undefined) errors.summary = "You must specify a summary of the issue.";
  const checked = checkFields(state, fields, ["project", "issuetype"]);
  Object.assign(errors, checked.errors);
  const properties = Array.isArray(body.properties) ? body.properties : [];
  for (const p of properties) {
    if (
      !isObject(p) ||
      typeof p.key !== "string" ||
      p.key.length > 255 ||
      JSON.stringify(p.value ?? null).length > PROPERTY_MAX
    ) {
      errors.properties = "Property keys must be at most 255 characters and values at most 32768 characters.";
    }
  }
  if (Object.keys(errors).length > 0 || project === undefined || type === undefined)
    return { ok: false, errors, messages: [] };
  const issue = createIssue(state, project, type.id, checked.values, actor);
  for (const p of properties as { key: string; value: unknown }[]) issue.properties.set(p.key, p.value);
  const transitionId = isObject(body.transition) ? String(body.transition.id) : undefined;
  const transition = availableTransitions(state, issue).find((t) => t.id === transitionId);
  if (transition !== undefined) issue.statusId = transition.to;
  reindex(state, issue);
  emit(state, { name: "jira:issue_created", issue, actor });
  return { ok: true, issue };
}

/** POST /rest/api/3/issue */
export async function createOne(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = writer(request, ctx, "create issues in this project");
  if (caller instanceof Response) return caller;
  const body = await readJson(request);
  if (!body.ok) return jiraError(400, ["Request body is not valid JSON."]);
  const built = buildIssue(ctx.state, body.value, caller.user.accountId);
  if (!built.ok) return jiraError(400, built.messages, built.errors);
  return json(201, {
    id: built.issue.id,
    key: built.issue.key,
    self: `${ctx.base}/rest/api/3/issue/${built.issue.id}`,
  });
}

/** POST /rest/api/3/issue/bulk: at most 50; 201 when any succeeded, 400 when all failed. */
export async function createBulk(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = writer(request, ctx, "create issues in this project");
  if (caller instanceof Response) return caller;
  const body = await readJson(request);
  const updates = body.ok && isObject(body.value) ? body.value.issueUpdates : undefined;
  if (!Array.isArray(updates)) return jiraError(400, ["issueUpdates must be provided."]);
  if (updates.length > 50) return jiraError(400, ["The number of issues to create must not exceed 50."]);
  const issues: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  updates.forEach((update, i) => {
    const built = buildIssue(ctx.state, update, caller.user.accountId);
    if (built.ok)
      issues.push({
        id: built.issue.id,
        key: built.issue.key,
        self: `${ctx.base}/rest/api/3/issue/${built.issue.id}`,
      });
    else
      errors.push({
        status: 400,
        elementErrors: { errorMessages: built.messages, errors: built.errors },
        failedElementNumber: i,
      });
  });
  return json(issues.length > 0 ? 201 : 400, { issues, errors });
}

function listParam(url: URL, name: string): string[] | undefined {
  const raw = url.searchParams.getAll(name);
  return raw.length === 0
    ? undefined
    : raw
        .flatMap((r) => r.split(","))
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

/** GET /rest/api/3/issue/{issue}: `fields`, `properties`, `expand=transitions,changelog,names`. */
export async function getOne(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, READ);
  if (caller instanceof Response) return caller;
  const issue = findIssue(ctx.state, ctx.params.issue ?? "");
  if (issue === undefined) return issueNotFound();
  const fields = selectFields(ctx.state, listParam(ctx.url, "fields"));
  const out = issueJson(ctx.state, ctx.base, issue, fields, listParam(ctx.url, "properties") ?? []);
  const expand = listParam(ctx.url, "expand") ?? [];
  if (expand.includes("names"))
    out.names = Object.fromEntries(fields.map((f) => [f, ctx.state.fields.get(f)?.name ?? f]));
  if (expand.includes("changelog"))
    out.changelog = {
      startAt: 0,
      maxResults: issue.changelog.length,
      total: issue.changelog.length,
      histories: issue.changelog,
    };
  if (expand.includes("transitions"))
    out.transitions = availableTransitions(ctx.state, issue).map((t) => ({ id: t.id, name: t.name }));
  return json(200, out);
}

/** PUT /rest/api/3/issue/{issue}: fields + update; `transition` in the body is ignored. */
export async function editOne(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const target = issueForWrite(request, ctx, "edit this issue");
  if (target instanceof Response) return target;
  const body = await readJson(request);
  if (!body.ok || !isObject(body.value)) return jiraError(400, ["Request body is not valid JSON."]);
  const errors: FieldErrors = {};
  const fields = applyUpdateOps(
    target.issue,
    isObject(body.value.fields) ? body.value.fields : {},
    body.value.update,
    errors,
  );
  const checked = checkFields(ctx.state, fields, []);
  Object.assign(errors, checked.errors);
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  editIssue(ctx.state, target.issue, checked.values, target.caller.user.accountId);
  if (ctx.url.searchParams.get("returnIssue") === "true") {
    return json(200, issueJson(ctx.state, ctx.base, target.issue, selectFields(ctx.state, undefined)));
  }
  return empty(204);
}

/** DELETE /rest/api/3/issue/{issue} */
export async function deleteOne(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const target = issueForWrite(request, ctx, "delete this issue");
  if (target instanceof Response) return target;
  ctx.state.issues.delete(target.issue.id);
  ctx.state.keys.delete(target.issue.key);
  emit(ctx.state, { name: "jira:issue_deleted", issue: target.issue, actor: target.caller.user.accountId });
  return empty(204);
}

/** POST /rest/api/3/issue/bulkfetch: at most 100 ids or keys, ascending id order. */
export async function bulkFetch(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, READ);
  if (caller instanceof Response) return caller;
  const body = await readJson(request);
  const refs = body.ok && isObject(body.value) ? body.value.issueIdsOrKeys : undefined;
  if (!Array.isArray(refs) || refs.length === 0) return jiraError(400, ["issueIdsOrKeys must be provided."]);
  if (refs.length > 100) return jiraError(400, ["The number of issues must not exceed 100."]);
  const fieldSpec =
    body.ok && isObject(body.value) && Array.isArray(body.value.fields)
      ? (body.value.fields as string[])
      : undefined;
  const fields = selectFields(ctx.state, fieldSpec);
  const found: JiraIssue[] = [];
  const issueErrors: string[] = [];
  for (const ref of refs) {
    const issue = findIssue(ctx.state, String(ref));
    if (issue === undefined) issueErrors.push(String(ref));
    else found.push(issue);
  }
  found.sort((a, b) => Number(a.id) - Number(b.id));
  return json(200, {
    expand: "schema,names",
    issues: found.map((i) => issueJson(ctx.state, ctx.base, i, fields)),
    issueErrors,
  });
}

/** GET and POST /rest/api/3/issue/{issue}/transitions */
export async function transitions(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  if (request.method === "GET") {
    const caller = authenticate(request, ctx, READ);
    if (caller instanceof Response) return caller;
    const issue = findIssue(ctx.state, ctx.params.issue ?? "");
    if (issue === undefined) return issueNotFound();
    const list = caller.user.access === "browse" ? [] : availableTransitions(ctx.state, issue);
    return json(200, {
      expand: "transitions",
      transitions: list.map((t) => ({
        id: t.id,
        name: t.name,
        to: statusJson(ctx.base, ctx.state.statuses.find((s) => s.id === t.to)!),
        hasScreen: false,
        isGlobal: t.from === "any",
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        isLooped: false,
      })),
    });
  }
  const target = issueForWrite(request, ctx, "transition this issue");
  if (target instanceof Response) return target;
  const body = await readJson(request);
  const ref =
    body.ok && isObject(body.value) && isObject(body.value.transition) ? body.value.transition.id : undefined;
  if (ref === undefined) return jiraError(400, ["Missing 'transition' identifier"]);
  const transition = availableTransitions(ctx.state, target.issue).find((t) => t.id === String(ref));
  if (transition === undefined)
    return jiraError(400, [`Transition id '${String(ref)}' is not valid for this issue.`]);
  transitionIssue(ctx.state, target.issue, transition.to, target.caller.user.accountId);
  return empty(204);
}
