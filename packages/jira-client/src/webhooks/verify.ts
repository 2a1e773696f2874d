import { JiraError } from "../errors.js";
import { type JiraWebhookDelivery, jiraWebhookDeliverySchema } from "./schema.js";

/** The delivery's signature is missing or does not match the body and secret. */
export class JiraWebhookSignatureError extends JiraError {}
/** The delivery is signed correctly but is not JSON of a known event shape. */
export class JiraWebhookPayloadError extends JiraError {}

/** Input of {@link verifyJiraWebhook}: the body exactly as received, before any JSON parsing. */
export interface VerifyJiraWebhookInput {
  rawBody: string | Uint8Array | ArrayBuffer;
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  secret: string;
}

const SIGNATURE_HEADER = "x-hub-signature";

function header(headers: VerifyJiraWebhookInput["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : (value as string | undefined);
  }
  return undefined;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesOf(body: VerifyJiraWebhookInput["rawBody"]): Uint8Array<ArrayBuffer> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  return body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body);
}

/**
 * Verifies an admin-webhook delivery signed with a secret (`X-Hub-Signature: sha256=<hex HMAC of
 * the raw body>`) and validates its payload. Uses Web Crypto, so it runs in Node and in Forge;
 * `crypto.subtle.verify` compares in constant time.
 *
 * @example
 * const delivery = await verifyJiraWebhook({ rawBody, headers: req.headers, secret });
 * if (delivery.webhookEvent === "comment_created") console.log(delivery.comment.id);
 */
export async function verifyJiraWebhook(input: VerifyJiraWebhookInput): Promise<JiraWebhookDelivery> {
  const secrets = input.secret ? [input.secret] : [];
  if (!input.secret) throw new JiraWebhookSignatureError("secret: must not be empty", { code: "NO_SECRET" });
  const value = header(input.headers, SIGNATURE_HEADER);
  const match = value === undefined ? null : /^sha256=(.+)$/i.exec(value.trim());
  const signature = match ? hexToBytes(match[1]!) : undefined;
  if (signature === undefined) {
    throw new JiraWebhookSignatureError("X-Hub-Signature is missing or not sha256=<64 hex digits>", {
      code: "MISSING_SIGNATURE",
      secrets,
    });
  }
  const body = bytesOf(input.rawBody);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(input.secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  if (!(await crypto.subtle.verify("HMAC", key, signature, body))) {
    throw new JiraWebhookSignatureError("X-Hub-Signature does not match the body", {
      code: "BAD_SIGNATURE",
      secrets,
    });
  }
  return parseJiraWebhook(new TextDecoder().decode(body));
}

/** Validates an already-authenticated delivery body (e.g. a JWT-checked dynamic webhook). */
export function parseJiraWebhook(json: string): JiraWebhookDelivery {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new JiraWebhookPayloadError("webhook body is not JSON", { code: "MALFORMED_PAYLOAD", cause });
  }
  const parsed = jiraWebhookDeliverySchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new JiraWebhookPayloadError(`webhook body is not a known delivery: ${where}`, {
      code: "MALFORMED_PAYLOAD",
      details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return parsed.data;
}
