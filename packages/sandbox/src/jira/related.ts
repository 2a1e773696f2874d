import { empty, isObject, json, readJson } from "../core/http.js";
import { ADF_MESSAGE, adfProblem } from "./adf.js";
import { authenticate, READ } from "./auth.js";
import type { JiraRequestCtx } from "./context.js";
import { issueNotFound, jiraError } from "./errors.js";
import { emit } from "./events.js";
import { PROPERTY_MAX, touch } from "./issue-write.js";
import { findIssue, issueForWrite } from "./issues.js";
import { attachmentJson, commentJson } from "./render.js";
import type { JiraAttachment, JiraComment, JiraIssue, JiraState } from "./state.js";
import { reindex } from "./views.js";

/** Adds a comment (API and person API); bumps `updated` and fires `comment_created`. */
export function addComment(state: JiraState, issue: JiraIssue, body: unknown, actor: string): JiraComment {
  const now = state.clock.now();
  const comment: JiraComment = {
    id: state.nextId(),
    author: actor,
    updateAuthor: actor,
    body,
    created: now,
    updated: now,
  };
  issue.comments.push(comment);
  touch(state, issue, actor, []);
  emit(state, { name: "comment_created", issue, actor, comment });
  return comment;
}

/** Stores an attachment (API and person API) and fires `jira:issue_updated` with an Attachment change. */
export function addAttachment(
  state: JiraState,
  issue: JiraIssue,
  file: { name: string; type: string; content: Uint8Array<ArrayBuffer> },
  actor: string,
): JiraAttachment {
  const a: JiraAttachment = {
    id: state.nextId(),
    issueId: issue.id,
    filename: file.name,
    mimeType: file.type || "application/octet-stream",
    content: file.content,
    author: actor,
    created: state.clock.now(),
  };
  state.attachments.set(a.id, a);
  issue.attachments.push(a.id);
  const changelog = touch(state, issue, actor, [
    {
      field: "Attachment",
      fieldtype: "jira",
      fieldId: "attachment",
      from: null,
      fromString: null,
      to: a.id,
      toString: a.filename,
    },
  ]);
  emit(state, { name: "jira:issue_updated", issue, actor, changelog });
  return a;
}

async function commentBody(request: Request): Promise<unknown | Response> {
  const body = await readJson(request);
  if (!body.ok || !isObject(body.value)) return jiraError(400, ["Request body is not valid JSON."]);
  if (body.value.body === undefined) return jiraError(400, [], { comment: "Comment body can not be empty!" });
  return adfProblem(body.value.body) === undefined
    ? body.value.body
    : jiraError(400, [], { comment: ADF_MESSAGE });
}

/** GET/POST /rest/api/3/issue/{issue}/comment */
export async function comments(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  if (request.method === "POST") {
    const target = issueForWrite(request, ctx, "add comments to this issue");
    if (target instanceof Response) return target;
    const body = await commentBody(request);
    if (body instanceof Response) return body;
    const comment = addComment(ctx.state, target.issue, body, target.caller.user.accountId);
    return json(201, commentJson(ctx.state, ctx.base, target.issue, comment));
  }
  const caller = authenticate(request, ctx, READ);
  if (caller instanceof Response) return caller;
  const issue = findIssue(ctx.state, ctx.params.issue ?? "");
  if (issue === undefined) return issueNotFound();
  const startAt = Number(ctx.url.searchParams.get("startAt") ?? 0);
  const maxResults = Math.min(Number(ctx.url.searchParams.get("maxResults") ?? 100), 5000);
  const desc = ctx.url.searchParams.get("orderBy") === "-created";
  const all = desc ? [...issue.comments].reverse() : issue.comments;
  const page = all.slice(startAt, startAt + maxResults);
  return json(200, {
    startAt,
    maxResults,
    total: all.length,
    comments: page.map((c) => commentJson(ctx.state, ctx.base, issue, c)),
  });
}

