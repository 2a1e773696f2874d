import { z } from "zod";

const user = z.looseObject({
  accountId: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
});

const issue = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

const comment = z.looseObject({
  id: z.string(),
  self: z.string().optional(),
  body: z.unknown().optional(),
  author: user.optional(),
  updateAuthor: user.optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
});

const attachment = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  filename: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  created: z.string().optional(),
  author: user.optional(),
  content: z.string().optional(),
});

const changelog = z.looseObject({
  id: z.string().optional(),
  items: z.array(
    z.looseObject({
      field: z.string(),
      fieldId: z.string().optional(),
      from: z.string().nullable().optional(),
      fromString: z.string().nullable().optional(),
      to: z.string().nullable().optional(),
      toString: z.string().nullable().optional(),
    }),
  ),
});

const base = { timestamp: z.number(), user: user.optional() };

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
    changelog: changelog.optional(),
  }),
  z.looseObject({ ...base, webhookEvent: z.literal("jira:issue_deleted"), issue }),
  z.looseObject({ ...base, webhookEvent: z.literal("comment_created"), comment, issue: issue.optional() }),
  z.looseObject({ ...base, webhookEvent: z.literal("comment_updated"), comment, issue: issue.optional() }),
  z.looseObject({ ...base, webhookEvent: z.literal("attachment_created"), attachment }),
]);

/** A validated webhook delivery; narrow on `webhookEvent`. */
export type JiraWebhookDelivery = z.infer<typeof jiraWebhookDeliverySchema>;
