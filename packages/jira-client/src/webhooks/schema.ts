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

const attachment = z.looseObject({
  // Jira has sent attachment ids as numbers in webhook payloads; normalise to the REST string form.
  id: z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((id) => String(id)),
  ),
  filename: z.optional(z.string()),
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
  z.looseObject({ ...base, webhookEvent: z.literal("attachment_created"), attachment }),
]);

/** A validated webhook delivery; narrow on `webhookEvent`. */
export type JiraWebhookDelivery = z.output<typeof jiraWebhookDeliverySchema>;
