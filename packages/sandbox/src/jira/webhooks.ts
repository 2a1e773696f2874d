import { empty, isObject, json, readJson } from "../core/http.js";
import { authenticate } from "./auth.js";
import type { JiraRequestCtx } from "./context.js";
import { jiraError } from "./errors.js";
import type { JiraEventName } from "./events.js";
import { webhookFilterProblem } from "./jql-eval.js";
import { JqlError, parseJql } from "./jql-parse.js";
import type { JiraWebhook } from "./state.js";
import { formatJiraTime } from "./time.js";

/** Dynamic webhooks live 30 days unless refreshed. */
export const WEBHOOK_LIFETIME_MS = 30 * 24 * 3600_000;
const EVENTS: readonly JiraEventName[] = [
  "jira:issue_created",
  "jira:issue_updated",
  "jira:issue_deleted",
  "comment_created",
  "comment_updated",
  "comment_deleted",
  "issue_property_set",
  "issue_property_deleted",
];

function filterProblem(jql: unknown): string | undefined {
  if (typeof jql !== "string") return "The JQL filter must be provided.";
  try {
    return webhookFilterProblem(parseJql(jql).where);
  } catch (error) {
    return error instanceof JqlError ? error.message : "Invalid JQL filter.";
  }
}

function registerOne(
  ctx: JiraRequestCtx,
  url: string,
  spec: unknown,
): { createdWebhookId: number } | { errors: string[] } {
  if (!isObject(spec) || !Array.isArray(spec.events) || spec.events.length === 0)
    return { errors: ["Webhook events must be provided."] };
  const bad = spec.events.find((e) => !EVENTS.includes(e as JiraEventName));
  if (bad !== undefined) return { errors: [`Event '${String(bad)}' is not supported.`] };
  const problem = filterProblem(spec.jqlFilter);
  if (problem !== undefined) return { errors: [problem] };
  const id = ctx.state.nextWebhookId++;
  ctx.state.webhooks.set(id, {
    id,
    kind: "dynamic",
    url,
    events: spec.events as string[],
    jqlFilter: spec.jqlFilter as string,
    secret: undefined,
    expires: ctx.state.clock.now() + WEBHOOK_LIFETIME_MS,
    name: undefined,
  });
  return { createdWebhookId: id };
}

/** `/rest/api/3/webhook`: only OAuth 2.0 apps (bearer) may call it; needs `manage:jira-webhook`. */
function appCaller(request: Request, ctx: JiraRequestCtx) {
  const caller = authenticate(request, ctx, ["manage:jira-webhook"]);
  if (caller instanceof Response) return caller;
  return caller.via === "bearer"
    ? caller
    : jiraError(403, ["Only Connect and OAuth 2.0 apps can use this operation."]);
}

function dynamicJson(ctx: JiraRequestCtx, h: JiraWebhook) {
  return {
    id: h.id,
    jqlFilter: h.jqlFilter,
    events: h.events,
    expirationDate: formatJiraTime(h.expires ?? 0, ctx.state.offsetMinutes),
  };
}

