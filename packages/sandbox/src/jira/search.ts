import { decodeToken, encodeToken, isObject, json, readJson } from "../core/http.js";
import { authenticate, READ } from "./auth.js";
import type { JiraRequestCtx } from "./context.js";
import { jiraError } from "./errors.js";
import { compileJql } from "./jql-eval.js";
import { JqlError, parseJql } from "./jql-parse.js";
import { issueJson, selectFields } from "./render.js";
import type { SearchView } from "./state.js";
import { visibleView } from "./views.js";

const TOKEN_LIFETIME_MS = 7 * 24 * 3600_000;

interface SearchParams {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[] | undefined;
  properties: string[];
  reconcile: Set<string>;
}

function csv(value: string | null): string[] | undefined {
  return value === null
    ? undefined
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

async function readParams(request: Request, url: URL): Promise<SearchParams | Response> {
  if (request.method === "GET") {
    const q = url.searchParams;
    return {
      jql: q.get("jql") ?? "",
      nextPageToken: q.get("nextPageToken") ?? undefined,
      maxResults: q.has("maxResults") ? Number(q.get("maxResults")) : 50,
      fields: csv(q.get("fields")),
      properties: csv(q.get("properties")) ?? [],
      reconcile: new Set(csv(q.get("reconcileIssues")) ?? []),
    };
  }
  const body = await readJson(request);
  if (!body.ok || !isObject(body.value)) return jiraError(400, ["Request body is not valid JSON."]);
  const b = body.value;
  return {
    jql: typeof b.jql === "string" ? b.jql : "",
    nextPageToken: typeof b.nextPageToken === "string" ? b.nextPageToken : undefined,
    maxResults: typeof b.maxResults === "number" ? b.maxResults : 50,
    fields: Array.isArray(b.fields) ? b.fields.map(String) : undefined,
    properties: Array.isArray(b.properties) ? b.properties.map(String) : [],
    reconcile: new Set(Array.isArray(b.reconcileIssues) ? b.reconcileIssues.map(String) : []),
  };
}

function readOffset(token: string | undefined, jql: string, now: number): number | Response {
  if (token === undefined) return 0;
  const body = decodeToken(token);
  if (!isObject(body) || body.q !== jql || typeof body.o !== "number")
    return jiraError(400, ["The provided next page token is invalid."]);
  if (typeof body.x !== "number" || body.x <= now)
    return jiraError(400, ["The provided next page token has expired."]);
  return body.o;
}

/**
 * GET/POST /rest/api/3/search/jql: bounded JQL only, `nextPageToken` paging without totals,
 * ids only unless `fields` asks for more, eventual consistency with `reconcileIssues`.
 */
export async function searchJql(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, READ);
  if (caller instanceof Response) return caller;
  const params = await readParams(request, ctx.url);
  if (params instanceof Response) return params;
  if (!Number.isInteger(params.maxResults) || params.maxResults < 0)
    return jiraError(400, ["maxResults must be a non-negative integer."]);
  if (params.properties.length > 5) return jiraError(400, ["At most 5 properties can be requested."]);
  if (params.reconcile.size > 50) return jiraError(400, ["At most 50 issues can be reconciled."]);
  let compiled: ReturnType<typeof compileJql>;
  try {
    compiled = compileJql(ctx.state, parseJql(params.jql));
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, [error.message]);
    throw error;
  }
  if (!compiled.bounded)
    return jiraError(400, [
      "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
    ]);
  const offset = readOffset(params.nextPageToken, params.jql, ctx.state.clock.now());
  if (offset instanceof Response) return offset;
  const idsOnly = params.fields === undefined || params.fields.every((f) => f === "id");
  // With fields Jira returns smaller pages; ids-only pages go up to 5000.
  const max = Math.min(params.maxResults, idsOnly ? 5000 : 100);
  const hits: SearchView[] = [];
  for (const issue of ctx.state.issues.values()) {
    const view = visibleView(ctx.state, issue, params.reconcile.has(issue.id));
    if (view !== undefined && compiled.test(view)) hits.push(view);
  }
  hits.sort(compiled.compare);
  const page = hits.slice(offset, offset + max);
  const more = offset + max < hits.length;
  const fields = idsOnly ? [] : selectFields(ctx.state, params.fields);
  const issues = page.map((view) => {
    const issue = ctx.state.issues.get(view.id)!;
    return idsOnly ? { id: issue.id } : issueJson(ctx.state, ctx.base, issue, fields, params.properties);
  });
  const out: Record<string, unknown> = { issues, isLast: !more };
  if (more)
    out.nextPageToken = encodeToken({
      q: params.jql,
      o: offset + max,
      x: ctx.state.clock.now() + TOKEN_LIFETIME_MS,
    });
  return json(200, out);
}
