import { z } from "zod";
import { ZohoNotificationError } from "./errors.js";

const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);

/**
 * Schema of the JSON Zoho POSTs to a channel's `notify_url`. The callback carries ids only, never
 * record data. `affected_values` and the `operation` spellings are unconfirmed in Zoho's v8 docs,
 * so both spellings of each operation are accepted.
 */
export const zohoNotificationSchema = z.object({
  server_time: z.number(),
  module: z.string().min(1),
  operation: z.enum(["insert", "create", "update", "edit", "delete"]),
  channel_id: id,
  token: z.string().optional(),
  resource_uri: z.string().optional(),
  ids: z.array(id),
  affected_fields: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  affected_values: z.unknown().optional(),
  query_params: z.record(z.string(), z.unknown()).optional(),
});

/** A verified notification, with operations normalized to `insert` / `update` / `delete`. */
export interface ZohoNotification {
  channelId: string;
  module: string;
  operation: "insert" | "update" | "delete";
  ids: string[];
  serverTime: Date;
  resourceUri: string | undefined;
  /** Per record id, the names of the fields that changed (when the channel asked for them). */
  affectedFields: Record<string, string[]>;
  affectedValues: unknown;
  queryParams: Record<string, unknown>;
}

const OPERATIONS = {
  insert: "insert",
  create: "insert",
  update: "update",
  edit: "update",
  delete: "delete",
} as const;

/**
 * Parses and verifies a notification body (raw text or parsed JSON): the token must equal
 * `expectedToken` (compared in constant time) and, when given, the channel must be one of ours.
 *
 * @example
 * const note = parseZohoNotification(req.body, { expectedToken: secret, channelIds: ["1000068001"] });
 * await client.records.list({ module: note.module, fields: ["id"], ...});
 */
export function parseZohoNotification(
  body: unknown,
  options: { expectedToken: string; channelIds?: readonly string[] },
): ZohoNotification {
  const secrets = [options.expectedToken];
  const parsed = zohoNotificationSchema.safeParse(typeof body === "string" ? parseJson(body) : body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
    throw new ZohoNotificationError(`malformed Zoho notification: ${where}`, {
      code: "INVALID_NOTIFICATION",
      secrets,
    });
  }
  const n = parsed.data;
  if (typeof n.token !== "string" || !constantTimeEqual(n.token, options.expectedToken)) {
    throw new ZohoNotificationError("notification token does not match", {
      code: "TOKEN_MISMATCH",
      secrets: [...secrets, n.token ?? ""],
    });
  }
  if (options.channelIds !== undefined && !options.channelIds.includes(n.channel_id)) {
    throw new ZohoNotificationError(`notification for unknown channel ${n.channel_id}`, {
      code: "UNKNOWN_CHANNEL",
      secrets,
    });
  }
  return {
    channelId: n.channel_id,
    module: n.module,
    operation: OPERATIONS[n.operation],
    ids: n.ids,
    serverTime: new Date(n.server_time),
    resourceUri: n.resource_uri,
    affectedFields: Object.assign({}, ...(n.affected_fields ?? [])),
    affectedValues: n.affected_values,
    queryParams: n.query_params ?? {},
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Compares two strings in time that depends only on the longer length, not on where they differ,
 * so a caller can't find the token byte by byte. Pure JS so it runs in every runtime.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const length = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
