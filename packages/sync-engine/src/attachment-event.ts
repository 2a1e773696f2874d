import { type JiraWebhookDelivery, jqlDateTime } from "@kobik/jira-client";
import type { SmartConnectedItem } from "@kobik/sync-core";
import type { EngineContext } from "./context.js";

type AttachmentDelivery = Extract<JiraWebhookDelivery, { webhookEvent: "attachment_created" }>;

// Enough for every issue of an item updated around one delivery; a busier window falls to the cycle.
const MAX_SCANNED = 200;

/**
 * Jira's admin webhook sends `attachment_created` without the issue. Adding a file bumps the issue's
 * `updated`, so the issue is among each item's issues updated since shortly before the delivery: read
 * their attachment lists and find the attachment id. `undefined` when search does not show it (yet).
 */
export async function findAttachmentIssue(
  ctx: EngineContext,
  items: readonly SmartConnectedItem[],
  delivery: AttachmentDelivery,
): Promise<string | undefined> {
  const wanted = delivery.attachment.id;
  // JQL has minute precision and the delivery's clock is Jira's: look back one overlap window.
  const since = new Date(delivery.timestamp - ctx.limits.jiraOverlapMs);
  for (const item of items) {
    const { projectKey, issueType } = item.jira;
    const jql = `project = "${projectKey}" AND issuetype = "${issueType.replace(/"/g, '\\"')}" AND updated >= "${jqlDateTime(since, ctx.limits.jiraTimeZone)}" ORDER BY updated DESC`;
    let scanned = 0;
    for await (const issue of ctx.jira.search.issues({ jql, fields: ["attachment"], maxResults: 100 })) {
      const files = (issue.fields as { attachment?: { id?: unknown }[] } | undefined)?.attachment ?? [];
      if (files.some((file) => String(file.id) === wanted)) return String(issue.id);
      scanned += 1;
      if (scanned >= MAX_SCANNED) break;
    }
  }
  return undefined;
}