/** GET/PUT/DELETE /rest/api/3/issue/{issue}/comment/{comment} */
export async function comment(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  if (request.method === "GET") {
    const caller = authenticate(request, ctx, READ);
    if (caller instanceof Response) return caller;
    const issue = findIssue(ctx.state, ctx.params.issue ?? "");
    const c = issue?.comments.find((x) => x.id === ctx.params.comment);
    return issue === undefined || c === undefined
      ? jiraError(404, ["Can not find a comment for the id."])
      : json(200, commentJson(ctx.state, ctx.base, issue, c));
  }
  const target = issueForWrite(request, ctx, "edit comments on this issue");
  if (target instanceof Response) return target;
  const { issue, caller } = target;
  const index = issue.comments.findIndex((x) => x.id === ctx.params.comment);
  if (index < 0) return jiraError(404, ["Can not find a comment for the id."]);
  const c = issue.comments[index]!;
  if (request.method === "DELETE") {
    issue.comments.splice(index, 1);
    touch(ctx.state, issue, caller.user.accountId, []);
    emit(ctx.state, { name: "comment_deleted", issue, actor: caller.user.accountId, comment: c });
    return empty(204);
  }
  const body = await commentBody(request);
  if (body instanceof Response) return body;
  c.body = body;
  c.updated = ctx.state.clock.now();
  c.updateAuthor = caller.user.accountId;
  touch(ctx.state, issue, caller.user.accountId, []);
  emit(ctx.state, { name: "comment_updated", issue, actor: caller.user.accountId, comment: c });
  return json(200, commentJson(ctx.state, ctx.base, issue, c));
}

/** POST /rest/api/3/issue/{issue}/attachments: XSRF header, field `file`, <= 60 files, size limit. */
export async function uploadAttachments(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const token = (request.headers.get("x-atlassian-token") ?? "").toLowerCase();
  if (token !== "no-check" && token !== "nocheck")
    return new Response("XSRF check failed", { status: 403, headers: { "content-type": "text/plain" } });
  const target = issueForWrite(request, ctx, "create attachments for this issue");
  if (target instanceof Response) return target;
  if (!(request.headers.get("content-type") ?? "").includes("multipart/form-data"))
    return jiraError(415, ["Content type must be multipart/form-data."]);
  const files = (await request.formData()).getAll("file").filter((f): f is File => f instanceof File);
  if (files.length === 0)
    return jiraError(400, ["No file was attached. The multipart field must be named 'file'."]);
  if (files.length > 60) return jiraError(413, ["A request can attach at most 60 files."]);
  const big = files.find((f) => f.size > ctx.state.uploadLimit);
  if (big !== undefined)
    return jiraError(413, [
      `The file '${big.name}' is too large: the limit is ${ctx.state.uploadLimit} bytes.`,
    ]);
  const out: unknown[] = [];
  for (const f of files) {
    const a = addAttachment(
      ctx.state,
      target.issue,
      { name: f.name, type: f.type, content: new Uint8Array(await f.arrayBuffer()) },
      target.caller.user.accountId,
    );
    out.push(attachmentJson(ctx.state, ctx.base, a.id));
  }
  return json(200, out);
}

/** GET /rest/api/3/attachment/meta */
export async function attachmentMeta(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, READ);
  return caller instanceof Response
    ? caller
    : json(200, { enabled: true, uploadLimit: ctx.state.uploadLimit });
}

/** GET/DELETE /rest/api/3/attachment/{id} */
export async function attachment(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, request.method === "GET" ? READ : ["write:jira-work"]);
  if (caller instanceof Response) return caller;
  const a = ctx.state.attachments.get(ctx.params.id ?? "");
  if (a === undefined)
    return jiraError(404, [`The attachment with id '${ctx.params.id ?? ""}' does not exist.`]);
  if (request.method === "GET") return json(200, attachmentJson(ctx.state, ctx.base, a.id));
  ctx.state.attachments.delete(a.id);
  const issue = ctx.state.issues.get(a.issueId);
  if (issue !== undefined) {
    issue.attachments = issue.attachments.filter((x) => x !== a.id);
    touch(ctx.state, issue, caller.user.accountId, [
      {
        field: "Attachment",
        fieldtype: "jira",
        fieldId: "attachment",
        from: a.id,
        fromString: a.filename,
        to: null,
        toString: null,
      },
    ]);
  }
  return empty(204);
}

