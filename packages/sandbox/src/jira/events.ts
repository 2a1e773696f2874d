import { createHmac } from "node:crypto";
import { compileJql } from "./jql-eval.js";
import { parseJql } from "./jql-parse.js";
import { commentJson, issueJson, userById } from "./render.js";
import type { ChangeItem, JiraComment, JiraIssue, JiraState, JiraWebhook } from "./state.js";
import { searchView } from "./views.js";

/** Webhook event names Jira sends. */
export type JiraEventName =
  | "jira:issue_created"
  | "jira:issue_updated"
  | "jira:issue_deleted"
  | "comment_created"
  | "comment_updated"
  | "comment_deleted"
  | "issue_property_set"
  | "issue_property_deleted";

/** One change to announce. */
export interface JiraEvent {
  name: JiraEventName;
  issue: JiraIssue;
  actor: string;
  changelog?: { id: string; items: ChangeItem[] };
  comment?: JiraComment;
  property?: { key: string; value?: unknown };
}

function matchesFilter(state: JiraState, hook: JiraWebhook, issue: JiraIssue): boolean {
  if (hook.jqlFilter === undefined || hook.jqlFilter.trim() === "") return true;
  try {
    return compileJql(state, parseJql(hook.jqlFilter)).test(searchView(issue));
  } catch {
    return false;
  }
}

/** HMAC-SHA256 of the raw body, hex, as `X-Hub-Signature: sha256=<hex>` carries it. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * Queues deliveries for every live webhook listening to the event whose JQL filter matches.
 * Payloads carry `webhookEvent`, `timestamp`, `issue`, `user` and `changelog`/`comment` as Jira's do.
 */
export function emit(state: JiraState, event: JiraEvent): void {
  const now = state.clock.now();
  const hooks = [...state.webhooks.values()].filter(
    (h) =>
      (h.expires === undefined || h.expires > now) &&
      h.events.includes(event.name) &&
      matchesFilter(state, h, event.issue),
  );
  if (hooks.length === 0) return;
  const base = state.baseUrl;
  const issue = issueJson(state, base, event.issue, [
    "summary",
    "status",
    "issuetype",
    "project",
    "created",
    "updated",
    "assignee",
    "reporter",
    "labels",
    "priority",
  ]);
  for (const hook of hooks) {
    const payload: Record<string, unknown> = {
      timestamp: now,
      webhookEvent: event.name,
      user: userById(state, base, event.actor),
      issue,
      matchedWebhookIds: [hook.id],
    };
    if (event.name.startsWith("jira:issue_"))
      payload.issue_event_type_name =
        event.name === "jira:issue_created"
          ? "issue_created"
          : event.comment === undefined
            ? "issue_generic"
            : "issue_commented";
    if (event.changelog !== undefined) payload.changelog = event.changelog;
    if (event.comment !== undefined) payload.comment = commentJson(state, base, event.issue, event.comment);
    if (event.property !== undefined) payload.property = event.property;
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-atlassian-webhook-identifier": `${hook.id}-${now}-${state.random.hex(8)}`,
      "x-atlassian-webhook-retry": "0",
    };
    const secret = hook.secret ?? (hook.kind === "dynamic" ? state.webhookSecret : undefined);
    if (secret !== undefined) headers["x-hub-signature"] = signBody(secret, body);
    state.deliveries.enqueue(hook.url, headers, body);
  }
}
