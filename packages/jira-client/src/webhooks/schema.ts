// zod/mini rather than classic zod: the same validation in a fraction of the bundle (functional
// API instead of methods), which matters for Forge functions and Custom UI bundles.
import * as z from "zod/mini";

const user = z.looseObject({
  accountId: z.optional(z.string()),
  displayName: z.optional(z.string()),
  emailAddress: z.optional(z.string()),
});

const issue = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.optional(z.string()),
  fields: z.optional(z.record(z.string(), z.unknown())),
});

const comment = z.looseObject({
  id: z.string(),
  self: z.optional(z.string()),
  body: z.optional(z.unknown()),
  author: z.optional(user),
  updateAuthor: z.optional(user),
  created: z.optional(z.string()),
  updated: z.optional(z.string()),
});

// Jira has sent ids as numbers in webhook payloads; normalise to the REST string form.
const numericId = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => String(value)),
);

const attachment = z.looseObject({
  id: numericId,
  /**
   * The issue the file was attached to. Forge's `avi:jira:created:attachment` event carries it; the
   * admin webhook's `attachment_created` delivery does not (see {@link jiraDeliveryIssueId}).
   */
  issueId: z.optional(numericId),
  filename: z.optional(z.string()),
  /** Forge's spelling of `filename`. */
  fileName: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  size: z.optional(z.number()),
  created: z.optional(z.string()),
  author: z.optional(user),
  content: z.optional(z.string()),
});

const nullableString = z.optional(z.nullable(z.string()));
const changelog = z.looseObject({
  id: z.optional(z.string()),
  items: z.array(
    z.looseObject({
      field: z.string(),
      fieldId: z.optional(z.string()),
      from: nullableString,
      fromString: nullableString,
      to: nullableString,
      toString: nullableString,
    }),
  ),
});

const base = { timestamp: z.number(), user: z.optional(user) };

/**
 * Deliveries the sync consumes, discriminated by `webhookEvent`. Objects keep fields the schema
 * does not name (Jira adds fields over time); only what the sync relies on is required.
 */
export const jiraWebhookDeliverySchema = z.discriminatedUnion("webhookEvent", [
  z.looseObject({ ...base, webhookEvent: z.literal("jira:issue_created"), issue }),
  z.looseObject({
    ...base,
    webhookEvent: z.literal("jira:issue_updated"),
    issue,
    changelog: z.optional(changelog),
  }),
  z.looseObject({ ...base, webhookEvent: z.literal("jira:issue_deleted"), issue }),
  z.looseObject({ ...base, webhookEvent: z.literal("comment_created"), comment, issue: z.optional(issue) }),
  z.looseObject({ ...base, webhookEvent: z.literal("comment_updated"), comment, issue: z.optional(issue) }),
  // No `issue` from the admin webhook; a host that knows it (URL variable `${issue.id}`, Forge's event)
  // may add it.
  z.looseObject({
    ...base,
    webhookEvent: z.literal("attachment_created"),
    attachment,
    issue: z.optional(issue),
  }),
]);

/** A validated webhook delivery; narrow on `webhookEvent`. */
export type JiraWebhookDelivery = z.output<typeof jiraWebhookDeliverySchema>;

/**
 * The id of the issue a delivery concerns, or `undefined` when the delivery does not say: Jira's admin
 * webhook sends `attachment_created` with the attachment alone (id, filename, size, author, content
 * URL), so the issue must come from elsewhere (`issue` added by the host, `attachment.issueId` as
 * Forge's attachment event carries it, or a search of recently updated issues for the attachment id).
 *
 * @example
 * const delivery = parseJiraWebhook(body);
 * const issueId = jiraDeliveryIssueId(delivery); // "10001", or undefined for a bare attachment_created
 */
export function jiraDeliveryIssueId(delivery: JiraWebhookDelivery): string | undefined {
  if (delivery.issue !== undefined) return delivery.issue.id;
  return delivery.webhookEvent === "attachment_created" ? delivery.attachment.issueId : undefined;
}