function serveBytes(request: Request, a: JiraAttachment): Response {
  const headers = {
    "content-type": a.mimeType,
    "content-disposition": `attachment; filename="${encodeURIComponent(a.filename)}"`,
    "accept-ranges": "bytes",
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("range") ?? "");
  if (range === null) return new Response(a.content, { status: 200, headers });
  const size = a.content.byteLength;
  const start = range[1] === "" ? size - Number(range[2]) : Number(range[1]);
  const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start < 0 || start >= size || end < start)
    return new Response(null, { status: 416, headers: { "content-range": `bytes */${size}` } });
  return new Response(a.content.slice(start, end + 1), {
    status: 206,
    headers: { ...headers, "content-range": `bytes ${start}-${end}/${size}` },
  });
}

/** GET /rest/api/3/attachment/content/{id}: 303 to the media URL unless `redirect=false`. */
export async function attachmentContent(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const caller = authenticate(request, ctx, READ);
  if (caller instanceof Response) return caller;
  const a = ctx.state.attachments.get(ctx.params.id ?? "");
  if (a === undefined) return jiraError(404, ["The attachment does not exist."]);
  if (ctx.url.searchParams.get("redirect") === "false") return serveBytes(request, a);
  return new Response(null, {
    status: 303,
    headers: { location: `${ctx.base}/_media/attachment/${a.id}/${encodeURIComponent(a.filename)}` },
  });
}

/** The redirect target: serves bytes without auth, like a signed media URL. */
export async function mediaContent(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const a = ctx.state.attachments.get(ctx.params.id ?? "");
  return a === undefined ? new Response("Not found", { status: 404 }) : serveBytes(request, a);
}

/** GET /issue/{issue}/properties, and GET/PUT/DELETE /issue/{issue}/properties/{key} */
export async function properties(request: Request, ctx: JiraRequestCtx): Promise<Response> {
  const key = ctx.params.key;
  if (request.method === "GET") {
    const caller = authenticate(request, ctx, READ);
    if (caller instanceof Response) return caller;
    const issue = findIssue(ctx.state, ctx.params.issue ?? "");
    if (issue === undefined) return issueNotFound();
    const self = (k: string) =>
      `${ctx.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(k)}`;
    if (key === undefined)
      return json(200, { keys: [...issue.properties.keys()].map((k) => ({ self: self(k), key: k })) });
    if (!issue.properties.has(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
    return json(200, { key, value: issue.properties.get(key) });
  }
  const target = issueForWrite(request, ctx, "edit this issue");
  if (target instanceof Response) return target;
  const { issue, caller } = target;
  const k = key ?? "";
  if (request.method === "DELETE") {
    if (!issue.properties.delete(k)) return jiraError(404, [`The property with key '${k}' does not exist.`]);
    reindex(ctx.state, issue);
    emit(ctx.state, {
      name: "issue_property_deleted",
      issue,
      actor: caller.user.accountId,
      property: { key: k },
    });
    return empty(204);
  }
  if (k.length > 255) return jiraError(400, ["The property key cannot be longer than 255 characters."]);
  const text = await request.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return jiraError(400, ["The property value must be valid, non-empty JSON."]);
  }
  if (text.length > PROPERTY_MAX)
    return jiraError(400, [`The property value is too long: it must be at most ${PROPERTY_MAX} characters.`]);
  const existed = issue.properties.has(k);
  issue.properties.set(k, value);
  reindex(ctx.state, issue);
  emit(ctx.state, {
    name: "issue_property_set",
    issue,
    actor: caller.user.accountId,
    property: { key: k, value },
  });
  return existed ? json(200, {}) : json(201, {});
}