/** POST, GET and DELETE /rest/api/3/webhook */
export async function dynamicWebhooks(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = appCaller(request, ctx);
  if (caller instanceof Response) return caller;
  const mine = [...ctx.state.webhooks.values()].filter((h) => h.kind === "dynamic");
  if (request.method === "GET") {
    const startAt = Number(ctx.url.searchParams.get("startAt") ?? 0);
    const maxResults = Math.min(Number(ctx.url.searchParams.get("maxResults") ?? 100), 100);
    const values = mine.slice(startAt, startAt + maxResults).map((h) => dynamicJson(ctx, h));
    return json(200, {
      startAt,
      maxResults,
      total: mine.length,
      isLast: startAt + maxResults >= mine.length,
      values,
    });
  }
  const body = await readJson(request);
  const value = body.ok && isObject(body.value) ? body.value : {};
  if (request.method === "DELETE") {
    const ids = Array.isArray(value.webhookIds) ? value.webhookIds.map(Number) : [];
    if (ids.length === 0) return jiraError(400, ["webhookIds must be provided."]);
    for (const id of ids) if (ctx.state.webhooks.get(id)?.kind === "dynamic") ctx.state.webhooks.delete(id);
    return empty(202);
  }
  if (typeof value.url !== "string" || !/^https?:\/\//.test(value.url))
    return jiraError(400, [], { url: "A valid URL must be provided." });
  if (!Array.isArray(value.webhooks) || value.webhooks.length === 0)
    return jiraError(400, ["webhooks must be provided."]);
  const url = value.url;
  return json(200, { webhookRegistrationResult: value.webhooks.map((spec) => registerOne(ctx, url, spec)) });
}

/** PUT /rest/api/3/webhook/refresh: extends the listed webhooks by 30 days. */
export async function refreshWebhooks(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = appCaller(request, ctx);
  if (caller instanceof Response) return caller;
  const body = await readJson(request);
  const ids =
    body.ok && isObject(body.value) && Array.isArray(body.value.webhookIds)
      ? body.value.webhookIds.map(Number)
      : [];
  if (ids.length === 0) return jiraError(400, ["webhookIds must be provided."]);
  const expires = ctx.state.clock.now() + WEBHOOK_LIFETIME_MS;
  for (const id of ids) {
    const hook = ctx.state.webhooks.get(id);
    if (hook?.kind === "dynamic") hook.expires = expires;
  }
  return json(200, { expirationDate: formatJiraTime(expires, ctx.state.offsetMinutes) });
}

/** Admin webhooks are a Jira administrator's business, whatever the credentials. */
function adminCaller(request: Request, ctx: JiraRequestCtx) {
  const caller = authenticate(request, ctx, ["manage:jira-configuration"]);
  if (caller instanceof Response) return caller;
  return caller.user.access === "admin"
    ? caller
    : jiraError(403, ["You must be a Jira administrator to manage webhooks."]);
}

/** POST/GET /rest/webhooks/1.0/webhook: admin webhooks, signed with their own `secret` when given. */
export async function adminWebhooks(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = adminCaller(request, ctx);
  if (caller instanceof Response) return caller;
  const admin = [...ctx.state.webhooks.values()].filter((h) => h.kind === "admin");
  const render = (h: JiraWebhook) => ({
    name: h.name,
    url: h.url,
    events: h.events,
    filters: { "issue-related-events-section": h.jqlFilter ?? "" },
    self: `${ctx.base}/rest/webhooks/1.0/webhook/${h.id}`,
    enabled: true,
  });
  if (request.method === "GET") return json(200, admin.map(render));
  const body = await readJson(request);
  const v = body.ok && isObject(body.value) ? body.value : {};
  if (typeof v.url !== "string" || !Array.isArray(v.events))
    return jiraError(400, ["name, url and events must be provided."]);
  const jql =
    isObject(v.filters) && typeof v.filters["issue-related-events-section"] === "string"
      ? v.filters["issue-related-events-section"]
      : undefined;
  const id = ctx.state.nextWebhookId++;
  const hook: JiraWebhook = {
    id,
    kind: "admin",
    url: v.url,
    events: v.events.map(String),
    jqlFilter: jql,
    secret: typeof v.secret === "string" ? v.secret : undefined,
    expires: undefined,
    name: typeof v.name === "string" ? v.name : undefined,
  };
  ctx.state.webhooks.set(id, hook);
  return json(201, render(hook));
}

/**
 * DELETE /rest/webhooks/1.0/webhook/{id}: 204, or 404 for an id that is not an admin webhook. The
 * route and its 204 follow Jira Server/Data Center's webhook API; Cloud's answer is unconfirmed.
 */
export async function deleteAdminWebhook(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = adminCaller(request, ctx);
  if (caller instanceof Response) return caller;
  const id = /^\d+$/.test(ctx.params.id ?? "") ? Number(ctx.params.id) : Number.NaN;
  if (ctx.state.webhooks.get(id)?.kind !== "admin")
    return jiraError(404, [`Webhook ${ctx.params.id ?? ""} does not exist.`]);
  ctx.state.webhooks.delete(id);
  return empty(204);
}
